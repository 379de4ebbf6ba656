/**
 * One Decap CMS field per field of the content model (src/schemas/model.ts): the same
 * titles, descriptions, limits, vocabularies and references the JSON Schemas and the docs
 * are generated from, as form widgets. Browser-independent data; Node only for the
 * vocabularies and schools it is given.
 */
import type { FieldModel, TypeModel } from '../../schemas/model.ts';
import { ID_PATTERN } from '../../schemas/primitives.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';

/** A Decap field (the keys Siku uses; Decap accepts more). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  [option: string]: unknown;
}

/** A school of schools.yaml, as the `owner` pick list shows it. */
export interface SchoolOption {
  id: string;
  name: string;
}

/** What the widgets are built from besides the model. */
export interface WidgetContext {
  taxonomy: Taxonomy;
  schools: SchoolOption[];
  /** `YYYY-MM-DD`: limits that move with the calendar (`maxLabel: 明年`) are computed from it. */
  today: string;
}

/** The field a reference's pick list searches and shows: every collection names its entries by `title` or `name`. */
export const DISPLAY_FIELD: Record<string, string> = {
  courses: 'title',
  cases: 'title',
  programs: 'title',
  sites: 'name',
  instructors: 'name',
};

const TIME_PATTERN: [string, string] = ['^([01]\\d|2[0-3]):[0-5]\\d$', '时间应写成 HH:MM（24 小时制，如 14:30）'];
const URL_PATTERN: [string, string] = ['^https?://\\S+$', '网址必须以 http:// 或 https:// 开头'];

/** The id pattern, as Decap's `pattern` option takes it. */
export const ID_FIELD_PATTERN: [string, string] = [
  ID_PATTERN.source,
  'id 只能用小写拼音或英文字母、数字，以连字符分隔（如 cun-ji-gong-ye-yuan）',
];

/** Decap's date picker, storing the `YYYY-MM-DD` text the contract asks for (no time, no time zone). */
const DATE_OPTIONS = { widget: 'datetime', format: 'YYYY-MM-DD', date_format: 'YYYY-MM-DD', time_format: false };

/** A length limit as a pattern (Decap's string widget has no min/max). */
function lengthPattern(min?: number, max?: number): [string, string] | undefined {
  if (min === undefined && max === undefined) return undefined;
  const words = min !== undefined && max !== undefined ? `${min}–${max} 个字` : min !== undefined ? `至少 ${min} 个字` : `最多 ${max} 个字`;
  return [`^[\\s\\S]{${min ?? 0},${max ?? ''}}$`, `应为 ${words}`];
}

/** The hint under a field: its description, when it is required after all, and its unit. */
function hintOf(field: FieldModel): string | undefined {
  const parts = [field.meta.description];
  if (field.meta.requiredWhen) parts.push(`${field.meta.requiredWhen}必填。`);
  if (field.meta.unit) parts.push(`单位：${field.meta.unit}。`);
  return parts.filter(Boolean).join(' ') || undefined;
}

/** A vocabulary's pick list: labels, then each alias (kept so an entry written with one is not emptied on save). */
function termOptions(ctx: WidgetContext, vocabulary: keyof Taxonomy['vocabularies']) {
  return ctx.taxonomy.vocabularies[vocabulary].terms.flatMap((term) => [
    { label: term.label, value: term.label },
    ...term.aliases.map((alias) => ({ label: `${alias}（建议改为 ${term.label}）`, value: alias })),
  ]);
}

