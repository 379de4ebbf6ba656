/**
 * Where the project and its content are. Plain Node module: the CLIs, `src/content.config.ts`,
 * the checker, the benchmarks and the tests resolve every path from here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
