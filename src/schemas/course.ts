/** 课程库: one course of the menu. */
import { z } from 'astro/zod';
import { choice, commonFields, refList, termList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { text } from './primitives.ts';
import { termField } from './taxonomy.ts';

export const COURSE_STATUSES = ['入库', '试讲', '停用'] as const;
export const DELIVERY_MODES = ['线下', '线上', '混合'] as const;

export function courseSchema(ctx: SchemaContext) {
  return z.strictObject({
    /** Course title (2–80 字). */
    title: text(2, 80),
    ...commonFields(ctx),
    /** 内容板块, one `pillars` term. */
    pillar: termField(ctx.taxonomy.vocabularies.pillars, ctx.aliasMode),
    /** 教学形式, ≥1 `formats` terms. */
    formats: termList(ctx, 'formats', 1),
    /** 培训对象, ≥1 `audiences` terms. */
    audiences: termList(ctx, 'audiences', 1),
    /** 学时: 0.5–40 in steps of 0.5. */
    hours: z
      .number({ error: '学时应为数字，如 3 或 1.5' })
      .min(0.5, { error: '学时至少 0.5' })
      .max(40, { error: '学时最多 40' })
      .refine((h) => Number.isInteger(h * 2), { error: '学时应为 0.5 的整数倍' }),
    /** The teaching group; the first instructor leads ("1+N" 联合授课组). */
    instructors: refList(ctx, 'instructors', 1),
    /** Cases used in the course. */
    cases: refList(ctx, 'cases').optional(),
    /** Field-teaching sites visited. */
    sites: refList(ctx, 'sites').optional(),
    /** 授课方式 (default 线下). */
    delivery: choice(DELIVERY_MODES).default('线下'),
    /** 入库 · 试讲 · 停用 — 停用 courses keep their page but leave menus and plans. */
    status: choice(COURSE_STATUSES),
    /** 精品课程. */
    featured: z.boolean({ error: '应为 true 或 false' }).default(false),
    /** 教学目标. */
    objectives: z.array(text(1, 300)).optional(),
  });
}
