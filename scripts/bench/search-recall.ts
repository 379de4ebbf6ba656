/**
 * Search recall on the sample catalog, through the real /search/ page in Chromium.
 * Queries are generated from the built entry pages (the indexed <article> text, field
 * labels and the hidden data block left out), deterministically (seeded):
 *   title — 2–4 character windows of entry names;
 *   tag   — tags and topics;
 *   body  — 2–6 character windows of the summary and body.
 * Queries found in more than 10 entries are scored apart (kind `many-*`) and only
 * where the source entry is one of at most ten where the query is prominent (name, tags,
 * or three times in its text): the ones a good ranking should still put in the top ten.
 * Each query is sent in simplified and in traditional script (opencc-js). A query is
 * "fair" when its source entry is one of at most 10 entries whose text contains it;
 * only fair queries are scored: hit = the source entry is among the first ten result
 * links once the search is done.
 *
 * `--sample N` draws the queries from N entries picked at random (seeded) instead of all
 * of them, for big generated catalogs; `--sources <file>` from the entries whose URLs the
 * file lists, one a line (the real entries mixed into a generated catalog). Fairness is
 * still judged against every entry.
 *
 * Run: ./node_modules/.bin/node scripts/bench/search-recall.ts [--dist <built site>] [--per 6] [--only s|t] [--sample N] [--sources <file>] [--misses]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { contentRoot, PROJECT_ROOT } from '../../src/build/paths.ts';
import { foldText } from '../../src/shared/search/fold.ts';
import { fullCharMap } from '../../src/build/search/fold-map.ts';
import { indexablePages, urlOf } from '../../src/build/search/indexer.ts';
import { findBody } from '../../src/shared/search/shadow.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { serveStatic } from '../../tests/helpers/server.ts';

const DONE = '[data-search-results][data-search-state="done"]';
const args = process.argv.slice(2);
const arg = (name: string, def: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const PER = Number(arg('--per', '6'));
/** `--only s` or `--only t`: one script (quicker while experimenting). */
const ONLY = arg('--only', '');

interface Page {
  url: string;
  name: string;
  tags: string[];
  text: string;
  folded: string;
}
interface Query {
  kind: string;
  script: 's' | 't';
  q: string;
  url: string;
}

