/**
 * Friendly diagnostics from zod issues: Chinese messages, the field's line, and a
 * hint (did-you-mean for misspelled field names and vocabulary terms). The schemas' own
 * rules name themselves: their issues carry `params: { rule, hint }` (src/schemas/rules.ts),
 * reported as they are, so the rule and hint are the same wherever the rule fired.
 */
import type { z } from 'astro/zod';
import type { Taxonomy, VocabularyName } from '../../schemas/index.ts';
import { ruleOf } from '../../schemas/rules.ts';
import type { FieldPath } from '../../shared/refs.ts';
import { suggest } from './suggest.ts';
import type { Diagnostic } from './diagnostics.ts';
import { toSimplified } from './traditional.ts';

type Issue = z.core.$ZodIssue;

/** The object keys a schema accepts at a path (for "did you mean" on unknown fields). */
export function knownKeys(schema: z.ZodType, path: FieldPath): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: zod internals (_zod.def)
  let node: any = schema;
  const unwrap = () => {
    for (;;) {
      const def = node?._zod?.def;
      if (!def) return;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') node = def.innerType;
      else if (def.type === 'pipe') node = def.in;
      else return;
    }
  };
  unwrap();
  for (const segment of path) {
    const def = node?._zod?.def;
    if (def?.type === 'object' && typeof segment === 'string') node = def.shape[segment];
    else if (def?.type === 'array' && typeof segment === 'number') node = def.element;
    else return [];
    unwrap();
  }
  const def = node?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown> | undefined)?.[seg];
  }
  return cur;
}

export interface IssueContext {
  file: string;
  data: unknown;
  /** Where a field path is written (lazy: positions are parsed only when needed). */
  locate: (path: FieldPath, options?: { key?: boolean }) => { line: number; column: number };
  schema: z.ZodType;
  taxonomy?: Taxonomy;
  /** Prefix for paths (items of schools.yaml live under their index). */
  basePath?: FieldPath;
}

/** Field names that would hold personal contact data: refused with a pointed hint. */
const PERSONAL_FIELDS =
  /^(phone|mobile|tel|telephone|cellphone|email|e-mail|mail|wechat|weixin|qq|id_?card|id_?number|identity|home|home_?address|address_home|电话|手机|邮箱|微信|身份证|住址|家庭住址)$/i;

/** Words for a value's type in messages (“应为文字，实际是数字”). */
function typeName(value: unknown): string {
  if (value === null) return '空值';
  if (Array.isArray(value)) return '列表';
  switch (typeof value) {
    case 'string':
      return '文字';
    case 'number':
      return '数字';
    case 'boolean':
      return 'true/false';
    case 'object':
      return '“字段: 值” 结构';
    default:
      return typeof value;
  }
}

export async function issuesToDiagnostics(issues: Issue[], ctx: IssueContext): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const base = ctx.basePath ?? [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as FieldPath)];
    const localPath = issue.path as FieldPath;
    const field = localPath.length ? localPath.join('.') : '-';
    const at = (p: FieldPath, key = false) => ctx.locate(p, { key });
    const params = (issue as { params?: Record<string, unknown> }).params ?? {};

    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(ctx.schema, localPath);
      for (const key of issue.keys) {
        const guess = suggest(key, known);
        const pos = at([...path, key], true);
        const hint = PERSONAL_FIELDS.test(key)
          ? '条目中不得填写个人联系方式（电话、手机、邮箱、身份证号、家庭住址）；联系方式请写所属党校'
          : key === 'id' || key === 'slug'
            ? 'id 就是文件名（不含扩展名），不用写在 front matter 中'
            : guess
              ? `是不是 “${guess}”？`
              : `可用字段：${known.join(', ')}`;
        out.push({
          file: ctx.file,
          ...pos,
          field: [...localPath, key].join('.'),
          severity: 'error',
          rule: 'unknown-field',
          message: `未知字段 “${key}”`,
          hint,
        });
      }
      continue;
    }

    const value = valueAt(ctx.data, localPath);
    const pos = at(path);
    const shapeIssue = issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value';
    if (value === undefined && shapeIssue) {
      out.push({
        file: ctx.file,
        ...pos,
        field,
        severity: 'error',
        rule: 'missing-field',
        message: `缺少必填字段 ${field}`,
        hint: 'docs/content-model.md 列出了每个库的必填字段；npm run new 可生成带全部必填字段的模板',
      });
      continue;
    }
    if (value === null && shapeIssue) {
      out.push({
        file: ctx.file,
        ...pos,
        field,
        severity: 'error',
        rule: 'empty-value',
        message: `字段 ${field} 没有填写值`,
        hint: `在冒号后填写内容（${issue.message}），不需要的可选字段请整行删除`,
      });
      continue;
    }

    let hint: string | undefined;
    let rule = 'invalid-value';
    let message = issue.message;
    if (params.kind === 'vocabulary' && ctx.taxonomy) {
      rule = 'unknown-term';
      const vocabulary = ctx.taxonomy.vocabularies[params.vocabulary as VocabularyName];
      const labels = vocabulary.terms.map((t) => t.label);
      const spellings = vocabulary.terms.flatMap((t) => [t.label, ...t.aliases]);
      const simplified = await toSimplified(String(params.value));
      const exact = vocabulary.terms.find((t) => t.label === simplified || t.aliases.includes(simplified));
      const guess = exact?.label ?? suggest(String(params.value), spellings);
      hint = exact
        ? `这是 “${exact.label}” 的繁体写法：请改为 “${exact.label}”，或在 taxonomy.yaml 中把它加为别名`
        : guess
          ? `是不是 “${guess}”？可用词条：${labels.join('、')}`
          : `可用词条：${labels.join('、')}（新增词条请修改 taxonomy.yaml）`;
    } else if (params.kind === 'alias') {
      rule = 'vocabulary-alias';
      hint = `改为 “${params.canonical}”`;
    } else if (issue.code === 'invalid_value' && 'values' in issue && typeof value === 'string') {
      // A closed choice of the content model (status, employment …).
      const values = (issue.values as unknown[]).map(String);
      const simplified = await toSimplified(value);
      message = `“${value}” 不是可选的值；${issue.message}`;
      hint = values.includes(simplified)
        ? `这是 “${simplified}” 的繁体写法：请改为 “${simplified}”（固定选项只接受简体）`
        : suggest(value, values)
          ? `是不是 “${suggest(value, values)}”？`
          : `可选：${values.join('、')}`;
    } else if (issue.code === 'invalid_type') {
      rule = 'wrong-type';
      message = `${issue.message}（实际填写的是${typeName(value)}）`;
      if (typeof value === 'string' && issue.expected === 'number') hint = '数字不要加引号、汉字或单位，如 hours: 3';
    } else if (issue.code === 'custom') {
      // The schemas' named rules (src/schemas/rules.ts) carry their name and hint with the issue.
      const named = ruleOf(issue);
      if (named) {
        rule = named.rule;
        hint = named.hint;
      }
    } else if (issue.code === 'too_big' || issue.code === 'too_small') {
      rule = typeof value === 'number' ? 'out-of-range' : issue.code === 'too_big' ? 'too-long' : 'too-short';
      if (typeof value === 'string') message = `${issue.message}（现在 ${value.trim().length} 个字）`;
      else if (Array.isArray(value)) message = `${issue.message}（现在 ${value.length} 项）`;
    }
    out.push({ file: ctx.file, ...pos, field, severity: params.severity === 'warning' ? 'warning' : 'error', rule, message, hint });
  }
  return out;
}
