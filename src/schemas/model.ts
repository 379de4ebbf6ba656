/**
 * The content model as data, read from the schemas themselves: every field with what its
 * `.meta()` says (title, description, vocabulary, reference target) and what its zod
 * definition says (required or not, default, type, limits). The JSON Schemas, the field
 * tables of docs/content-model.md, the comments of `npm run new` and the reference table
 * (src/shared/refs.ts) are all generated from here, so each text lives once, on its field.
 *
 * Pure zod, browser-safe (a form editor can be generated from the same data).
 */
import { z } from 'astro/zod';
import { caseSchema } from './case.ts';
import type { RefTarget, SchemaContext } from './context.ts';
import { courseSchema } from './course.ts';
import { instructorSchema } from './instructor.ts';
import { ID_PATTERN, idSchema } from './primitives.ts';
import { programSchema } from './program.ts';
import { schoolsFileSchema } from './school.ts';
import { taxonomySchema, VOCABULARY_NAMES, type Taxonomy, type VocabularyName } from './taxonomy.ts';
import { siteSchema } from './site.ts';

/**
 * What a field's `.meta()` carries. `title` and `description` are plain JSON Schema
 * annotations; the other keys are the content model's own (the JSON Schemas leave them out).
 */
export interface FieldMeta {
  /** Short Chinese name of the field (form label; JSON Schema `title`). */
  title?: string;
  /** What the field means, one or two sentences (tooltip, docs, template comment). Required on every field. */
  description?: string;
  /** The vocabulary of taxonomy.yaml a term field checks against (set by `termField`). */
  vocabulary?: VocabularyName;
  /** The collection a reference points at (set by `refTo`). */
  ref?: RefTarget;
  /** When an optional field is required after all, in words: `状态为 \`已纳入\` 时`. */
  requiredWhen?: string;
  /** Unit of a number: `分钟`, `天`. */
  unit?: string;
  /** A maximum that moves with the calendar, in words (`明年`); generated files print this, not the number. */
  maxLabel?: string;
  /** What a string holds when its type does not say: a time of day, a web address, an image path. */
  kind?: 'time' | 'url' | 'image';
  /** A list that refuses repeated items (set by `uniqueList`; also a JSON Schema keyword). */
  uniqueItems?: boolean;
}

/** The keys of `FieldMeta` that are not JSON Schema keywords. */
export const MODEL_META_KEYS = ['vocabulary', 'ref', 'requiredWhen', 'unit', 'maxLabel', 'kind'] as const;

export type TypeModel =
  | { kind: 'text'; min?: number; max?: number; format?: 'time' | 'url' | 'image' }
  | { kind: 'number'; integer: boolean; min?: number; max?: number; step?: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'id'; ref?: RefTarget }
  | { kind: 'term'; vocabulary: VocabularyName }
  | { kind: 'choice'; values: Array<string | number> }
  | { kind: 'list'; item: TypeModel; min?: number; max?: number; unique: boolean }
  | { kind: 'object'; fields: FieldModel[] }
  | { kind: 'union'; options: TypeModel[] }
  | { kind: 'unknown' };

export interface FieldModel {
  key: string;
  /** Dotted path from the top, list items leaving no segment: `sessions.date`. */
  path: string;
  meta: FieldMeta;
  /** Must be written (no default, not optional). */
  required: boolean;
  /** The value used when the field is left out. */
  default?: unknown;
  type: TypeModel;
}

// biome-ignore lint/suspicious/noExplicitAny: zod internals (_zod.def) are untyped
type Def = Record<string, any>;
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The `.meta()` of one schema node (zod merges what it was cloned from). */
export function metaOf(schema: z.ZodType): FieldMeta {
  return (z.globalRegistry.get(schema) as FieldMeta | undefined) ?? {};
}

/** Peels optional/default wrappers, collecting their metadata (outer wins). */
function unwrap(schema: z.ZodType) {
  let node = schema;
  let optional = false;
  let hasDefault = false;
  let value: unknown;
  const metas: FieldMeta[] = [metaOf(node)];
  for (;;) {
    const def = defOf(node);
    if (def?.type === 'optional') optional = true;
    else if (def?.type === 'default' || def?.type === 'prefault') {
      if (!hasDefault) value = def.defaultValue;
      hasDefault = true;
    } else break;
    node = def.innerType;
    metas.push(metaOf(node));
  }
  const meta: FieldMeta = Object.assign({}, ...metas.reverse());
  return { node, optional, hasDefault, value, meta };
}

/** A date field: a union of `Date` and text, normalised by a transform (primitives.ts `dateSchema`). */
function isDate(def: Def): boolean {
  const input = def.type === 'pipe' ? defOf(def.in) : undefined;
  return input?.type === 'union' && input.options.some((o: unknown) => defOf(o)?.type === 'date');
}

function checksOf(def: Def): Def[] {
  return ((def.checks ?? []) as unknown[]).map((c) => defOf(c) ?? {});
}

