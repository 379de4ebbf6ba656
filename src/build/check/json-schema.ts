/**
 * JSON Schemas of the front matter of each library (and of schools.yaml and
 * taxonomy.yaml), generated from the same zod schemas the checker and the build use.
 * zod describes the input side (`io: 'input'`) and copies each field's `.meta()` title
 * and description (the Chinese tooltips). Two things zod cannot know are added: the
 * terms of each vocabulary (as `enum`, labels and aliases) and dates (`format: date`).
 * The content model's own metadata keys (vocabulary, ref …) are left out.
 */
import { z } from 'astro/zod';
import {
  COLLECTIONS,
  createSchemas,
  idSchema,
  schoolsFileSchema,
  taxonomySchema,
  type Collection,
  type Taxonomy,
} from '../../schemas/index.ts';
import { MODEL_META_KEYS, metaOf } from '../../schemas/model.ts';

const DATE = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const DATE_DESCRIPTION = '日期 YYYY-MM-DD';

function isDate(schema: z.ZodType): boolean {
  // biome-ignore lint/suspicious/noExplicitAny: zod internals (_zod.def)
  const def = (schema as any)._zod?.def;
  const input = def?.type === 'pipe' ? def.in?._zod?.def : undefined;
  // biome-ignore lint/suspicious/noExplicitAny: zod internals (_zod.def)
  return input?.type === 'union' && input.options.some((o: any) => o._zod?.def?.type === 'date');
}

/** Model metadata out, and descriptions as plain text (editors show them as they are). */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((MODEL_META_KEYS as readonly string[]).includes(key)) continue;
    if (key === 'description' && typeof value === 'string') out[key] = value.replace(/`/g, '');
    // Field names are not keywords: a field may well be called `kind`.
    else if ((key === 'properties' || key === '$defs') && value && typeof value === 'object')
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, tidy(schema)]));
    else out[key] = tidy(value);
  }
  return out;
}

function toJsonSchema(schema: z.ZodType, taxonomy: Taxonomy | undefined, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const target = ctx.jsonSchema as Record<string, unknown>;
      const zodSchema = ctx.zodSchema as unknown as z.ZodType;
      const meta = metaOf(zodSchema);
      if (isDate(zodSchema)) {
        const { title: own, description } = target;
        for (const k of Object.keys(target)) delete target[k];
        Object.assign(target, DATE, own === undefined ? {} : { title: own }, { description: description ?? DATE_DESCRIPTION });
        return;
      }
      if (meta.vocabulary && taxonomy) {
        target.enum = taxonomy.vocabularies[meta.vocabulary].terms.flatMap((t) => [t.label, ...t.aliases]);
        target.description ??= `taxonomy.yaml 中 ${meta.vocabulary} 的词条（繁体别名可用，检查器会提示改为规范写法）`;
      }
      // A maximum that moves with the calendar is left out, so the committed file stays put.
      if (meta.maxLabel) delete target.maximum;
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = tidy(json) as Record<string, unknown>;
  return { $schema, $comment: '由 npm run schemas 从 src/schemas/ 生成，请勿手改', title, ...rest };
}

const TITLES: Record<Collection | 'schools' | 'taxonomy', string> = {
  courses: '四库 · 课程库条目（courses/<id>.md 的 front matter）',
  cases: '四库 · 案例库条目（cases/<id>.md 的 front matter）',
  sites: '四库 · 现场教学点条目（sites/<id>.md 的 front matter）',
  instructors: '四库 · 师资库条目（instructors/<id>.md 的 front matter）',
  programs: '四库 · 培训班次（programs/<id>.md 的 front matter）',
  schools: '四库 · schools.yaml（共建党校列表）',
  taxonomy: '四库 · taxonomy.yaml（受控词表）',
};

/** Every schema, keyed by file name stem (`courses` → schemas/courses.schema.json). */
export function jsonSchemas(taxonomy: Taxonomy, today: string): Record<string, Record<string, unknown>> {
  const schemas = createSchemas({ taxonomy, today, ref: () => idSchema, aliasMode: 'accept' });
  const out: Record<string, Record<string, unknown>> = {};
  for (const collection of COLLECTIONS) out[collection] = toJsonSchema(schemas[collection], taxonomy, TITLES[collection]);
  out.schools = toJsonSchema(schoolsFileSchema, undefined, TITLES.schools);
  out.taxonomy = toJsonSchema(taxonomySchema, undefined, TITLES.taxonomy);
  return out;
}
