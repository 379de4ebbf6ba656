/**
 * Friendly diagnostics from zod issues: Chinese messages, the field's line, and a
 * hint (did-you-mean for misspelled field names and vocabulary terms).
 */
import type { z } from 'astro/zod';
import type { Taxonomy, VocabularyName } from '../../schemas/index.ts';
import type { FieldPath } from '../refs.ts';
import { didYouMean } from '../suggest.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { YamlSource } from './source.ts';

type Issue = z.core.$ZodIssue;

/** The object keys a schema accepts at a path (for "did you mean" on unknown fields). */
export function knownKeys(schema: z.ZodType, path: FieldPath): string[] {
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
  let cur: any = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[seg as any];
  }
  return cur;
}

let toSimplified: ((s: string) => string) | undefined;
async function loadConverter() {
  if (!toSimplified) {
    const OpenCC = await import('opencc-js');
    toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  }
  return toSimplified;
}

export interface IssueContext {
  file: string;
  data: unknown;
  yaml?: YamlSource;
  schema: z.ZodType;
  taxonomy?: Taxonomy;
  /** Prefix for paths (items of schools.yaml live under their index). */
  basePath?: FieldPath;
}

export async function issuesToDiagnostics(issues: Issue[], ctx: IssueContext): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const base = ctx.basePath ?? [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as FieldPath)];
    const localPath = issue.path as FieldPath;
    const field = localPath.length ? localPath.join('.') : '-';
    const at = (p: FieldPath, key = false) => ctx.yaml?.locate(p, { key }) ?? { line: 1, column: 1 };
    const params = (issue as { params?: Record<string, any> }).params ?? {};

    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(ctx.schema, localPath);
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        const pos = at([...path, key], true);
        out.push({
          file: ctx.file, ...pos, field: [...localPath, key].join('.'), severity: 'error', rule: 'unknown-field',
          message: `未知字段 “${key}”`,
          hint: guess ? `是不是 “${guess}”？` : `可用字段：${known.join(', ')}`,
        });
      }
      continue;
    }

    const value = valueAt(ctx.data, localPath);
    const missing = value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value');
    const pos = at(path);
    if (missing) {
      out.push({ file: ctx.file, ...pos, field, severity: 'error', rule: 'missing-field', message: `缺少必填字段 ${field}`, hint: 'docs/content-model.md 列出了每个库的必填字段；npm run new 可生成带全部必填字段的模板' });
      continue;
    }

    let hint: string | undefined;
    let rule = 'invalid-value';
    if (params.kind === 'vocabulary' && ctx.taxonomy) {
      rule = 'unknown-term';
      const vocabulary = ctx.taxonomy.vocabularies[params.vocabulary as VocabularyName];
      const spellings = vocabulary.terms.flatMap((t) => [t.label, ...t.aliases]);
      const convert = await loadConverter();
      const simplified = convert(String(params.value));
      const exact = vocabulary.terms.find((t) => t.label === simplified);
      const guess = exact?.label ?? didYouMean(String(params.value), spellings);
      hint = exact
        ? `这是 “${exact.label}” 的繁体写法：请改为 “${exact.label}”，或在 taxonomy.yaml 中把它加为别名`
        : guess
          ? `是不是 “${guess}”？可用词条：${vocabulary.terms.map((t) => t.label).join('、')}`
          : `可用词条：${vocabulary.terms.map((t) => t.label).join('、')}（新增词条请修改 taxonomy.yaml）`;
    } else if (params.kind === 'alias') {
      rule = 'vocabulary-alias';
      hint = `改为 “${params.canonical}”`;
    } else if (issue.code === 'invalid_type') {
      rule = 'wrong-type';
    }
    out.push({
      file: ctx.file, ...pos, field,
      severity: params.severity === 'warning' ? 'warning' : 'error',
      rule,
      message: issue.message,
      hint,
    });
  }
  return out;
}
