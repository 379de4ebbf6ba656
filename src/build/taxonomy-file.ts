/**
 * Reading taxonomy.yaml for the site build, which every schema depends on. Plain Node
 * module: used by `src/content.config.ts`, the catalog loader and the tests. The checker
 * reads the same file itself, to report each problem with its line.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { taxonomySchema, type Taxonomy } from '../schemas/taxonomy.ts';

/** Reads a file as UTF-8 text without a BOM. */
export function readText(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/**
 * The taxonomy, for the site build. Throws one readable message naming taxonomy.yaml if
 * it is missing, unreadable or invalid (a label that cannot be a URL segment included);
 * the checker reports the same problems in detail, with lines, before a build starts.
 */
export function loadTaxonomy(root: string): Taxonomy {
  const file = path.join(root, 'taxonomy.yaml');
  if (!existsSync(file)) throw new Error(`找不到词表文件 ${file}（taxonomy.yaml 是必需的）`);
  const fail = (what: string) => new Error(`词表文件 taxonomy.yaml 有误（${file}）：${what}。运行 npm run check 查看全部问题`);
  let raw: unknown;
  try {
    raw = parse(readText(file));
  } catch (error) {
    throw fail(`YAML 无法读取：${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
  }
  const result = taxonomySchema.safeParse(raw);
  if (!result.success) {
    const [first, ...rest] = result.error.issues;
    throw fail(`${first.path.join('.') || '-'}：${first.message}${rest.length ? `（另有 ${rest.length} 个问题）` : ''}`);
  }
  return result.data;
}
