/**
 * Search end to end: a real build of tests/fixtures/search (checker, Astro, Pagefind
 * index, leak guard), served statically and driven in Chromium. The query set lives
 * in tests/fixtures/search-queries.json.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from 'cborg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchRequests } from './helpers/browser.ts';
import { buildSearch } from '../src/build/search/build-search.ts';
import { readMeta } from '../src/build/search/pagefind-meta.ts';
import { CARDS_PER_FILE, cardUrl, type Card } from '../src/shared/search/wire-types.ts';
import { FIXTURES, listFiles } from './helpers/build.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';
import { sharedFixture } from './helpers/shared-builds.ts';

interface QueryCase {
  q: string;
  expect: string[];
  forbid?: string[];
  empty?: boolean;
  script?: string;
  kind?: string;
}

const querySet: { queries: QueryCase[] } = JSON.parse(readFileSync(path.join(FIXTURES, 'search-queries.json'), 'utf8'));
const DONE = '[data-search-results][data-search-state="done"]';

let outDir: string;
let server: StaticServer;
/** The same site as a big catalog sees it: no result bundle, the search files instead (src/build/search/search-files.ts). */
let filesServer: StaticServer;
let filesDir: string;
/** The same pages indexed in shards of 7 (as a catalog above the shard size is) and merged into one index. */
let shardServer: StaticServer;
let shardDir: string;
/** Without the bundle but small: the cards come with the facet file. */
let packServer: StaticServer;
let packDir: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  outDir = await sharedFixture('search');
  server = await serveStatic(outDir);
  filesDir = mkdtempSync(path.join(tmpdir(), 'siku-search-files-'));
  cpSync(outDir, filesDir, { recursive: true });
  // Card files, as a catalog of thousands of entries gets them.
  await buildSearch({ dir: filesDir, bundleLimit: 0, cardPackLimit: 0 });
  filesServer = await serveStatic(filesDir);
  shardDir = mkdtempSync(path.join(tmpdir(), 'siku-search-shards-'));
  cpSync(outDir, shardDir, { recursive: true });
  await buildSearch({ dir: shardDir, bundleLimit: 0, shardPages: 7, cardPackLimit: 0 });
  shardServer = await serveStatic(shardDir);
  packDir = mkdtempSync(path.join(tmpdir(), 'siku-search-pack-'));
  cpSync(outDir, packDir, { recursive: true });
  await buildSearch({ dir: packDir, bundleLimit: 0 });
  packServer = await serveStatic(packDir);
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await filesServer?.close();
  await shardServer?.close();
  await packServer?.close();
});

