/**
 * The largest HTML pages of a built site (uncompressed bytes; Pagefind's own folder
 * left out), for the page-size budget of issue #10: no page over 200 KB at 1,000,
 * 10,000 or 100,000 entries. Used by `npm run bench -- scale`; on its own:
 *
 *   ./node_modules/.bin/node scripts/lib/largest-pages.ts <dist> [count]
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PageSize {
  /** Path inside the site, e.g. `menu/index.html`. */
  page: string;
  bytes: number;
}

/** The `count` largest .html files under `dir`, largest first. */
export function largestPages(dir: string, count = 5): PageSize[] {
  const all: PageSize[] = [];
  const walk = (rel: string) => {
    for (const d of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory() && d.name !== 'pagefind') walk(r);
      else if (d.isFile() && d.name.endsWith('.html')) all.push({ page: r, bytes: statSync(path.join(dir, r)).size });
    }
  };
  walk('');
  return all.sort((a, b) => b.bytes - a.bytes || a.page.localeCompare(b.page)).slice(0, count);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count = '10'] = process.argv.slice(2);
  if (!dir) {
    console.error('用法：node scripts/lib/largest-pages.ts <构建目录> [页数]');
    process.exit(2);
  }
  for (const p of largestPages(dir, Number(count))) console.log(`${(p.bytes / 1024).toFixed(1).padStart(8)} KB  ${p.page}`);
}