/** The widget options for a value of type `type` (without name, label, required, hint). */
function widgetOf(
  type: TypeModel,
  ctx: WidgetContext,
  multiple?: { min?: number; max?: number },
  maxLabel?: string,
  optional = false,
): Omit<CmsField, 'name' | 'label'> {
  const limits = multiple
    ? { multiple: true, ...(multiple.min ? { min: multiple.min } : {}), ...(multiple.max ? { max: multiple.max } : {}) }
    : {};
  switch (type.kind) {
    case 'text': {
      if (type.format === 'image') return { widget: 'image', choose_url: false };
      if (type.format === 'time') return { widget: 'string', pattern: TIME_PATTERN };
      if (type.format === 'url') return { widget: 'string', pattern: URL_PATTERN };
      const pattern = lengthPattern(type.min, type.max);
      // Long texts (a summary, a safety note) get a text area.
      return { widget: (type.max ?? 0) > 120 ? 'text' : 'string', ...(pattern ? { pattern } : {}) };
    }
    case 'number': {
      // The model reads its limits with a fixed day; a calendar-bound maximum is today's.
      const max = maxLabel === '明年' ? Number(ctx.today.slice(0, 4)) + 1 : maxLabel ? undefined : type.max;
      return {
        widget: 'number',
        value_type: type.integer ? 'int' : 'float',
        ...(type.min !== undefined ? { min: type.min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(type.step !== undefined ? { step: type.step } : {}),
      };
    }
    case 'boolean':
      return { widget: 'boolean' };
    case 'date':
      return { ...DATE_OPTIONS };
    case 'id':
      if (type.ref === 'schools') {
        return { widget: 'select', options: ctx.schools.map((s) => ({ label: `${s.name}（${s.id}）`, value: s.id })), ...limits };
      }
      if (type.ref) {
        const display = DISPLAY_FIELD[type.ref];
        return {
          widget: 'relation',
          collection: type.ref,
          search_fields: [display],
          display_fields: [display],
          // The file name is the id: store it, whatever the pick list shows.
          value_field: '{{slug}}',
          options_length: 50,
          ...limits,
        };
      }
      return { widget: 'string', pattern: ID_FIELD_PATTERN };
    case 'term':
      return { widget: 'select', options: termOptions(ctx, type.vocabulary), ...limits };
    case 'choice':
      return { widget: 'select', options: type.values.map((v) => ({ label: String(v), value: v })), ...limits };
    case 'list': {
      const item = type.item;
      // Lists of picks are one multi-select; other lists repeat their item's form.
      if (item.kind === 'term' || item.kind === 'choice' || (item.kind === 'id' && item.ref)) {
        return widgetOf(item, ctx, { min: type.min, max: type.max });
      }
      const bounds = { ...(type.min ? { min: type.min } : {}), ...(type.max ? { max: type.max } : {}) };
      if (item.kind === 'object') {
        // A collapsed item shows its plain values (`2026-12-01 09:00 09:30 开班式`).
        const summary = item.fields
          .filter((f) => !['list', 'object'].includes(f.type.kind))
          .map((f) => `{{fields.${f.key}}}`)
          .join(' ');
        return { widget: 'list', summary, collapsed: false, fields: item.fields.map((f) => cmsField(f, ctx)), ...bounds };
      }
      return { widget: 'list', field: { name: 'item', label: '项', ...widgetOf(item, ctx) }, ...bounds };
    }
    case 'object':
      return { widget: 'object', collapsed: false, fields: type.fields.map((f) => cmsField(f, ctx, optional)) };
    case 'union':
      return widgetOf(type.options[0] ?? { kind: 'unknown' }, ctx);
    default:
      return { widget: 'string' };
  }
}

/**
 * The Decap field of one model field (nested fields included). Inside an optional object
 * (a term of appointment, a map position) nothing is required in the form: Decap would
 * otherwise refuse to save an entry that leaves the whole object out. The hint says what
 * is required once the object is filled in, and the checker holds to it.
 */
export function cmsField(field: FieldModel, ctx: WidgetContext, inOptional = false): CmsField {
  const optional = inOptional || !field.required;
  const out = {
    name: field.key,
    label: field.meta.title ?? field.key,
    ...widgetOf(field.type, ctx, undefined, field.meta.maxLabel, optional),
    required: field.required && !inOptional,
  } as CmsField;
  const hint = [hintOf(field), field.required && inOptional ? '填写上一级时必填。' : ''].filter(Boolean).join(' ');
  if (hint) out.hint = hint;
  // A default inside an optional object would make Decap write the object (`location: {crs: GCJ02}`)
  // for an entry that leaves it out; the schema applies the default anyway.
  if (field.default !== undefined && !inOptional) out.default = field.default;
  return out;
}
