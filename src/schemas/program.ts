/** 培训班次: a training program with its timetable. */
import { z } from 'astro/zod';
import { commonFields, refList, termList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text, timeSchema } from './primitives.ts';

/** The score scales of a 训后评估 questionnaire. */
export const EVALUATION_SCALES = [5, 100] as const;
export type EvaluationScale = (typeof EVALUATION_SCALES)[number];

/** Lowest and highest score of a scale: 1–5 on the 5-point scale, 0–100 on the 100-point one. */
export function scoreRange(scale: EvaluationScale): [number, number] {
  return scale === 5 ? [1, 5] : [0, 100];
}

/**
 * The 训后评估 rules' messages and hints, shared by the schema (below) and the checker's
 * second pass over raw front matter (src/build/check/rules/relations.ts), so both say the
 * same. The checker gives each message a rule name (CUSTOM_RULES in zod-issues.ts).
 */
export const EVALUATION_PROBLEMS = {
  dateBeforeEnd: (date: string, end: string) => ({
    message: `训后评估日期 ${date} 早于班次结束日期 ${end}`,
    hint: '问卷在班次结束后才截止：evaluation.date 应不早于 end，检查日期是否写错',
  }),
  dateInFuture: (date: string, today: string) => ({
    message: `训后评估日期 ${date} 晚于今天（${today}）`,
    hint: '训后评估在问卷截止后填写：日期写问卷实际截止的那一天',
  }),
  notScheduled: (id: string, scheduled: string[]) => ({
    message: `课程 “${id}” 没有安排在本班次的课表中`,
    hint: scheduled.length
      ? `只能评估本班次 sessions 中安排的课程：${scheduled.join('、')}`
      : '本班次的 sessions 中没有安排课程（course），不能给课程评分',
  }),
  scoreRange: (what: string, score: number, scale: EvaluationScale) => {
    const [low, high] = scoreRange(scale);
    return {
      message: `${what} ${score} 超出 ${scale} 分制的范围（${low}–${high}）`,
      hint: scale === 5 ? '5 分制的评分在 1–5 之间；百分制的结果请写 scale: 100' : '百分制的评分在 0–100 之间',
    };
  },
  duplicateCourse: (id: string, first: number) => ({
    message: `课程 “${id}” 重复评分：第 ${first + 1} 项已经评过`,
    hint: '每门课程只写一次，分数是全部答卷的汇总结果；请删除重复的一项',
  }),
};

/** A problem as a zod issue: the hint travels in `params` (the checker shows it). */
function withHint({ message, hint }: { message: string; hint: string }) {
  return { message, params: { hint } };
}

/** The id of a reference: a plain string in the checker, `{id, collection}` from Astro's `reference()`. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

/**
 * 训后评估: aggregate results of the program's questionnaire, never individual answers
 * (strict objects: no room for comments, names or per-trainee scores).
 */
function evaluationSchema(ctx: SchemaContext) {
  const score = (what: string) => z.number({ error: `${what}应为数字` });
  return z
    .strictObject({
      /** When the questionnaire closed: on or after the program's `end`, not in the future. */
      date: dateSchema.superRefine((date, issues) => {
        if (date > ctx.today) {
          issues.addIssue({ code: 'custom', ...withHint(EVALUATION_PROBLEMS.dateInFuture(date, ctx.today)) });
        }
      }),
      /** How many trainees answered (≥1). */
      respondents: z.number({ error: '答卷人数应为整数' }).int({ error: '答卷人数应为整数' }).min(1, { error: '答卷人数至少为 1' }),
      /** The score scale: 5 (default) or 100. */
      scale: z.literal(EVALUATION_SCALES, { error: '评分制应为 5 或 100' }).default(5),
      /** Overall score of the program, within the scale. */
      overall: score('总体评分').optional(),
      /** One aggregate score per evaluated course, ≥1; each course at most once. */
      courses: z
        .array(
          z.strictObject({
            /** The course: one scheduled in this program's `sessions`. */
            course: ctx.ref('courses'),
            /** Its aggregate score, within the scale. */
            score: score('课程评分'),
          }),
          { error: '应为课程评分列表（每项 { course, score }）' },
        )
        .min(1, { error: '至少填写 1 门课程的评分' }),
    })
    .superRefine((e, issues) => {
      const scale = e.scale as EvaluationScale;
      const [low, high] = scoreRange(scale);
      const check = (what: string, value: number, path: (string | number)[]) => {
        if (value < low || value > high)
          issues.addIssue({ code: 'custom', path, ...withHint(EVALUATION_PROBLEMS.scoreRange(what, value, scale)) });
      };
      if (e.overall !== undefined) check('总体评分', e.overall, ['overall']);
      const first = new Map<string, number>();
      e.courses.forEach((c, i) => {
        check('课程评分', c.score, ['courses', i, 'score']);
        const id = idOf(c.course);
        if (id === undefined) return;
        if (first.has(id))
          issues.addIssue({
            code: 'custom',
            path: ['courses', i, 'course'],
            ...withHint(EVALUATION_PROBLEMS.duplicateCourse(id, first.get(id)!)),
          });
        else first.set(id, i);
      });
    });
}

