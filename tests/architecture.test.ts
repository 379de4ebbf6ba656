/**
 * Folders say where code runs: src/schemas/ and src/shared/ are browser-safe, and so
 * are the browser scripts beside their components; src/build/ is Node at build time.
 * Browser-safe code may import neither Node's modules nor the build folder (a type
 * import included: what the browser side needs to know belongs in src/shared/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/build.ts';

const files = (dir: string): string[] =>
  readdirSync(path.join(PROJECT_ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(PROJECT_ROOT, rel)).isDirectory() ? files(rel) : /\.ts$/.test(name) ? [rel] : [];
  });

const SPECIFIER = /(?:^|\s)(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module `rel` imports: bare names as written, relative ones as project paths. */
function imports(rel: string): string[] {
  const text = readFileSync(path.join(PROJECT_ROOT, rel), 'utf8');
  return [...text.matchAll(SPECIFIER)].map((m) => {
    const spec = m[1] ?? m[2];
    return spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)) : spec;
  });
}

/** Packages that only run in Node (or are only meant to run at build time). */
const NODE_ONLY = /^(?:node:|pagefind$|gray-matter$|js-yaml$|sax$|opencc-js|@astrojs\/markdown-satteri|astro:content$|astro\/loaders$)/;

const browserSafe = [...files('src/schemas'), ...files('src/shared'), ...files('src/components').filter((f) => f.endsWith('.ts'))];

describe('browser-safe modules', () => {
  it('exist where the folders say', () => {
    expect(browserSafe.length).toBeGreaterThan(30);
    expect(browserSafe).toContain('src/components/search/search.ts');
  });

  it.each(browserSafe)('%s imports nothing that needs Node or the build', (rel) => {
    const bad = imports(rel).filter(
      (spec) => NODE_ONLY.test(spec) || spec.startsWith('src/build/') || spec.startsWith('src/integrations/'),
    );
    expect(bad).toEqual([]);
  });
});

describe('the test itself', () => {
  it('sees a Node import when there is one', () => {
    expect(imports('src/build/leaks/guard.ts').some((s) => NODE_ONLY.test(s))).toBe(true);
    expect(imports('src/build/check/index.ts').some((s) => s.startsWith('src/shared/') || s.startsWith('src/schemas/'))).toBe(true);
  });
});
