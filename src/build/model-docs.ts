/**
 * The field tables of docs/content-model.md, generated from the schemas' `.meta()` and
 * definitions (src/schemas/model.ts). Each table sits between marker comments, the prose
 * around them is written by hand:
 *
 *     <!-- fields:courses -->
 *     | 字段 | 类型 | 必填 | 含义 |
 *     …
 *     <!-- /fields -->
 *
 * `npm run schemas` rewrites the tables; `npm run schemas -- --check` fails when they are stale.
 * The same wording of types and requiredness serves the comments of `npm run new`.
 */
import type { RefTarget } from '../schemas/index.ts';
import { type FieldModel, fieldsOf, type ModelSchemas, modelSchemas, type TypeModel } from '../schemas/model.ts';

const REF_NOUN: Record<RefTarget, string> = {
  schools: '`schools.yaml` 中党校的 id',
  courses: '课程 id',
  cases: '案例 id',
  sites: '教学点 id',
  instructors: '教师 id',
};

function range(min: number | undefined, max: number | undefined, maxLabel: string | undefined, unit = ''): string {
  if (min !== undefined && maxLabel) return `${num(min)} 至${maxLabel}`;
  if (min !== undefined && max !== undefined) return min < 0 ? `${num(min)} 到 ${num(max)}${unit}` : `${min}–${max}${unit}`;
  if (min !== undefined) return `至少 ${num(min)}${unit}`;
  if (max !== undefined) return `最多 ${num(max)}${unit}`;
  return '';
}

const join = (...parts: string[]) => parts.filter(Boolean).join('，');

/** Concatenates, with a space where Chinese text meets code or Latin letters (`教师 id 列表`). */
function spaced(...parts: string[]): string {
  return parts.reduce((out, part) => {
    const edge = (out.at(-1) ?? '') + (part[0] ?? '');
    return out + (/^[\x21-\x7e][\u3400-\u9fff]$|^[\u3400-\u9fff][\x21-\x7e]$/.test(edge) ? ' ' : '') + part;
  }, '');
}

/** A number as the docs print it: a true minus sign. */
const num = (n: number) => String(n).replace(/^-/, '−');

/** The shape of an object in one line: `{lat, lng, crs?}`. */
function shape(type: TypeModel & { kind: 'object' }): string {
  return `\`{${type.fields.map((f) => (f.required ? f.key : `${f.key}?`)).join(', ')}}\``;
}

/** What one item of a list is, as a noun. */
function noun(type: TypeModel): string {
  switch (type.kind) {
    case 'term':
      return `\`${type.vocabulary}\` 词表中的词条`;
    case 'id':
      return type.ref ? REF_NOUN[type.ref] : 'id';
    case 'text':
      return type.format === 'url' ? '网址' : '文字';
    case 'number':
      return type.integer ? '整数' : '数字';
    case 'date':
      return '日期';
    case 'object':
      return shape(type);
    case 'choice':
      return type.values.map((v) => `\`${v}\``).join(' · ');
    case 'union':
      return spaced(...type.options.flatMap((o, i) => (i ? ['或', noun(o)] : [noun(o)])));
    default:
      return '值';
  }
}

/** The type column: what to write and its limits, e.g. `文字，2–80 字`. */
export function typeText(field: Pick<FieldModel, 'type' | 'meta'>): string {
  const { type, meta } = field;
  switch (type.kind) {
    case 'text':
      if (type.format === 'time') return '时间 `"HH:MM"`（24 小时制，要加引号）';
      if (type.format === 'url') return '网址，以 `http://` 或 `https://` 开头';
      if (type.format === 'image') return '图片路径（相对于本条目文件）';
      return join('文字', range(type.min && type.min > 1 ? type.min : undefined, type.max, undefined, ' 字'));
    case 'number':
      return join(
        `${type.integer ? '整数' : '数字'}${meta.unit ? `（${meta.unit}）` : ''}`,
        range(type.min, type.max, meta.maxLabel),
        type.step ? `${type.step} 的整数倍` : '',
      );
    case 'boolean':
      return '`true` · `false`';
    case 'date':
      return '日期 `YYYY-MM-DD`';
    case 'id':
      return type.ref ? REF_NOUN[type.ref] : 'id（小写字母、数字和连字符）';
    case 'term':
      return `\`${type.vocabulary}\` 词表中的一个词条`;
    case 'choice':
      return noun(type);
    case 'object':
      return shape(type);
    case 'union':
      return noun(type);
    case 'list': {
      const item = type.item;
      const itemLimit = item.kind === 'text' && item.max !== undefined && !item.format ? `每项最多 ${item.max} 字` : '';
      return join(spaced(noun(item), '列表'), range(type.min, type.max, undefined, ' 项'), type.unique ? '不重复' : '', itemLimit);
    }
    default:
      return '—';
  }
}

