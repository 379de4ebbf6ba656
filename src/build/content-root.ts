/**
 * Where the content lives and the two YAML files every schema depends on.
 * Plain Node module: used by `src/content.config.ts`, the checker and the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { taxonomySchema, type Taxonomy } from '../schemas/taxonomy.ts';
import { readEnv, type RawEnv } from './env.ts';

/**
 * The folder holding astro.config.mjs. Found by walking up, because this module also
 * runs from Astro's bundled chunks (under .astro/), not only from src/build/.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'astro.config.mjs'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** `SIKU_CONTENT_DIR` (absolute, or relative to the project root), else `content/`. */
export function contentRoot(env: RawEnv = process.env): string {
  const configured = readEnv('SIKU_CONTENT_DIR', env);
  return configured ? path.resolve(PROJECT_ROOT, configured) : path.join(PROJECT_ROOT, 'content');
}

/**
 * Today in China (UTC+8) as `YYYY-MM-DD`; `SIKU_TODAY` pins it for reproducible builds and
 * tests. A malformed `SIKU_TODAY` throws an `EnvError` (it used to be ignored silently,
 * so a typo quietly gave different review-date results).
 */
export function today(env: RawEnv = process.env): string {
  return readEnv('SIKU_TODAY', env) ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

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
