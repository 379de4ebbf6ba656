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
    title: text(2, 80).meta({ title: '课程名称', description: '课程的名称（显示名称）' }),
    ...commonFields(ctx),
    /** 内容板块, one `pillars` term. */
    pillar: termField(ctx.taxonomy.vocabularies.pillars, ctx.aliasMode).meta({
      title: '内容板块',
      description: '课程所属的内容板块；课程菜单按板块分组',
    }),
    /** 教学形式, ≥1 `formats` terms. */
    formats: termList(ctx, 'formats', 1).meta({
      title: '教学形式',
      description: '课程采用的教学形式；有多种形式时，培训方案的学时统计在各形式间平均分配',
    }),
    /** 培训对象, ≥1 `audiences` terms. */
    audiences: termList(ctx, 'audiences', 1).meta({
      title: '培训对象',
      description: '课程适用的培训对象；每个培训对象有自己的课程菜单页',
    }),
    /** 学时: 0.5–40 in steps of 0.5. */
    hours: z
      .number({ error: '学时应为数字，如 3 或 1.5' })
      .min(0.5, { error: '学时至少 0.5' })
      .max(40, { error: '学时最多 40' })
      .multipleOf(0.5, { error: '学时应为 0.5 的整数倍' })
      .meta({ title: '学时', description: '课程的学时，计入培训方案和班次的学时汇总' }),
    /** The teaching group; the first instructor leads ("1+N" 联合授课组). */
    instructors: refList(ctx, 'instructors', 1).meta({
      title: '授课教师',
      description: '授课组，第一位是主讲（“1+N”联合授课组）',
    }),
    /** Cases used in the course. */
    cases: refList(ctx, 'cases').optional().meta({ title: '案例', description: '课程使用的案例；公开的课程不能引用内部案例' }),
    /** Field-teaching sites visited. */
    sites: refList(ctx, 'sites').optional().meta({ title: '现场教学点', description: '课程安排的现场教学点' }),
    /** 授课方式 (default 线下). */
    delivery: choice(DELIVERY_MODES).default('线下').meta({ title: '授课方式', description: '线下、线上或线上线下混合授课' }),
    /** 入库 · 试讲 · 停用 — 停用 courses keep their page but leave menus and plans. */
    status: choice(COURSE_STATUSES).meta({
      title: '状态',
      description: '入库、试讲或停用；停用课程保留页面（有标记），但不进入课程菜单和培训方案',
    }),
    /** 精品课程. */
    featured: z.boolean({ error: '应为 true 或 false' }).default(false).meta({ title: '精品课程', description: '是否精品课程' }),
    /** 教学目标. */
    objectives: z.array(text(1, 300)).optional().meta({ title: '教学目标', description: '课程的教学目标，每项一条' }),
  });
}