async function resultLinks(p: Page): Promise<string[]> {
  return p.$$eval('[data-search-results] a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
}

/** Opens a search URL and waits until its results are rendered. */
async function open(p: Page, url: string, on: StaticServer = server): Promise<string[]> {
  await p.goto(on.url + url);
  await p.waitForSelector(DONE);
  return resultLinks(p);
}

/** After an interaction: wait for the URL to change and that search to finish. */
async function settle(p: Page, urlPart: RegExp | ((url: URL) => boolean)): Promise<string[]> {
  await p.waitForURL(urlPart);
  await p.waitForSelector(DONE);
  return resultLinks(p);
}

/** Facet key → "value (count)" labels as the page shows them. */
async function shownFacetCounts(p: Page): Promise<Record<string, string[]>> {
  return p.$$eval('details[data-facet]', (groups) =>
    Object.fromEntries(
      groups.map((g) => [
        (g as HTMLElement).dataset.facet ?? '',
        [...g.querySelectorAll('label')].map((l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim()).sort(),
      ]),
    ),
  );
}

describe('query set', () => {
  it('has at least 25 queries in both scripts, with forbidden internal text', () => {
    expect(querySet.queries.length).toBeGreaterThanOrEqual(25);
    expect(querySet.queries.some((q) => q.script?.startsWith('繁'))).toBe(true);
    expect(querySet.queries.some((q) => q.script?.endsWith('繁'))).toBe(true);
    expect(querySet.queries.some((q) => q.q.includes(' '))).toBe(true);
    expect(querySet.queries.some((q) => q.forbid?.includes('/cases/neibu-zhaoshang-fupan/'))).toBe(true);
  });

  const modes = querySet.queries.flatMap((c) => [
    [c.q, '结果包', c] as const,
    [c.q, '搜索文件', c] as const,
    [c.q, '分片索引', c] as const,
  ]);
  it.each(modes)('%s（%s）', async (_, mode, c) => {
    const on = mode === '结果包' ? server : mode === '搜索文件' ? filesServer : shardServer;
    const links = await open(page, `/search/?q=${encodeURIComponent(c.q)}`, on);
    const top = links.slice(0, 10);
    for (const href of c.expect) expect(top, `“${c.q}” 的前 10 个结果应包含 ${href}`).toContain(href);
    for (const href of c.forbid ?? []) expect(links).not.toContain(href);
    if (c.empty) {
      expect(links).toEqual([]);
      await expect(page.locator('[data-search-empty]').textContent()).resolves.toContain('没有找到');
    }
  });
});

describe('the search page', () => {
  it('keeps the original script in results and highlights the match in it', async () => {
    await open(page, `/search/?q=${encodeURIComponent('云岭县')}`);
    const marks = await page.$$eval('[data-search-results] mark', (m) => m.map((x) => x.textContent));
    expect(marks).toContain('雲嶺縣');
    expect(marks).not.toContain('云岭县');
    const summary = await page
      .locator('[data-search-results] .result', { has: page.locator('a[href="/cases/yunling-chaye/"]') })
      .textContent();
    expect(summary).toContain('西川省雲嶺縣依托高山生態發展茶產業');
  });

  it('offers “加入培训方案” on usable courses only', async () => {
    await open(page, `/search/?q=${encodeURIComponent('网格化治理')}`);
    await expect(page.locator('button[data-plan-add="wangge-zhili-shiwu"]').textContent()).resolves.toBe('加入培训方案');
    expect(
      await page
        .locator('[data-search-results] .result', { has: page.locator('a[href^="/instructors/"]') })
        .locator('button')
        .count(),
    ).toBe(0);
    const links = await open(page, `/search/?q=${encodeURIComponent('红色家书')}`);
    expect(links[0]).toBe('/courses/hongse-jiashu/');
    expect(await page.locator('[data-plan-add="hongse-jiashu"]').count()).toBe(0);
    await expect(page.locator('[data-search-results] .result').first().textContent()).resolves.toContain('停用');
  });

  it('switches library with the tabs; Back and Forward restore each search', async () => {
    const all = await open(page, `/search/?q=${encodeURIComponent('网格')}`);
    expect(all).toEqual(
      expect.arrayContaining(['/courses/wangge-zhili-shiwu/', '/cases/wangge-xieshang/', '/sites/luzhou-zhihui-zhongxin/']),
    );
    await page.click('a[data-search-tab="cases"]');
    const cases = await settle(page, /lib=cases/);
    expect(cases).toEqual(['/cases/wangge-xieshang/']);
    await expect(page.getAttribute('a[data-search-tab="cases"]', 'aria-current')).resolves.toBe('page');
    await page.goBack();
    const back = await settle(page, (url) => !url.search.includes('lib='));
    expect(back).toEqual(all);
    await expect(page.inputValue('#search-q')).resolves.toBe('网格');
    await page.goForward();
    expect(await settle(page, /lib=cases/)).toEqual(['/cases/wangge-xieshang/']);
  });

  it('filters by facet with counts, and the URL carries the filter', async () => {
    await open(page, `/search/?q=${encodeURIComponent('网格')}`);
    const group = page.locator('details[data-facet="topic"]');
    await group.locator('summary').click();
    const label = group.locator('label', { has: page.locator('input[value="数字政府"]') });
    await expect(label.textContent()).resolves.toMatch(/数字政府 \(\d+\)/);
    await label.locator('input').check();
    const links = await settle(page, /topic=%E6%95%B0%E5%AD%97%E6%94%BF%E5%BA%9C/);
    expect(links).toContain('/courses/wangge-zhili-shiwu/');
    expect(links).not.toContain('/cases/wangge-xieshang/');
    // The shared URL runs the same search from scratch.
    const shared = await open(page, new URL(page.url()).pathname + new URL(page.url()).search);
    expect(shared).toEqual(links);
    await expect(page.isChecked('details[data-facet="topic"] input[value="数字政府"]')).resolves.toBe(true);
  });

  it('sorts by 学时 and by 年份', async () => {
    expect((await open(page, '/search/?lib=courses&sort=hours-desc')).slice(0, 2)).toEqual([
      '/courses/fangxun-qingjing-moni/',
      '/courses/cungai-xianchang/',
    ]);
    expect((await open(page, '/search/?lib=cases&sort=year-asc')).slice(0, 2)).toEqual(['/cases/yunling-chaye/', '/cases/nanpu-yimenshi/']);
    await expect(page.inputValue('[data-search-sort]')).resolves.toBe('year-asc');
    // With a query too, the chosen order wins over relevance.
    await open(page, `/search/?q=${encodeURIComponent('干部')}&lib=courses&sort=hours-asc`);
    const hours = await page.$$eval('[data-search-results] .result-meta', (metas) =>
      metas.map((m) => Number(/([\d.]+) 学时/.exec(m.textContent ?? '')?.[1])),
    );
    expect(hours.length).toBeGreaterThan(2);
    expect(hours).toEqual([...hours].sort((a, b) => a - b));
  });

  it('counts the whole catalog before any query, whatever the sort', async () => {
    for (const on of [server, filesServer]) {
      await open(page, '/search/?sort=hours-desc', on);
      await expect(page.locator('a[data-search-tab=""] .count').textContent()).resolves.toBe('(23)');
      await expect(page.locator('a[data-search-tab="cases"] .count').textContent()).resolves.toMatch(/^\([1-9]\d*\)$/);
    }
  });

  it('follows typing by replacing the URL, not adding history entries', async () => {
    await open(page, `/search/?q=${encodeURIComponent('网格')}`);
    const before = await page.evaluate(() => history.length);
    await page.fill('#search-q', '茶产业');
    const links = await settle(page, /q=%E8%8C%B6%E4%BA%A7%E4%B8%9A/);
    expect(links).toContain('/cases/yunling-chaye/');
    expect(await page.evaluate(() => history.length)).toBe(before);
  });

  it('runs a filter-only search from a list page facet link', async () => {
    await page.goto(`${server.url}/cases/`);
    const link = page.locator('.facet-panel a', { hasText: '澄溪镇' });
    await expect(link.locator('xpath=..').textContent()).resolves.toContain('(1)');
    await link.click();
    const links = await settle(page, /\/search\/\?lib=cases&region=/);
    expect(links).toEqual(['/cases/chengxi-liangpian-gaizao/']);
    expect(new URL(page.url()).searchParams.get('region')).toBe('东海省临江市南浦区澄溪镇');
  });

  it('says so without JavaScript and links to the list pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await context.newPage();
      await p.goto(`${server.url}/search/?q=${encodeURIComponent('网格')}`);
      await expect(p.locator('.search-noscript').textContent()).resolves.toContain('搜索需要在浏览器中启用 JavaScript');
      expect(await p.locator('.search-noscript a[href="/courses/"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('loads little, only from its own origin: first search vs. a later one', async () => {
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      const foreign: string[] = [];
      const log: { url: string; bytes: number }[] = [];
      p.on('request', (r) => {
        if (!r.url().startsWith(server.url)) foreign.push(r.url());
      });
      const sizing = new Set<Promise<void>>();
      p.on('requestfinished', (r) => {
        const sized = r.sizes().then((s) => void log.push({ url: new URL(r.url()).pathname, bytes: s.responseBodySize }));
        sizing.add(sized);
        void sized.finally(() => sizing.delete(sized));
      });
      /** Every request of the search over and measured. */
      const quiet = watchRequests(p);
      const settled = async () => {
        await quiet();
        await Promise.all(sizing);
      };
      const served = server.requests.length;
      await open(p, `/search/?q=${encodeURIComponent('网格化治理')}`);
      await settled();
      const first = log.splice(0);
      const firstServed = server.requests.slice(served);
      const mark = server.requests.length;
      await p.fill('#search-q', '雲嶺');
      await p.press('#search-q', 'Enter');
      await settle(p, /q=%E9%9B%B2%E5%B6%BA/);
      await settled();
      const second = log.splice(0);
      const secondServed = server.requests.slice(mark);
      const sum = (l: { bytes: number }[]) => l.reduce((a, b) => a + b.bytes, 0);
      console.log(
        `首次搜索（含页面）：${first.length} 个请求，${(sum(first) / 1024).toFixed(1)} KB；其中搜索本身 ${first.filter((r) => r.url.startsWith('/pagefind/')).length} 个请求，` +
          `${(sum(first.filter((r) => r.url.startsWith('/pagefind/'))) / 1024).toFixed(1)} KB\n  ${firstServed.join('\n  ')}\n` +
          `第二次搜索：${second.length} 个请求，${(sum(second) / 1024).toFixed(1)} KB\n  ${secondServed.join('\n  ')}`,
      );
      expect(foreign).toEqual([]);
      // Pagefind's script with the index entry inline: no entry file, no stock script.
      expect(firstServed.filter((u) => /^\/pagefind\/pagefind\.[0-9a-f]{10}\.js$/.test(u))).toHaveLength(1);
      expect(firstServed.some((u) => u.endsWith('/pagefind.js') || u.includes('pagefind-entry.json'))).toBe(false);
      expect(firstServed.some((u) => u.includes('/pagefind/wasm.'))).toBe(true);
      expect(firstServed.some((u) => u.includes('pagefind-worker'))).toBe(false);
      // One bundle instead of a fragment per result and the filter file; style, script and icon inline.
      expect(firstServed.filter((u) => /^\/search\/results\.[0-9a-f]+\.bin$/.test(u))).toHaveLength(1);
      expect(firstServed.filter((u) => /\.pf_(fragment|filter)$/.test(u) || u.startsWith('/_astro/') || u === '/favicon.svg')).toEqual([]);
      expect(firstServed.length).toBeLessThanOrEqual(10);
      expect(secondServed.length).toBeGreaterThan(0);
      expect(secondServed.every((u) => u.startsWith('/pagefind/index/'))).toBe(true);
      expect(sum(second)).toBeLessThan(20 * 1024);
    } finally {
      await context.close();
    }
  });
});

describe('without the result bundle (a big catalog)', () => {
  it('loads the facet file and one card file per eight pages shown, never a fragment, and finds the same', async () => {
    const served = filesServer.requests.length;
    const links = await open(page, `/search/?q=${encodeURIComponent('网格')}`, filesServer);
    const requests = filesServer.requests.slice(served);
    expect(requests.filter((u) => /^\/search\/facets\.[0-9a-f]+\.bin$/.test(u))).toHaveLength(1);
    const cardFiles = requests.filter((u) => /^\/search\/cards\.[0-9a-f]+\/\d+\.bin$/.test(u));
    expect(cardFiles.length).toBeGreaterThan(0);
    expect(cardFiles.length).toBeLessThanOrEqual(links.length);
    expect(
      requests.some((u) => /\.pf_(fragment|filter)$/.test(u) || u.startsWith('/search/results.') || u.startsWith('/search/sorts.')),
    ).toBe(false);
    expect([...links].sort()).toEqual([...(await open(page, `/search/?q=${encodeURIComponent('网格')}`))].sort());
    await expect(page.locator('[data-search-status]').textContent()).resolves.toMatch(/找到 \d+ 条/);
  });

  it('takes a small catalog’s cards from the facet file: no card file, the same results, later queries load only index chunks', async () => {
    const served = packServer.requests.length;
    const links = await open(page, `/search/?q=${encodeURIComponent('网格')}`, packServer);
    expect(links.length).toBeGreaterThan(0);
    expect([...links].sort()).toEqual([...(await open(page, `/search/?q=${encodeURIComponent('网格')}`, filesServer))].sort());
    let requests = packServer.requests.slice(served);
    expect(requests.filter((u) => /^\/search\/facets\.[0-9a-f]+\.bin$/.test(u))).toHaveLength(1);
    expect(requests.some((u) => u.startsWith('/search/cards.') || /\.pf_fragment$/.test(u))).toBe(false);
    const html = readFileSync(path.join(packDir, 'search/index.html'), 'utf8');
    expect(/data-cards=/.test(html)).toBe(false);
    await open(page, `/search/?q=${encodeURIComponent('网格')}`, packServer);
    const before = packServer.requests.length;
    await page.fill('#search-q', '乡村振兴');
    await page.press('#search-q', 'Enter');
    const later = await settle(page, (u) => u.searchParams.get('q') === '乡村振兴');
    expect(later.length).toBeGreaterThan(0);
    requests = packServer.requests.slice(before);
    expect(requests.every((u) => /^\/pagefind\/index\/[^/]+\.pf_index$/.test(u))).toBe(true);
    expect([...later].sort()).toEqual([...(await open(page, `/search/?q=${encodeURIComponent('乡村振兴')}`, filesServer))].sort());
  });

  it('finds a one-character word in names and summaries only, and says so', async () => {
    const char = '网';
    const links = await open(page, `/search/?q=${encodeURIComponent(char)}`, filesServer);
    expect(links.length).toBeGreaterThan(0);
    const shown = await page.$$eval('[data-search-results] > li', (items) => items.map((li) => li.textContent ?? ''));
    for (const text of shown) expect(text).toContain(char);
    await expect(page.locator('[data-search-status]').textContent()).resolves.toContain('只在名称和简介中查找');
    // The bundle checks the whole text: the same word finds at least as much, without the note.
    const everywhere = await open(page, `/search/?q=${encodeURIComponent(char)}`);
    expect(everywhere.length).toBeGreaterThanOrEqual(links.length);
    await expect(page.locator('[data-search-status]').textContent()).resolves.not.toContain('只在名称和简介中查找');
  });

  it('counts facets exactly for a query, as the bundle does', async () => {
    for (const url of [
      `/search/?q=${encodeURIComponent('干部')}`,
      `/search/?q=${encodeURIComponent('干部')}&lib=courses&audience=${encodeURIComponent('优秀年轻干部')}`,
    ]) {
      await open(page, url, filesServer);
      const files = await shownFacetCounts(page);
      const status = await page.locator('[data-search-status]').textContent();
      await open(page, url);
      expect(files).toEqual(await shownFacetCounts(page));
      await expect(page.locator('[data-search-status]').textContent()).resolves.toBe(status);
    }
  });

  it('loads the sort file only for a chosen sort, and sorts by it', async () => {
    const served = filesServer.requests.length;
    await open(page, '/search/?lib=courses&sort=hours-asc', filesServer);
    expect(filesServer.requests.slice(served).some((u) => u.startsWith('/search/sorts.'))).toBe(true);
    const hours = await page.$$eval('[data-search-results] .result-meta', (metas) =>
      metas.map((m) => Number(/([\d.]+) 学时/.exec(m.textContent ?? '')?.[1])),
    );
    expect(hours.length).toBeGreaterThan(2);
    expect(hours).toEqual([...hours].sort((a, b) => a - b));
  });

  it('works in a browser without DecompressionStream (Safari before 16.4), with the bundle and with the search files', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      // biome-ignore lint/suspicious/noExplicitAny: removing a global the page feature-tests for.
      delete (globalThis as any).DecompressionStream;
    });
    const p = await context.newPage();
    try {
      for (const on of [server, filesServer]) {
        const links = await open(p, `/search/?q=${encodeURIComponent('网格')}`, on);
        expect(await p.evaluate(() => typeof (globalThis as { DecompressionStream?: unknown }).DecompressionStream)).toBe('undefined');
        expect(links.length).toBeGreaterThan(0);
        expect([...links].sort()).toEqual([...(await open(page, `/search/?q=${encodeURIComponent('网格')}`, on))].sort());
      }
    } finally {
      await context.close();
    }
  });

  it('keeps Pagefind’s metadata to what finding pages needs: short page ids, no filters, no sort orders, no fragments', () => {
    const dir = path.join(filesDir, 'pagefind');
    expect(existsSync(path.join(dir, 'fragment'))).toBe(false);
    expect(existsSync(path.join(dir, 'filter'))).toBe(false);
    const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
    const meta = readMeta(path.join(dir, `pagefind.${entry.languages['zh-cn'].hash}.pf_meta`));
    // Numbered by address, not in the order Pagefind read the pages: each number once.
    const ids = meta[1].map((p) => Number.parseInt(p[0] as string, 36));
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, g) => g));
    expect(meta[3]).toEqual([]);
    expect(meta[4]).toEqual([]);
    for (const chunk of meta[2]) expect(existsSync(path.join(dir, 'index', `${chunk[2] as string}.pf_index`))).toBe(true);
  });
});

