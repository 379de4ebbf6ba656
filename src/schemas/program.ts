/** 培训班次: a training program with its timetable. */
import { z } from 'astro/zod';
import { commonFields, refList, termList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text, timeSchema } from './primitives.ts';

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
            issues.addIssue({ code: 'custom', path: ['sessions', i, 'from'], message: `与第 ${j + 1} 节（${o.date} ${o.from}–${o.to}）时间重叠` });
          }
        }
      });
    });
}
