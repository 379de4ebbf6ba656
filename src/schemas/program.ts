/** 培训班次: a training program with its timetable. */
import { z } from 'astro/zod';
import { commonFields, refList, refTo, termList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text, timeSchema } from './primitives.ts';
import { crossField, idOf, ruleIssue } from './rules.ts';

/** The score scales of a 训后评估 questionnaire. */
export const EVALUATION_SCALES = [5, 100] as const;
export type EvaluationScale = (typeof EVALUATION_SCALES)[number];

/** Lowest and highest score of a scale: 1–5 on the 5-point scale, 0–100 on the 100-point one. */
export function scoreRange(scale: EvaluationScale): [number, number] {
  return scale === 5 ? [1, 5] : [0, 100];
}

const SCORE_RANGE_TEXT = '在评分制范围内（5 分制 1–5，百分制 0–100）';

/**
 * 训后评估: aggregate results of the program's questionnaire, never individual answers
 * (strict objects: no room for comments, names or per-trainee scores).
 */
function evaluationSchema(ctx: SchemaContext) {
  const score = (what: string) => z.number({ error: `${what}应为数字` });
  return z
    .strictObject({
      /** When the questionnaire closed: on or after the program's `end`, not in the future. */
      date: dateSchema
        .superRefine((date, issues) => {
          if (date > ctx.today) {
            issues.addIssue(
              ruleIssue('evaluation-date', {
                message: `训后评估日期 ${date} 晚于今天（${ctx.today}）`,
                hint: '训后评估在问卷截止后填写：日期写问卷实际截止的那一天',
              }),
            );
          }
        })
        .meta({ title: '问卷截止日期', description: '问卷截止的日期：不早于班次结束日期 `end`，不能晚于今天' }),
      /** How many trainees answered (≥1). */
      respondents: z
        .number({ error: '答卷人数应为整数' })
        .int({ error: '答卷人数应为整数' })
        .min(1, { error: '答卷人数至少为 1' })
        .meta({ title: '答卷人数', description: '交回问卷的学员人数', unit: '人' }),
      /** The score scale: 5 (default) or 100. */
      scale: z
        .literal(EVALUATION_SCALES, { error: '评分制应为 5 或 100' })
        .default(5)
        .meta({ title: '评分制', description: '5 分制或百分制' }),
      /** Overall score of the program, within the scale. */
      overall: score('总体评分')
        .optional()
        .meta({ title: '总体评分', description: `班次的总体评分，${SCORE_RANGE_TEXT}` }),
      /** One aggregate score per evaluated course, ≥1; each course at most once. */
      courses: z
        .array(
          z.strictObject({
            /** The course: one scheduled in this program's `sessions`. */
            course: refTo(ctx, 'courses').meta({ title: '课程', description: '评估的课程：必须是本班次 `sessions` 中安排的课程' }),
            /** Its aggregate score, within the scale. */
            score: score('课程评分').meta({ title: '评分', description: `该课程全部答卷的汇总评分，${SCORE_RANGE_TEXT}` }),
          }),
          { error: '应为课程评分列表（每项 { course, score }）' },
        )
        .min(1, { error: '至少填写 1 门课程的评分' })
        .meta({ title: '课程评分', description: '每门评估过的课程一项；同一课程只写一次' }),
    })
    .check(
      crossField((r) => {
        const scale = r.valid<EvaluationScale>('scale');
        if (scale === undefined) return;
        const [low, high] = scoreRange(scale);
        const inRange = (what: string, path: (string | number)[]) => {
          const value = r.valid<number>(...path);
          if (value === undefined || (value >= low && value <= high)) return;
          r.report('evaluation-score-range', path, {
            message: `${what} ${value} 超出 ${scale} 分制的范围（${low}–${high}）`,
            hint: scale === 5 ? '5 分制的评分在 1–5 之间；百分制的结果请写 scale: 100' : '百分制的评分在 0–100 之间',
          });
        };
        inRange('总体评分', ['overall']);
        r.items('courses').forEach((_, i) => {
          inRange('课程评分', ['courses', i, 'score']);
        });
      }),
      crossField((r) => {
        const first = new Map<string, number>();
        r.items('courses').forEach((_, i) => {
          const id = idOf(r.valid('courses', i, 'course'));
          if (id === undefined) return;
          const seen = first.get(id);
          if (seen === undefined) first.set(id, i);
          else
            r.report('evaluation-duplicate-course', ['courses', i, 'course'], {
              message: `课程 “${id}” 重复评分：第 ${seen + 1} 项已经评过`,
              hint: '每门课程只写一次，分数是全部答卷的汇总结果；请删除重复的一项',
            });
        });
      }),
    );
}

function sessionSchema(ctx: SchemaContext) {
  return z
    .strictObject({
      /** Day of the session, within the program's dates. */
      date: dateSchema.meta({ title: '日期', description: '这节课的日期，在班次起止日期之内' }),
      /** Start time, "HH:MM". */
      from: timeSchema.meta({ title: '开始时间', description: '这节课的开始时间' }),
      /** End time, "HH:MM". */
      to: timeSchema.meta({ title: '结束时间', description: '这节课的结束时间，晚于开始时间' }),
      /** The course taught. */
      course: refTo(ctx, 'courses').optional().meta({ title: '课程', description: '这节课讲授的课程' }),
      /** The site visited. */
      site: refTo(ctx, 'sites').optional().meta({ title: '现场教学点', description: '这节课去的现场教学点' }),
      /** Free title (开班式, 结业式 …). */
      title: text(1, 80).optional().meta({ title: '名称', description: '这节课的名称，如开班式、结业式；也可以给课程或现场教学另起名称' }),
      /** Instructors of this session (defaults to the course's group). */
      instructors: refList(ctx, 'instructors')
        .optional()
        .meta({ title: '授课教师', description: '这节课的授课教师；不填时为课程的授课组' }),
    })
    .check(
      crossField((r) => {
        const { course, site, title } = r.value;
        if (course === undefined && site === undefined && title === undefined) {
          r.report('session-empty', [], { message: '每节课至少填写 course、site、title 之一' });
        }
        const from = r.valid<string>('from');
        const to = r.valid<string>('to');
        if (from && to && from >= to) r.report('session-time', ['to'], { message: `结束时间 ${to} 应晚于开始时间 ${from}` });
      }),
    );
}