/**
 * The chunk Pagefind's WebAssembly loads for a one-word term (`try_request_indexes`):
 * the first whose range holds it, else, with both sides cut to the shorter length, the
 * first whose prefixes do. Chunk ends are cut to short prefixes, so a chunk's last words
 * often sort after its `to`.
 */
function chunkFor(chunks: [string, string, string][], term: string): string | undefined {
  const b = (w: string) => Buffer.from(w, 'utf8');
  const cmp = (x: Buffer, y: Buffer) => Buffer.compare(x, y);
  const t = b(term);
  const strict = chunks.find(([from, to]) => cmp(t, b(from)) >= 0 && cmp(t, b(to)) <= 0);
  if (strict) return strict[2];
  return chunks.find(([from, to]) => {
    const f = b(from);
    const e = b(to);
    return (
      cmp(t.subarray(0, Math.min(t.length, f.length)), f.subarray(0, Math.min(t.length, f.length))) >= 0 &&
      cmp(t.subarray(0, Math.min(t.length, e.length)), e.subarray(0, Math.min(t.length, e.length))) <= 0
    );
  })?.[2];
}

/** Every word of a built site's Pagefind index with the URLs of its pages, and the words Pagefind would look for in another chunk. */
function indexWords(site: string): { words: Map<string, string[]>; misplaced: string[] } {
  const dir = path.join(site, 'pagefind');
  const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
  const meta = readMeta(path.join(dir, `pagefind.${entry.languages['zh-cn'].hash}.pf_meta`));
  const html = readFileSync(path.join(site, 'search/index.html'), 'utf8');
  const cardsDir = /data-cards="\/([^"]+)"/.exec(html)![1];
  const urlOf = (id: string) => {
    const g = Number.parseInt(id, 36);
    const file = path.join(site, cardsDir, `${Math.floor(g / CARDS_PER_FILE)}.bin`);
    return cardUrl((JSON.parse(gunzipSync(readFileSync(file)).toString()) as Card[])[g % CARDS_PER_FILE]);
  };
  const pageUrls = meta[1].map((p) => urlOf(p[0] as string));
  const chunks = meta[2] as [string, string, string][];
  const words = new Map<string, string[]>();
  const misplaced: string[] = [];
  for (const [, , name] of chunks) {
    const raw = gunzipSync(readFileSync(path.join(dir, 'index', `${name}.pf_index`)));
    const [list] = decode(raw.subarray(12)) as [[string, [number, ...unknown[]][]][]];
    for (const [word, pages] of list) {
      // Pagefind matches the last word of a query by prefix, so a word's own chunk is what matters.
      if (chunkFor(chunks, word) !== name) misplaced.push(word);
      let page = 0;
      const urls: string[] = [];
      for (const [gap] of pages) {
        page += gap;
        urls.push(pageUrls[page]);
      }
      words.set(word, urls);
    }
  }
  return { words, misplaced };
}

