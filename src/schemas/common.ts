/**
 * Fields shared by the four libraries (and, in part, by programs).
 */
import { z } from 'astro/zod';
import type { SchemaContext } from './context.ts';
import { pastDateSchema, tagsSchema, text, uniqueList } from './primitives.ts';
import { termField } from './taxonomy.ts';

export function commonFields(ctx: SchemaContext) {
  return {
    /** One-paragraph abstract for cards and search results (10–300 字). */
    summary: text(10, 300),
    /** 专题领域: 1–6 `topics` terms. */
    topics: uniqueList(termField(ctx.taxonomy.vocabularies.topics, ctx.aliasMode), { min: 1, max: 6 }),
    /** The school that maintains the entry (id in `schools.yaml`). */
    owner: ctx.ref('schools'),
    /** Last content review, not in the future. */
    reviewed: pastDateSchema(ctx.today),
    /** Free keywords, indexed by search. */
    tags: tagsSchema.optional(),
  };
}

/** A list of references with at least `min` items, no repeats. */
export function refList(ctx: SchemaContext, target: Parameters<SchemaContext['ref']>[0], min = 0) {
  return uniqueList(ctx.ref(target) as z.ZodType, { min });
}

/** A list of terms of one vocabulary. */
export function termList(ctx: SchemaContext, vocabulary: keyof SchemaContext['taxonomy']['vocabularies'], min = 0) {
  return uniqueList(termField(ctx.taxonomy.vocabularies[vocabulary], ctx.aliasMode), { min });
}

/** A closed set of values fixed by the content model (not a school vocabulary). */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `应为以下之一：${values.join(' · ')}` });
}