function sessionSchema(ctx: SchemaContext) {
  return z
    .strictObject({
      /** Day of the session, within the program's dates. */
      date: dateSchema,
      /** Start time, "HH:MM". */
      from: timeSchema,
      /** End time, "HH:MM". */
      to: timeSchema,
      /** The course taught. */
      course: ctx.ref('courses').optional(),
      /** The site visited. */
      site: ctx.ref('sites').optional(),
      /** Free title (开班式, 结业式 …). */
      title: text(1, 80).optional(),
      /** Instructors of this session (defaults to the course's group). */
      instructors: refList(ctx, 'instructors').optional(),
    })
    .superRefine((s, issues) => {
      if (s.course === undefined && s.site === undefined && s.title === undefined) {
        issues.addIssue({ code: 'custom', path: [], message: '每节课至少填写 course、site、title 之一' });
      }
      if (s.from >= s.to) issues.addIssue({ code: 'custom', path: ['to'], message: `结束时间 ${s.to} 应晚于开始时间 ${s.from}` });
    });
}

export function programSchema(ctx: SchemaContext) {
  const { topics: _topics, tags: _tags, ...common } = commonFields(ctx);
  return z
    .strictObject({
      /** Program title (2–80 字). */
      title: text(2, 80),
      ...common,
      /** Optional topics and tags, as in the libraries. */
      topics: commonFields(ctx).topics.optional(),
      tags: commonFields(ctx).tags,
      /** 培训对象. */
      audiences: termList(ctx, 'audiences', 1),
      /** First day. */
      start: dateSchema,
      /** Last day. */
      end: dateSchema,
      /** 培训地点. */
      venue: text(2, 120),
      /** 计划人数. */
      capacity: z.number({ error: '人数应为整数' }).int().min(1).optional(),
      /** The timetable, ≥1 session. */
      sessions: z.array(sessionSchema(ctx), { error: '应为课程安排列表' }).min(1, { error: '至少安排 1 节课' }),
      /** 训后评估: aggregate questionnaire results, added after the program ends. */
      evaluation: evaluationSchema(ctx).optional(),
    })
    .superRefine((p, issues) => {
      if (p.start > p.end) issues.addIssue({ code: 'custom', path: ['end'], message: `结束日期 ${p.end} 早于开始日期 ${p.start}` });
      p.sessions.forEach((s, i) => {
        if (s.date < p.start || s.date > p.end) {
          issues.addIssue({ code: 'custom', path: ['sessions', i, 'date'], message: `${s.date} 不在班次日期 ${p.start} 至 ${p.end} 之内` });
        }
        for (let j = 0; j < i; j++) {
          const o = p.sessions[j];
          if (o.date === s.date && s.from < o.to && o.from < s.to) {
            issues.addIssue({
              code: 'custom',
              path: ['sessions', i, 'from'],
              message: `与第 ${j + 1} 节（${o.date} ${o.from}–${o.to}）时间重叠`,
            });
          }
        }
      });
      if (p.evaluation) {
        const e = p.evaluation;
        if (e.date < p.end)
          issues.addIssue({ code: 'custom', path: ['evaluation', 'date'], ...withHint(EVALUATION_PROBLEMS.dateBeforeEnd(e.date, p.end)) });
        const scheduled = [...new Set(p.sessions.map((s) => idOf(s.course)).filter((id) => id !== undefined))];
        e.courses.forEach((c, i) => {
          const id = idOf(c.course);
          if (id !== undefined && !scheduled.includes(id)) {
            issues.addIssue({
              code: 'custom',
              path: ['evaluation', 'courses', i, 'course'],
              ...withHint(EVALUATION_PROBLEMS.notScheduled(id, scheduled)),
            });
          }
        });
      }
    });
}