/** The type of one schema node (wrappers already peeled), with the metadata in force there. */
function typeOf(schema: z.ZodType, meta: FieldMeta, path: string): TypeModel {
  const def = defOf(schema);
  if (!def) return { kind: 'unknown' };
  if (meta.vocabulary) return { kind: 'term', vocabulary: meta.vocabulary };
  if (meta.ref) return { kind: 'id', ref: meta.ref };
  if (isDate(def)) return { kind: 'date' };
  switch (def.type) {
    case 'string': {
      const out: TypeModel & { kind: 'text' } = { kind: 'text' };
      for (const c of checksOf(def)) {
        if (c.check === 'min_length') out.min = c.minimum;
        if (c.check === 'max_length') out.max = c.maximum;
        if (c.check === 'string_format' && c.format === 'regex' && String(c.pattern) === String(ID_PATTERN)) return { kind: 'id' };
      }
      if (meta.kind) out.format = meta.kind;
      return out;
    }
    case 'number': {
      const out: TypeModel & { kind: 'number' } = { kind: 'number', integer: false };
      for (const c of checksOf(def)) {
        if (c.check === 'number_format' && /int/.test(c.format)) out.integer = true;
        if (c.check === 'greater_than') out.min = c.value;
        if (c.check === 'less_than') out.max = c.value;
        if (c.check === 'multiple_of') out.step = c.value;
      }
      return out;
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'choice', values: Object.values(def.entries as Record<string, string>) };
    case 'literal':
      return { kind: 'choice', values: [...(def.values as Array<string | number>)] };
    case 'array': {
      const out: TypeModel & { kind: 'list' } = {
        kind: 'list',
        item: field('', def.element, path).type,
        unique: meta.uniqueItems === true,
      };
      for (const c of checksOf(def)) {
        if (c.check === 'min_length') out.min = c.minimum;
        if (c.check === 'max_length') out.max = c.maximum;
      }
      return out;
    }
    case 'object':
      return { kind: 'object', fields: Object.entries(def.shape as Record<string, z.ZodType>).map(([k, s]) => field(k, s, path)) };
    case 'union':
      return { kind: 'union', options: (def.options as z.ZodType[]).map((o) => field('', o, path).type) };
    case 'pipe':
      // A transform after the input schema (phone numbers, vocabularies): the input is what is written.
      return field('', def.in, path).type;
    default:
      return { kind: 'unknown' };
  }
}

function field(key: string, schema: z.ZodType, parent: string): FieldModel {
  const { node, optional, hasDefault, value, meta } = unwrap(schema);
  const path = key ? (parent ? `${parent}.${key}` : key) : parent;
  const type = typeOf(node, meta, path);
  const model: FieldModel = { key, path, meta, required: !optional && !hasDefault, type };
  if (hasDefault) model.default = value;
  return model;
}

/** The fields of an object schema (or of the items of a list of objects), in order. */
export function fieldsOf(schema: z.ZodType): FieldModel[] {
  let type = field('', schema, '').type;
  while (type.kind === 'list') type = type.item;
  return type.kind === 'object' ? type.fields : [];
}

/** Every field of a schema, nested ones included, depth first. */
export function allFields(schema: z.ZodType): FieldModel[] {
  const out: FieldModel[] = [];
  const visit = (type: TypeModel) => {
    if (type.kind === 'object')
      for (const f of type.fields) {
        out.push(f);
        visit(f.type);
      }
    else if (type.kind === 'list') visit(type.item);
    else if (type.kind === 'union') type.options.forEach(visit);
  };
  visit(field('', schema, '').type);
  return out;
}

/**
 * A context for reading the model (not for validating content): no vocabulary terms, a
 * fixed day, plain id references. The structure and metadata do not depend on it.
 */
const MODEL_CONTEXT: SchemaContext = {
  taxonomy: {
    review_months: 12,
    vocabularies: Object.fromEntries(VOCABULARY_NAMES.map((name) => [name, { name, terms: [] }])) as unknown as Taxonomy['vocabularies'],
  },
  today: '2000-01-01',
  ref: () => idSchema,
  aliasMode: 'accept',
};

/** The schema of each file the content model defines, for reading its fields. */
export interface ModelSchemas {
  courses: z.ZodType;
  cases: z.ZodType;
  sites: z.ZodType;
  instructors: z.ZodType;
  programs: z.ZodType;
  /** `schools.yaml`: a list of schools. */
  schools: z.ZodType;
  taxonomy: z.ZodType;
}

let cached: ModelSchemas | undefined;

/** The schemas built once with a neutral context (structure and `.meta()` only). */
export function modelSchemas(): ModelSchemas {
  cached ??= {
    courses: courseSchema(MODEL_CONTEXT),
    cases: caseSchema(MODEL_CONTEXT),
    sites: siteSchema(MODEL_CONTEXT),
    instructors: instructorSchema(MODEL_CONTEXT),
    programs: programSchema(MODEL_CONTEXT),
    schools: schoolsFileSchema,
    taxonomy: taxonomySchema,
  };
  return cached;
}

/** Fields without a description (the generators refuse to run while there are any). */
export function undescribed(schema: z.ZodType): string[] {
  return allFields(schema)
    .filter((f) => !f.meta.description)
    .map((f) => f.path);
}