/** Mulberry32: the same queries on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function pagesOf(dist: string): Page[] {
  const map = fullCharMap();
  return indexablePages(dist).map((rel) => {
    const html = readFileSync(path.join(dist, rel), 'utf8');
    const body = findBody(html)!;
    const inner = html
      .slice(body.start, body.end)
      .replace(/<div hidden data-search-data>[\s\S]*?<\/div>/g, '')
      .replace(/<dt[\s\S]*?<\/dt>/g, ' ')
      .replace(/<[^>]*data-pagefind-ignore[^>]*>[\s\S]*?<\/p>/g, ' ');
    const name = decode(/<h1>([\s\S]*?)<\/h1>/.exec(inner)?.[1].replace(/<[^>]*>/g, ' ') ?? '')
      .trim()
      .split(/\s+/)[0];
    const text = decode(inner.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
    const tags = [...html.matchAll(/data-v="(?:topic):([^"]+)"/g)].map((m) => decode(m[1]));
    return { url: urlOf(rel), name, tags, text, folded: foldText(text, map).replace(/\s+/g, '') };
  });
}

function hanWindows(text: string, min: number, max: number, pick: () => number, n: number): string[] {
  const runs = text.match(/\p{Script=Han}{2,}/gu) ?? [];
  const out = new Set<string>();
  for (let tries = 0; tries < n * 20 && out.size < n && runs.length; tries++) {
    const run = [...runs[Math.floor(pick() * runs.length)]];
    const len = Math.min(run.length, min + Math.floor(pick() * (max - min + 1)));
    const at = Math.floor(pick() * (run.length - len + 1));
    out.add(run.slice(at, at + len).join(''));
  }
  return [...out];
}

/** `n` of the pages, picked at random with a fixed seed (all of them when `n` is not smaller). */
function sampleOf(pages: Page[], n: number): Page[] {
  if (!(n < pages.length)) return pages;
  const pick = rng(20261202);
  const copy = [...pages];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(pick() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

function queriesOf(pages: Page[], sources: Page[]): { queries: Query[]; unfair: number } {
  const map = fullCharMap();
  const toT = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const pick = rng(20261121);
  const queries: Query[] = [];
  let unfair = 0;
  for (const p of sources) {
    const candidates: [string, string][] = [
      ...hanWindows(p.name, 2, 4, pick, PER).map((q) => ['title', q] as [string, string]),
      ...p.tags.map((q) => ['tag', q] as [string, string]),
      ...hanWindows(p.text.slice(p.name.length), 2, 6, pick, PER).map((q) => ['body', q] as [string, string]),
    ];
    for (const [kind, q] of candidates) {
      const f = foldText(q, map).replace(/\s+/g, '');
      const holders = pages.filter((o) => o.folded.includes(f)).length;
      // A query in more than 10 entries is fair only where it is most prominent (in
      // the entry's name or tags, or at least three times in its text) and at most 10
      // entries are that prominent for it.
      const prominent = (o: Page) => foldText([o.name, ...o.tags].join(' '), map).includes(f) || o.folded.split(f).length - 1 >= 3;
      if (holders === 0 || (holders > 10 && (!prominent(p) || pages.filter(prominent).length > 10))) {
        unfair++;
        continue;
      }
      const k = holders > 10 ? `many-${kind}` : kind;
      queries.push({ kind: k, script: 's', q, url: p.url });
      queries.push({ kind: k, script: 't', q: toT(q), url: p.url });
    }
  }
  return { queries, unfair };
}

const work = mkdtempSync(path.join(tmpdir(), 'siku-recall-'));
const given = args.includes('--dist') ? path.resolve(arg('--dist', '')) : undefined;
const dist = given ?? path.join(work, 'dist');
if (!given) {
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SIKU_DIST_DIR: dist, SIKU_TODAY: '2026-11-21', ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`build of ${contentRoot()} failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
}
const pages = pagesOf(dist);
const listed = args.includes('--sources') ? new Set(readFileSync(arg('--sources', ''), 'utf8').split('\n').filter(Boolean)) : undefined;
const sources = listed
  ? pages.filter((p) => listed.has(p.url) || listed.has(decodeURI(p.url)))
  : sampleOf(pages, Number(arg('--sample', 'Infinity')));
const { queries, unfair } = queriesOf(pages, sources);
const server = await serveStatic(dist);
const browser = await launchBrowser();
const tally = new Map<string, { hit: number; all: number }>();
const misses: string[] = [];
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/`);
  await page.waitForSelector(DONE);
  for (const query of queries.filter((q) => !ONLY || q.script === ONLY)) {
    await page.fill('#search-q', query.q);
    await page.press('#search-q', 'Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === query.q);
    await page.waitForSelector(DONE);
    const links = await page.$$eval('[data-search-results] a[href]', (as) =>
      as.slice(0, 10).map((a) => new URL((a as HTMLAnchorElement).href).pathname),
    );
    const hit = links.includes(decodeURI(query.url)) || links.includes(query.url);
    for (const key of [`${query.kind}/${query.script}`, `all/${query.script}`, 'all']) {
      const t = tally.get(key) ?? { hit: 0, all: 0 };
      t.all++;
      if (hit) t.hit++;
      tally.set(key, t);
    }
    if (!hit) misses.push(`${query.kind}/${query.script} ${query.q} → ${query.url} (got ${links.length})`);
  }
} finally {
  await browser.close();
  await server.close();
  if (!given) rmSync(work, { recursive: true, force: true });
}
console.log(`${pages.length} entry pages, ${queries.length} fair queries (${unfair} unfair ones skipped)`);
console.log('| kind/script | top-10 | queries |');
console.log('|---|---|---|');
for (const [key, t] of [...tally].sort()) console.log(`| ${key} | ${((100 * t.hit) / t.all).toFixed(1)}% | ${t.all} |`);
if (args.includes('--misses')) console.log(misses.join('\n'));
