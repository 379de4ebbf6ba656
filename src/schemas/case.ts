/** 案例库: one teaching case. */
import { z } from 'astro/zod';
import { choice, commonFields, refList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text } from './primitives.ts';
import { termField } from './taxonomy.ts';

export const VISIBILITIES = ['公开', '内部'] as const;

const sourceSchema = z.strictObject({
  /** Title of the public source. */
  title: text(1, 200),
  /** Publisher (报社、网站、机关). */
  publisher: text(1, 100).optional(),
  /** Publication date. */
  date: dateSchema.optional(),
  /** Link; http(s) only. */
  url: z
    .string({ error: '应为网址' })
    .trim()
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), { error: '网址必须以 http:// 或 https:// 开头' })
    .optional(),
});

export function caseSchema(ctx: SchemaContext) {
  const nextYear = Number(ctx.today.slice(0, 4)) + 1;
  return z.strictObject({
    /** Case title (2–80 字). */
    title: text(2, 80),
    ...commonFields(ctx),
    /** Where it happened, e.g. 广东省佛山市南海区. */
    region: text(2, 80),
    /** Year of the events (1949 … next year). */
    year: z
      .number({ error: '年份应为整数，如 2023' })
      .int({ error: '年份应为整数' })
      .min(1949, { error: '年份不能早于 1949' })
      .max(nextYear, { error: `年份不能晚于 ${nextYear}` }),
    /** 案例类型, one `case_kinds` term. */
    kind: termField(ctx.taxonomy.vocabularies.case_kinds, ctx.aliasMode).optional(),
    /** Public sources, ≥1. */
    sources: z.array(sourceSchema, { error: '应为来源列表' }).min(1, { error: '至少填写 1 个公开来源' }),
    /** 公开 (default) or 内部: 内部 cases are validated but never published. */
    visibility: choice(VISIBILITIES).default('公开'),
    /** 讨论题. */
    questions: z.array(text(1, 300)).optional(),
    /** Sites where the case can be seen. */
    sites: refList(ctx, 'sites').optional(),
    /** 案例编写者. */
    authors: refList(ctx, 'instructors').optional(),
  });
}
