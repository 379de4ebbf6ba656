/** 案例库: one teaching case. */
import { z } from 'astro/zod';
import { choice, commonFields, refList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text } from './primitives.ts';
import { termField } from './taxonomy.ts';

export const VISIBILITIES = ['公开', '内部'] as const;

const sourceSchema = z.strictObject({
  /** Title of the public source. */
  title: text(1, 200).meta({ title: '来源标题', description: '公开资料的标题' }),
  /** Publisher (报社、网站、机关). */
  publisher: text(1, 100).optional().meta({ title: '发布单位', description: '发布单位（报社、网站、机关）' }),
  /** Publication date. */
  date: dateSchema.optional().meta({ title: '发布日期', description: '公开资料的发布日期' }),
  /** Link; http(s) only. */
  url: z
    .string({ error: '应为网址' })
    .trim()
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), { error: '网址必须以 http:// 或 https:// 开头' })
    .optional()
    .meta({ title: '网址', description: '公开资料的链接', kind: 'url' }),
});

export function caseSchema(ctx: SchemaContext) {
  const nextYear = Number(ctx.today.slice(0, 4)) + 1;
  return z.strictObject({
    /** Case title (2–80 字). */
    title: text(2, 80).meta({ title: '案例标题', description: '案例的标题（显示名称）' }),
    ...commonFields(ctx),
    /** Where it happened, e.g. 广东省佛山市南海区. */
    region: text(2, 80).meta({ title: '发生地', description: '事件发生地，如 `广东省佛山市南海区`' }),
    /** Year of the events (1949 … next year). */
    year: z
      .number({ error: '年份应为整数，如 2023' })
      .int({ error: '年份应为整数' })
      .min(1949, { error: '年份不能早于 1949' })
      .max(nextYear, { error: `年份不能晚于 ${nextYear}` })
      .meta({ title: '年份', description: '事件发生的年份', maxLabel: '明年' }),
    /** 案例类型, one `case_kinds` term. */
    kind: termField(ctx.taxonomy.vocabularies.case_kinds, ctx.aliasMode).optional().meta({ title: '案例类型', description: '案例类型' }),
    /** Public sources, ≥1. */
    sources: z
      .array(sourceSchema, { error: '应为来源列表' })
      .min(1, { error: '至少填写 1 个公开来源' })
      .meta({ title: '公开来源', description: '案例依据的公开资料；按约定是公开文件，其文字不算内部案例的泄露' }),
    /** 公开 (default) or 内部: 内部 cases are validated but never published. */
    visibility: choice(VISIBILITIES).default('公开').meta({
      title: '公开范围',
      description: '内部案例照常检查，但永不发布：没有页面、没有搜索记录，任何构建文件中都不会出现它；公开条目也不能引用它',
    }),
    /** 讨论题. */
    questions: z.array(text(1, 300)).optional().meta({ title: '讨论题', description: '供课堂讨论的问题，每项一题' }),
    /** Sites where the case can be seen. */
    sites: refList(ctx, 'sites').optional().meta({ title: '现场教学点', description: '可以实地看到该案例的现场教学点' }),
    /** 案例编写者. */
    authors: refList(ctx, 'instructors').optional().meta({ title: '编写者', description: '案例的编写者（教师）' }),
  });
}