describe('an index built in shards (a catalog above the shard size)', () => {
  it('merges the shards into one index: no shard folders, every page once, each number once', () => {
    expect(existsSync(path.join(shardDir, 'pagefind/shards'))).toBe(false);
    expect(readdirSync(shardDir).filter((f) => f.startsWith('pagefind.shards-'))).toEqual([]);
    const dir = path.join(shardDir, 'pagefind');
    const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages['zh-cn'].page_count).toBe(23);
    const meta = readMeta(path.join(dir, `pagefind.${entry.languages['zh-cn'].hash}.pf_meta`));
    // Numbered by address, not in the order Pagefind read the pages: each number once.
    const ids = meta[1].map((p) => Number.parseInt(p[0] as string, 36));
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, g) => g));
    // Only the merged metadata is left, under the name the entry file gives.
    expect(readdirSync(dir).filter((f) => f.endsWith('.pf_meta'))).toEqual([`pagefind.${entry.languages['zh-cn'].hash}.pf_meta`]);
    const html = readFileSync(path.join(shardDir, 'search/index.html'), 'utf8');
    expect(html).not.toContain('data-shards=');
    expect(html).not.toContain('data-results=');
  });

  it('holds every word with the same pages as one index of the same pages, each where Pagefind looks for it', () => {
    const merged = indexWords(shardDir);
    const single = indexWords(filesDir);
    // Pagefind's own index meets the same rule, so the test of it holds.
    expect(single.misplaced).toEqual([]);
    expect(merged.misplaced).toEqual([]);
    expect(merged.words.size).toBeGreaterThan(1000);
    expect([...merged.words.keys()].sort()).toEqual([...single.words.keys()].sort());
    for (const [word, urls] of single.words) expect([...(merged.words.get(word) ?? [])].sort(), word).toEqual([...urls].sort());
  });

  it('finds what one index finds, with the same facet counts, loading one index', async () => {
    const served = shardServer.requests.length;
    const queries = [`/search/?q=${encodeURIComponent('网格')}`, `/search/?q=${encodeURIComponent('干部')}`];
    const browsing = ['/search/?lib=cases', `/search/?topic=${encodeURIComponent('基层治理')}`];
    for (const url of [...queries, ...browsing]) {
      const sharded = await open(page, url, shardServer);
      const shardCounts = await shownFacetCounts(page);
      const single = await open(page, url, filesServer);
      expect(sharded.length).toBeGreaterThan(0);
      expect([...sharded].sort()).toEqual([...single].sort());
      expect(shardCounts).toEqual(await shownFacetCounts(page));
    }
    const loaded = shardServer.requests.slice(served);
    expect(new Set(loaded.filter((u) => u.endsWith('.pf_meta'))).size).toBe(1);
    expect(loaded.some((u) => u.includes('/shards/'))).toBe(false);
  });
});