export function programSchema(ctx: SchemaContext) {
  const { topics: _topics, tags: _tags, ...common } = commonFields(ctx);
  return z
    .strictObject({
      /** Program title (2–80 字). */
      title: text(2, 80).meta({ title: '班次名称', description: '培训班次的名称（显示名称）' }),
      ...common,
      /** Optional topics and tags, as in the libraries. */
      topics: commonFields(ctx).topics.optional(),
      tags: commonFields(ctx).tags,
      /** 培训对象. */
      audiences: termList(ctx, 'audiences', 1).meta({ title: '培训对象', description: '班次的培训对象' }),
      /** First day. */
      start: dateSchema.meta({ title: '开始日期', description: '班次的第一天' }),
      /** Last day. */
      end: dateSchema.meta({ title: '结束日期', description: '班次的最后一天，不早于开始日期' }),
      /** 培训地点. */
      venue: text(2, 120).meta({ title: '培训地点', description: '培训地点' }),
      /** 计划人数. */
      capacity: z
        .number({ error: '人数应为整数' })
        .int()
        .min(1)
        .optional()
        .meta({ title: '计划人数', description: '计划招收的学员人数', unit: '人' }),
      /** The timetable, ≥1 session. */
      sessions: z.array(sessionSchema(ctx), { error: '应为课程安排列表' }).min(1, { error: '至少安排 1 节课' }).meta({
        title: '课程安排',
        description:
          '逐节课的课表：每节写 `date`、`from`、`to`，以及 `course`、`site`、`title` 至少一个；日期在班次起止之内，同一天的两节课不能时间重叠',
      }),
      /** 训后评估: aggregate questionnaire results, added after the program ends. */
      evaluation: evaluationSchema(ctx).optional().meta({
        title: '训后评估',
        description: '训后评估：本班次问卷的汇总结果，班次结束后填写；只写汇总数字，不写任何个人答卷（也不接受其他字段，如评语、姓名）',
      }),
    })
    .check(
      crossField((r) => {
        const start = r.valid<string>('start');
        const end = r.valid<string>('end');
        if (start && end && start > end) r.report('date-order', ['end'], { message: `结束日期 ${end} 早于开始日期 ${start}` });
      }),
      crossField((r) => {
        const start = r.valid<string>('start');
        const end = r.valid<string>('end');
        const sessions = r.items('sessions').map((_, i) => ({
          date: r.valid<string>('sessions', i, 'date'),
          from: r.valid<string>('sessions', i, 'from'),
          to: r.valid<string>('sessions', i, 'to'),
        }));
        sessions.forEach((s, i) => {
          if (s.date && start && end && (s.date < start || s.date > end)) {
            r.report('session-outside-program', ['sessions', i, 'date'], {
              message: `${s.date} 不在班次日期 ${start} 至 ${end} 之内`,
              hint: '改正日期，或调整班次的 start / end',
            });
          }
          for (let j = 0; j < i; j++) {
            const o = sessions[j];
            if (!s.date || !s.from || !s.to || !o.from || !o.to || o.date !== s.date) continue;
            if (s.from < o.to && o.from < s.to) {
              r.report('session-overlap', ['sessions', i, 'from'], {
                message: `与第 ${j + 1} 节（${o.date} ${o.from}–${o.to}）时间重叠`,
                hint: '调整其中一节的时间，同一天的课程不能交叠',
              });
            }
          }
        });
      }),
      crossField((r) => {
        const end = r.valid<string>('end');
        const date = r.valid<string>('evaluation', 'date');
        if (date && end && date < end) {
          r.report('evaluation-date', ['evaluation', 'date'], {
            message: `训后评估日期 ${date} 早于班次结束日期 ${end}`,
            hint: '问卷在班次结束后才截止：evaluation.date 应不早于 end，检查日期是否写错',
          });
        }
        // Every course the timetable names counts as scheduled, whatever else is wrong with its session.
        const scheduled = [
          ...new Set(
            r
              .items('sessions')
              .map((s) => idOf((s as { course?: unknown } | null)?.course))
              .filter((id) => id !== undefined),
          ),
        ];
        r.items('evaluation', 'courses').forEach((_, i) => {
          const id = idOf(r.valid('evaluation', 'courses', i, 'course'));
          if (id === undefined || scheduled.includes(id)) return;
          r.report('evaluation-course-not-scheduled', ['evaluation', 'courses', i, 'course'], {
            message: `课程 “${id}” 没有安排在本班次的课表中`,
            hint: scheduled.length
              ? `只能评估本班次 sessions 中安排的课程：${scheduled.join('、')}`
              : '本班次的 sessions 中没有安排课程（course），不能给课程评分',
          });
        });
      }),
    );
}