/** The required column: `是`, `否`, `否，默认 \`线下\``, or when it is required. */
export function requiredText(field: FieldModel): string {
  if (field.required) return '是';
  if (field.meta.requiredWhen) return `${field.meta.requiredWhen}必填`;
  if (field.default !== undefined) return `否，默认 \`${String(field.default)}\``;
  return '否';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(fields: FieldModel[]): string {
  const rows = fields.map((f) => `| \`${f.key}\` | ${cell(typeText(f))} | ${cell(requiredText(f))} | ${cell(f.meta.description ?? '')} |`);
  return ['| 字段 | 类型 | 必填 | 含义 |', '|---|---|---|---|', ...rows].join('\n');
}

interface Nested {
  heading: string;
  fields: FieldModel[];
  owners: string[];
}

/** The objects inside the fields of a table (a field that is an object, or a list of them), depth first. */
function nestedTables(fields: FieldModel[], out: Nested[] = []): Nested[] {
  for (const f of fields) {
    const visit = (type: TypeModel, each: boolean) => {
      if (type.kind === 'list') return visit(type.item, true);
      if (type.kind === 'union') {
        for (const option of type.options) if (option.kind === 'object') add(option, `的每一项写成 ${shape(option)} 时`);
        return;
      }
      if (type.kind === 'object') add(type, each ? '的每一项' : '的字段');
    };
    const add = (type: TypeModel & { kind: 'object' }, heading: string) => {
      const same = out.find((n) => n.heading === heading && table(n.fields) === table(type.fields));
      if (same) same.owners.push(f.path);
      else {
        out.push({ heading, fields: type.fields, owners: [f.path] });
        nestedTables(type.fields, out);
      }
    };
    visit(f.type, false);
  }
  return out;
}

/** A table of fields, followed by a table for each object inside them. */
export function fieldsMarkdown(fields: FieldModel[]): string {
  const parts = [table(fields)];
  for (const n of nestedTables(fields)) {
    parts.push(`${n.owners.map((o) => `\`${o}\``).join('、')} ${n.heading}：`, table(n.fields));
  }
  return parts.join('\n\n');
}

const LIBRARY_NAMES = ['courses', 'cases', 'sites', 'instructors'] as const;

/** The fields of each table the docs can ask for, by marker name. */
export function docTables(schemas: ModelSchemas = modelSchemas()): Record<string, FieldModel[]> {
  const library = Object.fromEntries(LIBRARY_NAMES.map((name) => [name, fieldsOf(schemas[name])])) as Record<
    (typeof LIBRARY_NAMES)[number],
    FieldModel[]
  >;
  const shared = library.courses.filter((f) => LIBRARY_NAMES.every((name) => library[name].some((g) => g.key === f.key)));
  const own = (name: (typeof LIBRARY_NAMES)[number]) => library[name].filter((f) => !shared.some((s) => s.key === f.key));
  return {
    common: shared,
    courses: own('courses'),
    cases: own('cases'),
    sites: own('sites'),
    instructors: own('instructors'),
    programs: fieldsOf(schemas.programs),
    schools: fieldsOf(schemas.schools),
    taxonomy: fieldsOf(schemas.taxonomy),
  };
}

const MARKER = /(<!-- fields:([a-z]+) -->\n)([\s\S]*?)(<!-- \/fields -->)/g;

/**
 * `text` (docs/content-model.md) with every marked table regenerated. Throws on a marker
 * naming no table, and when a table has no marker (every table has its place in the docs).
 */
export function renderModelDocs(text: string, tables = docTables()): string {
  const used = new Set<string>();
  const out = text.replace(MARKER, (_all, open: string, name: string, _old: string, close: string) => {
    const fields = tables[name];
    if (!fields) throw new Error(`docs/content-model.md：没有名为 “${name}” 的字段表（可用：${Object.keys(tables).join('、')}）`);
    used.add(name);
    return `${open}\n${fieldsMarkdown(fields)}\n\n${close}`;
  });
  const missing = Object.keys(tables).filter((name) => !used.has(name));
  if (missing.length) throw new Error(`docs/content-model.md 缺少字段表的位置：${missing.map((n) => `<!-- fields:${n} -->`).join('、')}`);
  return out;
}