describe('the built index', () => {
  it('holds only published entry pages and nothing of the 内部 case, nor does the result bundle', () => {
    const dir = path.join(outDir, 'pagefind');
    const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages['zh-cn'].page_count).toBe(23);
    const text = listFiles(dir)
      .filter((f) => /\.pf_(fragment|index|filter|meta)$/.test(f))
      .map((f) => gunzipSync(readFileSync(path.join(dir, f))).toString('utf8'))
      .join('\n')
      .replace(/\u200b/g, '');
    expect(text).toContain('鹭洲街道');
    for (const secret of ['琥珀色档案袋', '蟠龙湾', '整改台账', 'neibu-zhaoshang-fupan', 'yan-shouzheng/'])
      expect(text).not.toContain(secret);
    const fragments = readdirSync(path.join(dir, 'fragment')).map((f) =>
      gunzipSync(readFileSync(path.join(dir, 'fragment', f))).toString('utf8'),
    );
    expect(fragments.some((f) => f.includes('/instructors/yan-shouzheng/'))).toBe(false);
    expect(fragments.every((f) => !f.replace(/\u200b/g, '').includes('搜索课程、案例'))).toBe(true);
    const bundles = readdirSync(path.join(outDir, 'search')).filter((f) => f.endsWith('.bin'));
    expect(bundles).toHaveLength(1);
    const bundle = gunzipSync(readFileSync(path.join(outDir, 'search', bundles[0]))).toString('utf8');
    expect(bundle).toContain('鹭洲街道');
    for (const secret of ['琥珀色档案袋', '蟠龙湾', '整改台账', 'neibu-zhaoshang-fupan', 'yan-shouzheng/'])
      expect(bundle).not.toContain(secret);
  });
});
