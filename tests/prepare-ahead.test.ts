/**
 * Lean pages prepared while Astro renders (src/build/search/prepare-ahead.ts): only
 * finished entry pages are prepared, and a prepared page is used only while its source
 * is unchanged — the real Pagefind index built with them says what the pages say now.
 */
import { existsSync, statSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fullCharMap } from '../src/build/search/fold-map.ts';
import { buildSearchIndex, indexablePages } from '../src/build/search/indexer.ts';
import { FIXTURES, runBuild } from './helpers/build.ts';
import { PagePreparer, readPrepared, takePrepared } from '../src/build/search/prepare-ahead.ts';
import { pairToken } from '../src/shared/search/pair-tokens.ts';
import { leanIndexableHtml } from '../src/shared/search/shadow.ts';

const map = fullCharMap();
const entry = (name: string, text: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><body><main><article data-pagefind-body><h1>${name}</h1><p>${text}</p>` +
  `<div hidden data-search-data><span data-pagefind-filter="f[data-v]" data-v="lib:cases"></span><span data-pagefind-meta="name[data-v]" data-v="${name}"></span></div></article></main></body></html>`;

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'siku-ahead-'));
  for (const [rel, html] of Object.entries(files)) write(dir, rel, html);
  return dir;
}
function write(dir: string, rel: string, html: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), html);
}

describe('preparing pages while Astro renders', () => {
  it('prepares finished entry pages only, and a half-written one once it is finished', () => {
    const dir = site({
      'cases/a/index.html': entry('网格治理', '把党组织建在网格上。'),
      'cases/b/index.html': entry('村级工业园', '改造').slice(0, 80),
      'cases/page/2/index.html': entry('列表', '第二页'),
      'cases/index.html': '<html><body><h1>案例库</h1></body></html>',
      'menu/all/index.html': entry('菜单', '不在库的文件夹里'),
    });
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'siku-ahead-out-')), 'pages');
    const preparer = new PagePreparer(dir, folder, map);
    expect(preparer.poll()).toBe(1);
    expect(readFileSync(path.join(folder, 'cases/a/index.html'), 'utf8')).toBe(
      leanIndexableHtml(readFileSync(path.join(dir, 'cases/a/index.html'), 'utf8'), map),
    );
    expect(preparer.poll()).toBe(0);
    write(dir, 'cases/b/index.html', entry('村级工业园', '改造'));
    expect(preparer.poll()).toBe(1);
    const manifest = readPrepared(preparer.writeManifest(path.join(folder, '..', 'prepared.json')));
    expect(Object.keys(manifest.stamps).sort()).toEqual(['cases/a/index.html', 'cases/b/index.html']);
  });

  it('hands a prepared page over only while its source is unchanged', () => {
    const dir = site({ 'cases/a/index.html': entry('网格治理', '旧的正文'), 'cases/b/index.html': entry('村级工业园', '改造') });
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'siku-ahead-out-')), 'pages');
    const preparer = new PagePreparer(dir, folder, map);
    preparer.poll();
    const manifest = readPrepared(preparer.writeManifest(path.join(folder, '..', 'prepared.json')));
    const to = path.join(mkdtempSync(path.join(tmpdir(), 'siku-ahead-to-')), 'a.html');
    write(dir, 'cases/a/index.html', entry('网格治理', '新的正文，长一些'));
    expect(takePrepared(manifest, dir, 'cases/a/index.html', to)).toBe(false);
    expect(takePrepared(manifest, dir, 'cases/x/index.html', to)).toBe(false);
    expect(takePrepared(undefined, dir, 'cases/b/index.html', to)).toBe(false);
    const prepared = readFileSync(path.join(folder, 'cases/b/index.html'), 'utf8');
    expect(takePrepared(manifest, dir, 'cases/b/index.html', to)).toBe(true);
    expect(readFileSync(to, 'utf8')).toBe(prepared);
  });

  it('builds the index from what the pages say when it is built, prepared ahead or not', async () => {
    const dir = site({
      'cases/a/index.html': entry('网格治理', '旧的正文'),
      'cases/b/index.html': entry('村级工业园', '改造提升'),
    });
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'siku-ahead-out-')), 'pages');
    const preparer = new PagePreparer(dir, folder, map);
    preparer.poll();
    const manifest = preparer.writeManifest(path.join(folder, '..', 'prepared.json'));
    // Rewritten after it was prepared (as a later build step might): its prepared copy must not be used.
    write(dir, 'cases/a/index.html', entry('网格治理', '新的正文，数字政府'));
    await buildSearchIndex({ dir, lean: true, prepared: manifest });
    const contents = readdirSync(path.join(dir, 'pagefind/fragment')).map((name) => {
      const raw = gunzipSync(readFileSync(path.join(dir, 'pagefind/fragment', name))).toString('utf8');
      return JSON.parse(raw.slice(raw.indexOf('{'))) as { url: string; content: string };
    });
    const a = contents.find((c) => c.url === '/cases/a/')!;
    const b = contents.find((c) => c.url === '/cases/b/')!;
    expect(a.content).toContain(pairToken('政府'));
    expect(a.content).not.toContain(pairToken('旧的'));
    expect(b.content).toContain(pairToken('提升'));
  });
});

describe('npm run build of a catalog searched through the search files', () => {
  const roots = ['/dev/shm', tmpdir()].filter((root) => existsSync(root));
  const scratch = () => roots.flatMap((root) => readdirSync(root).filter((n) => n.startsWith('siku-index-pages-'))).sort();

  // No result bundle: the lean index, as a catalog of over 600 entries gets. The shard
  // size decides the way: up to two shards are read while Astro renders
  // (src/build/search/index-ahead.ts), more get their pages prepared ahead.
  for (const [shardPages, way] of [
    ['', /搜索索引：\d+ 个条目页 → pagefind\/（/],
    ['7', /2 个分片合并为一个索引/],
    ['4', /Astro 渲染页面时已为搜索索引准备了 \d+ 个条目页/],
  ] as const) {
    it(`indexes every entry page and leaves no scratch behind (shards of ${shardPages || 'default'} pages)`, () => {
      const before = scratch();
      const env: Record<string, string> = { SIKU_SEARCH_BUNDLE_LIMIT: '0' };
      if (shardPages) env.SIKU_SEARCH_SHARD_PAGES = shardPages;
      const result = runBuild(path.join(FIXTURES, 'basic'), { env });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(way);
      expect(result.stdout).not.toMatch(/不能用/);
      // Pages are prepared ahead only when the index is not read ahead.
      expect(/已为搜索索引准备了/.test(result.stdout)).toBe(shardPages === '4');
      const entry = JSON.parse(readFileSync(path.join(result.outDir, 'pagefind/pagefind-entry.json'), 'utf8'));
      expect(entry.languages['zh-cn'].page_count).toBe(indexablePages(result.outDir).length);
      expect(readdirSync(path.join(result.outDir, 'search')).some((name) => name.startsWith('facets.'))).toBe(true);
      expect(scratch()).toEqual(before);
      if (!shardPages) expectEntryPagesFirst(result.outDir);
    });
  }
});

/**
 * Astro wrote the entry pages before the other pages (src/build/render-order.ts): at
 * most the few pages in flight together (`build.concurrency`) overlap.
 */
function expectEntryPagesFirst(site: string): void {
  const written = (rel: string) => statSync(path.join(site, rel)).mtimeMs;
  const html = (readdirSync(site, { recursive: true }) as string[])
    .map((rel) => rel.split(path.sep).join('/'))
    .filter((rel) => rel.endsWith('.html'));
  const isEntry = (rel: string) => /^(courses|cases|sites|instructors)\/(?!page\/)[^/]+\/index\.html$/.test(rel);
  // The search step rewrites the search page after Astro.
  const others = html.filter((rel) => !isEntry(rel) && rel !== 'search/index.html');
  const entries = html.filter(isEntry);
  expect(entries.length).toBeGreaterThan(10);
  const firstOther = Math.min(...others.map(written));
  expect(entries.filter((rel) => written(rel) > firstOther).length).toBeLessThanOrEqual(8);
}
