/** 师资库: one instructor of the pool. */
import { z } from 'astro/zod';
import { choice, commonFields } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text } from './primitives.ts';
import { termField } from './taxonomy.ts';

export const EMPLOYMENTS = ['专职', '兼职'] as const;
export const INSTRUCTOR_STATUSES = ['在库', '暂停', '退出'] as const;

const termSchema = z
  .strictObject({
    /** First day of the appointment. */
    start: dateSchema,
    /** Last day of the appointment. */
    end: dateSchema,
  })
  .refine((t) => t.start <= t.end, { error: '聘期开始日期不能晚于结束日期', path: ['end'] });

export function instructorSchema(ctx: SchemaContext) {
  return z
    .strictObject({
      /** Display name (2–80 字). */
      name: text(2, 80),
      ...commonFields(ctx),
      /** One `instructor_categories` term ("五类"师资). */
      category: termField(ctx.taxonomy.vocabularies.instructor_categories, ctx.aliasMode),
      /** 专职 · 兼职. */
      employment: choice(EMPLOYMENTS),
      /** 工作单位. */
      affiliation: text(2, 100),
      /** 职务/职称. */
      position: text(1, 100).optional(),
      /** 聘期. */
      term: termSchema.optional(),
      /** 在库 · 暂停 · 退出. */
      status: choice(INSTRUCTOR_STATUSES),
      /** Portrait, relative to the entry file. */
      photo: (ctx.image?.() ?? z.string({ error: '应为图片路径' }).trim().min(1)).optional(),
      /** Alternative text for the portrait. */
      photo_alt: text(1, 200).optional(),
      /** false: no profile page; the name still shows on their courses. */
      publish: z.boolean({ error: '应为 true 或 false' }).default(true),
    })
    .superRefine((entry, issues) => {
      if (entry.photo && !entry.photo_alt) {
        issues.addIssue({ code: 'custom', path: ['photo_alt'], message: '有照片时必须填写 photo_alt（照片的文字说明，供读屏软件使用）' });
      }
    });
}
