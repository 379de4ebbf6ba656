/**
 * What a search costs in Chromium: requests and bytes of a first search (cold cache,
 * page included, and the share of search data: Pagefind's files and /search/*.bin) and of later queries in
 * the same tab. Shared by the search and scale benchmarks. Our static server sends
 * files as they are; "gzip" counts text files (HTML, CSS, JS, JSON, SVG) gzipped at
 * level 6, the way a production server sends them, and everything else as served
 * (Pagefind's files and the result bundle are compressed already). Time is until the
 * first results are shown; requests and bytes until the page is idle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/build/paths.ts';
import { watchRequests } from '../../tests/helpers/browser.ts';
import { serveStatic } from '../../tests/helpers/server.ts';

export const QUERIES = ['网格化治理', '乡村振兴', '灯塔工厂', '廣元', '应急处置', '北滘', '党性教育', '數字政府', '招商', '工业上楼'];
const DONE = '[data-search-results][data-search-state="done"]';

export interface Load {
  requests: number;
  bytes: number;
  gzip: number;
  searchRequests: number;
  searchBytes: number;
  searchGzip: number;
  ms: number;
}

export function build(content: string, out: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SIKU_CONTENT_DIR: content, SIKU_DIST_DIR: out, SIKU_TODAY: '2026-11-21', ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`build of ${content} failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  return (performance.now() - started) / 1000;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const TEXT = /\.(?:html|css|js|mjs|json|svg)$/;

/** Requests for search data: Pagefind's files, and the result bundle or search files under /search/ (not the page itself). */
export const isSearchData = (url: string) => url.startsWith('/pagefind/') || /^\/search\/.+\.bin$/.test(url);

/** Bytes a gzip-serving web server would send for `pathname` (see the header). */
function gzipped(dir: string, pathname: string, served: number): number {
  let file = path.join(dir, decodeURIComponent(pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!TEXT.test(file) || !existsSync(file)) return served;
  return gzipSync(readFileSync(file), { level: 6 }).length;
}

export async function measure(browser: Browser, dir: string, queries: string[] = QUERIES): Promise<{ first: Load[]; later: Load[] }> {
  const server = await serveStatic(dir);
  const first: Load[] = [];
  const later: Load[] = [];
  try {
    for (let i = 0; i < queries.length; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let log: { url: string; bytes: number; gzip: number }[] = [];
      // A search is over once its results are shown and no request is in flight (the
      // page may still fetch what it shows next); each finished request's size is read
      // asynchronously, so those reads are awaited too.
      const idle = watchRequests(page);
      const sizing: Promise<void>[] = [];
      page.on('requestfinished', (r) => {
        sizing.push(
          (async () => {
            const url = new URL(r.url()).pathname;
            const bytes = (await r.sizes()).responseBodySize;
            log.push({ url, bytes, gzip: gzipped(dir, url, bytes) });
          })(),
        );
      });
      const settled = async () => {
        await page.waitForSelector(DONE);
        const shown = performance.now();
        await idle();
        await Promise.all(sizing.splice(0));
        return shown;
      };
      const take = (started: number, shown: number): Load => {
        const all = log.splice(0);
        const search = all.filter((r) => isSearchData(r.url));
        const sum = (l: typeof all, k: 'bytes' | 'gzip' = 'bytes') => l.reduce((a, b) => a + b[k], 0);
        return {
          requests: all.length,
          bytes: sum(all),
          gzip: sum(all, 'gzip'),
          searchRequests: search.length,
          searchBytes: sum(search),
          searchGzip: sum(search, 'gzip'),
          ms: shown - started,
        };
      };
      let started = performance.now();
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(queries[i])}`);
      first.push(take(started, await settled()));
      // Every other query, typed into the same tab after the first one.
      for (const q of queries.filter((_, j) => j !== i).slice(0, 3)) {
        log = [];
        started = performance.now();
        await page.fill('#search-q', q);
        await page.press('#search-q', 'Enter');
        await page.waitForURL((u) => u.searchParams.get('q') === q);
        later.push(take(started, await settled()));
      }
      await context.close();
    }
  } finally {
    await server.close();
  }
  return { first, later };
}

function folderSize(dir: string): { files: number; bytes: number; largest: number } {
  const sizes = readdirSync(dir).map((f) => statSync(path.join(dir, f)).size);
  return { files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0), largest: Math.max(...sizes) };
}

export function report(name: string, dist: string, result: { first: Load[]; later: Load[] }) {
  const { first, later } = result;
  const col = (xs: Load[], k: keyof Load, f = (n: number) => String(Math.round(n))) =>
    `${f(median(xs.map((x) => x[k])))} (max ${f(Math.max(...xs.map((x) => x[k])))})`;
  console.log(`\n${name}: ${first.length} first searches, ${later.length} later queries — medians (max)`);
  console.log('| | requests | bytes raw | bytes gzip | of which search data: requests | raw | gzip | time |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [label, xs] of [
    ['first search (page + search)', first],
    ['later query', later],
  ] as const) {
    console.log(
      `| ${label} | ${col(xs, 'requests')} | ${col(xs, 'bytes', kb)} | ${col(xs, 'gzip', kb)} | ${col(xs, 'searchRequests')} | ${col(xs, 'searchBytes', kb)} | ${col(xs, 'searchGzip', kb)} | ${col(xs, 'ms', (n) => `${n.toFixed(0)} ms`)} |`,
    );
  }
  const pf = path.join(dist, 'pagefind');
  const index = folderSize(path.join(pf, 'index'));
  const fragments = path.join(pf, 'fragment');
  const cards = readdirSync(path.join(dist, 'search')).find((f) => f.startsWith('cards.'));
  const per = existsSync(fragments)
    ? { name: 'fragments', ...folderSize(fragments) }
    : cards
      ? { name: 'card files', ...folderSize(path.join(dist, 'search', cards)) }
      : undefined;
  console.log(
    `index: ${index.files} chunks, ${kb(index.bytes)} (largest ${kb(index.largest)}); ` +
      (per ? `${per.name}: ${per.files}, ${kb(per.bytes)} (largest ${kb(per.largest)}); ` : '') +
      `search page ${kb(statSync(path.join(dist, 'search/index.html')).size)}; list pages: ` +
      ['courses', 'cases', 'sites', 'instructors'].map((l) => `${l} ${kb(statSync(path.join(dist, l, 'index.html')).size)}`).join(', '),
  );
}
