/**
 * Fields shared by the four libraries (and, in part, by programs), and the helpers every
 * library schema builds its fields with. Each field's `.meta()` says what it means; the
 * JSON Schemas, docs/content-model.md and `npm run new` are generated from it.
 */
import { z } from 'astro/zod';
import type { RefTarget, SchemaContext } from './context.ts';
import { pastDateSchema, tagsSchema, text, uniqueList } from './primitives.ts';
import { termField } from './taxonomy.ts';

export function commonFields(ctx: SchemaContext) {
  return {
    /** One-paragraph abstract for cards and search results (10–300 字). */
    summary: text(10, 300).meta({ title: '摘要', description: '一段话摘要，用于卡片和搜索结果' }),
    /** 专题领域: 1–6 `topics` terms. */
    topics: uniqueList(termField(ctx.taxonomy.vocabularies.topics, ctx.aliasMode), { min: 1, max: 6 }).meta({
      title: '专题领域',
      description: '专题领域；条目列在每个专题的专题页 `/topics/<slug>/` 上',
    }),
    /** The school that maintains the entry (id in `schools.yaml`). */
    owner: refTo(ctx, 'schools').meta({ title: '所属党校', description: '维护该条目的党校（三级党校共建共享）' }),
    /** Last content review, not in the future. */
    reviewed: pastDateSchema(ctx.today).meta({
      title: '复核日期',
      description: '最近一次内容复核的日期，不能晚于今天；超过 `review_months` 个月（默认 12）显示“待复核”，检查器给出警告',
    }),
    /** Free keywords, indexed by search. */
    tags: tagsSchema.optional().meta({ title: '标签', description: '自由关键词，可被搜索' }),
  };
}

/** A reference to an entry of `target` (its id); `.meta({ ref })` names the target for the reference table. */
export function refTo(ctx: SchemaContext, target: RefTarget) {
  return ctx.ref(target).meta({ ref: target });
}

/** A list of references with at least `min` items, no repeats. */
export function refList(ctx: SchemaContext, target: RefTarget, min = 0) {
  return uniqueList(refTo(ctx, target), { min });
}

/** A list of terms of one vocabulary. */
export function termList(ctx: SchemaContext, vocabulary: keyof SchemaContext['taxonomy']['vocabularies'], min = 0) {
  return uniqueList(termField(ctx.taxonomy.vocabularies[vocabulary], ctx.aliasMode), { min });
}

/** A closed set of values fixed by the content model (not a school vocabulary). */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `应为以下之一：${values.join(' · ')}` });
}
