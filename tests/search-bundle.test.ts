/**
 * The result bundle and the finished search page: written from a real Pagefind index of
 * a small hand-made site; facets filtered and counted from the bundle as the browser
 * does it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSearch, bundleLimit, BUNDLE_LIMIT_ENV } from '../src/build/search/build-search.ts';
import { BUNDLE_ATTRIBUTE, ENGINE_ATTRIBUTE, finishSearchHtml, LEAN_ATTRIBUTE } from '../src/build/search/finish-page.ts';
import { FETCH_ENTRY, writeEntryScript } from '../src/build/search/pagefind-script.ts';
import { ranksByUrl } from '../src/build/search/search-files.ts';
import { localCounts, matchesState } from '../src/shared/search/local.ts';
import { emptyState, type SearchState } from '../src/shared/search/query.ts';
import { MIN_ENTRY_BYTES, type ResultBundle } from '../src/build/search/result-bundle.ts';
import { SHADOW_MARK } from '../src/shared/search/shadow.ts';
import { cardOf, cardUrl, type FacetFile } from '../src/shared/search/wire-types.ts';

const page = (head: string, body: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>t</title>${head}</head><body><header><nav>网站导航</nav></header><main>${body}</main></body></html>`;
const entry = (name: string, text: string, filters: string[], meta: Record<string, string> = {}) =>
  page(
    '',
    `<article data-pagefind-body><h1>${name}</h1><p>${text}</p><div hidden data-search-data>` +
      filters.map((f) => `<span data-pagefind-filter="f[data-v]" data-v="${f}"></span>`).join('') +
      Object.entries({ name, title: name, ...meta })
        .map(([k, v]) => `<span data-pagefind-meta="${k}[data-v]" data-v="${v}"></span>`)
        .join('') +
      '</div></article>',
  );

const SEARCH_PAGE = page(
  '<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/_astro/Base.css">',
  '<div class="search-app" data-search-app><h1>搜索</h1></div><script type="module" src="/_astro/search.js"></script><script type="module" src="/_astro/plan.js"></script>',
);

function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'siku-search-bundle-'));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  write(
    'cases/a/index.html',
    entry('桂城街道网格化治理', '把党组织建在网格上。', ['lib:cases', 'topic:基层治理', 'region:广东省'], { summary: '网格党建' }),
  );
  write(
    'courses/b/index.html',
    entry('鄉村振興的廣元路徑', '以四川省廣元市山區鄉村振興實踐為案例。', ['lib:courses', 'topic:乡村振兴', 'format:专题讲授']),
  );
  write('search/index.html', SEARCH_PAGE);
  write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>\n');
  write('_astro/Base.css', 'body{font-family:system-ui}');
  write('_astro/search.js', 'const m=await import("/pagefind/pagefind.js");document.title="</script>";');
  write('_astro/plan.js', 'import{s as a}from"./store.js";a();');
  return dir;
}

describe('the result bundle', () => {
  it('holds every indexed page with its visible text, card data and facet values', async () => {
    const dir = site();
    const built = await buildSearch({ dir, bundleLimit: 64 * 1024 });
    expect(built.bundle.url).toMatch(/^\/search\/results\.[0-9a-f]{10}\.bin$/);
    const bundle: ResultBundle = JSON.parse(gunzipSync(readFileSync(path.join(dir, built.bundle.url!))).toString('utf8'));
    expect(bundle.pages.map((p) => p.url)).toEqual(['/cases/a/', '/courses/b/']);
    const fragmentIds = readdirSync(path.join(dir, 'pagefind/fragment')).map((f) => f.replace('.pf_fragment', ''));
    expect(bundle.pages.map((p) => p.id).sort()).toEqual(fragmentIds.sort());
    const [a, b] = bundle.pages;
    expect(a.content).toContain('把党组织建在网格上');
    expect(a.meta).toEqual({ name: '桂城街道网格化治理', summary: '网格党建' });
    expect(a.filters).toEqual(['lib:cases', 'topic:基层治理', 'region:广东省']);
    // Only the original script: the folded shadow copy and the character list stay out.
    expect(b.content).toContain('鄉村振興');
    expect(b.content).not.toContain('乡村振兴');
    for (const p of bundle.pages) expect(p.content).not.toMatch(new RegExp(`${SHADOW_MARK}|\\u200b|网站导航`));
  });

  it('is built in a scratch folder that is gone afterwards, and the site gets only what it serves', async () => {
    const roots = ['/dev/shm', tmpdir()].filter((root) => existsSync(root));
    const mine = () => roots.flatMap((root) => readdirSync(root).filter((n) => n.startsWith(`siku-index-pages-${process.pid}-`)));
    const dir = site();
    mkdirSync(path.join(dir, 'pagefind'), { recursive: true });
    writeFileSync(path.join(dir, 'pagefind/left-from-an-earlier-build.txt'), 'x');
    const built = await buildSearch({ dir, bundleLimit: 0 });
    expect(mine()).toEqual([]);
    const served = readdirSync(path.join(dir, 'pagefind')).sort();
    expect(served).toContain('index');
    expect(served).toContain(built.engine!.split('/').pop());
    expect(served.filter((name) => /^(fragment|filter)$|earlier/.test(name))).toEqual([]);
    expect(readdirSync(path.join(dir, 'pagefind/index')).length).toBeGreaterThan(0);
    // Where the index cannot go: the reason, as a search-index error, and still no scratch left.
    writeFileSync(path.join(dir, 'not-a-folder'), 'x');
    await expect(buildSearch({ dir, bundleLimit: 0, outputPath: path.join(dir, 'not-a-folder/pagefind') })).rejects.toThrow(
      /无法把搜索索引写入 .*not-a-folder\/pagefind/,
    );
    expect(mine()).toEqual([]);
  });

  it('gives way to the search files above the limit, and each rebuild removes what the other wrote', async () => {
    const dir = site();
    const first = await buildSearch({ dir, bundleLimit: 64 * 1024 });
    expect(first.bundle.url).toBeDefined();
    expect(first.files).toBeUndefined();
    // Room for the entries' minimum but not for their text: a full index, a bundle tried and given up.
    const limit = first.pages.length * MIN_ENTRY_BYTES;
    const second = await buildSearch({ dir, bundleLimit: limit });
    expect(second.bundle.url).toBeUndefined();
    expect(second.bundle.bytes).toBeGreaterThan(limit);
    // Two cards are small: they go into the facet file, and there are no card files.
    const files = second.files!;
    expect(files.packed).toBe(true);
    expect(files.cards).toBeUndefined();
    expect(readdirSync(path.join(dir, 'search')).sort()).toEqual(
      ['index.html', files.facets.split('/').pop()!, files.sorts.split('/').pop()!].sort(),
    );
    const facetFile: FacetFile = JSON.parse(gunzipSync(readFileSync(path.join(dir, files.facets))).toString('utf8'));
    expect(facetFile.cards?.map(cardUrl)).toEqual(['/cases/a/', '/courses/b/']);
    let html = readFileSync(path.join(dir, 'search/index.html'), 'utf8');
    expect(html).not.toContain(BUNDLE_ATTRIBUTE);
    expect(html).toContain(`data-facets="${files.facets}"`);
    expect(html).not.toContain('data-cards=');
    // Cards over the pack limit: card files, named on the page, and the facet file without cards.
    const unpacked = (await buildSearch({ dir, bundleLimit: limit, cardPackLimit: 0 })).files!;
    expect(unpacked.packed).toBe(false);
    expect(readdirSync(path.join(dir, 'search')).sort()).toEqual(
      ['index.html', unpacked.facets.split('/').pop()!, unpacked.sorts.split('/').pop()!, unpacked.cards!.split('/').at(-2)!].sort(),
    );
    expect(JSON.parse(gunzipSync(readFileSync(path.join(dir, unpacked.facets))).toString('utf8')).cards).toBeUndefined();
    html = readFileSync(path.join(dir, 'search/index.html'), 'utf8');
    expect(html).toContain(`data-cards="${unpacked.cards}"`);
    // Too many entries for any bundle: a lean index, no bundle tried.
    const lean = await buildSearch({ dir, bundleLimit: 10 });
    expect(lean.bundle).toEqual({ pages: first.pages.length, bytes: 0 });
    expect(lean.files).toBeDefined();
    const third = await buildSearch({ dir, bundleLimit: 64 * 1024 });
    expect(readdirSync(path.join(dir, 'search')).sort()).toEqual(['index.html', third.bundle.url!.split('/').pop()!].sort());
    expect(readFileSync(path.join(dir, 'search/index.html'), 'utf8')).not.toContain('data-facets=');
  });

  it('reads its limit from the environment, and rejects a bad value', () => {
    expect(bundleLimit({})).toBe(60 * 1024);
    expect(bundleLimit({ [BUNDLE_LIMIT_ENV]: '0' })).toBe(0);
    expect(() => bundleLimit({ [BUNDLE_LIMIT_ENV]: '六十' })).toThrow(/SIKU_SEARCH_BUNDLE_LIMIT 应为非负整数/);
  });
});

describe('the finished search page', () => {
  it('inlines its stylesheet, its own script and its icon, and names the bundle', async () => {
    const dir = site();
    const built = await buildSearch({ dir, bundleLimit: 64 * 1024 });
    const html = readFileSync(path.join(dir, 'search/index.html'), 'utf8');
    expect(html).toContain('<style>body{font-family:system-ui}</style>');
    expect(html).not.toContain('/_astro/Base.css');
    expect(html).toContain('<script type="module">const m=await import("/pagefind/pagefind.js");document.title="<\\/script>";</script>');
    expect(html).toContain('href="data:image/svg+xml,%3Csvg');
    expect(html).toContain(`data-search-app ${BUNDLE_ATTRIBUTE}="${built.bundle.url}"`);
    // A script importing other chunks keeps its file: inline, its imports would break.
    expect(html).toContain('<script type="module" src="/_astro/plan.js"></script>');
  });

  it('names Pagefind’s script with the index entry inline, which is the entry as built and fetches no entry file', async () => {
    const dir = site();
    const built = await buildSearch({ dir, bundleLimit: 64 * 1024 });
    expect(built.engine).toMatch(/^\/pagefind\/pagefind\.[0-9a-f]{10}\.js$/);
    expect(readFileSync(path.join(dir, 'search/index.html'), 'utf8')).toContain(`${ENGINE_ATTRIBUTE}="${built.engine}"`);
    const stock = readFileSync(path.join(dir, 'pagefind/pagefind.js'), 'utf8');
    const script = readFileSync(path.join(dir, built.engine!), 'utf8');
    expect(stock).toContain(FETCH_ENTRY);
    expect(script).not.toContain(FETCH_ENTRY);
    const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(script).toContain(`let entry_json=${JSON.stringify(entry)};`);
    // The same entry gives the same name; another entry another name.
    expect(writeEntryScript(path.join(dir, 'pagefind'))).toEqual({ file: built.engine!.split('/').pop() });
    writeFileSync(path.join(dir, 'pagefind/pagefind-entry.json'), JSON.stringify({ ...entry, version: 'x' }));
    expect(writeEntryScript(path.join(dir, 'pagefind'))).not.toEqual({ file: built.engine!.split('/').pop() });
  });

  it('keeps the stock script, and says why, when Pagefind’s script reads its entry some other way', async () => {
    const dir = site();
    await buildSearch({ dir, bundleLimit: 64 * 1024 });
    const folder = path.join(dir, 'pagefind');
    writeFileSync(
      path.join(folder, 'pagefind.js'),
      readFileSync(path.join(folder, 'pagefind.js'), 'utf8').replace(FETCH_ENTRY, 'let entry_json={};'),
    );
    const before = readdirSync(folder);
    expect(writeEntryScript(folder)).toEqual({ kept: expect.stringMatching(/找不到读取索引入口的代码.*pagefind-script\.ts/) });
    expect(readdirSync(folder)).toEqual(before);
    const html = finishSearchHtml(readFileSync(path.join(dir, 'search/index.html'), 'utf8'), dir, {});
    expect(html).not.toContain(ENGINE_ATTRIBUTE);
  });

  it('marks a lean index, and only a lean one, for the page to say where one-character words are found', async () => {
    const dir = site();
    await buildSearch({ dir, bundleLimit: 64 * 1024 });
    expect(readFileSync(path.join(dir, 'search/index.html'), 'utf8')).not.toContain(LEAN_ATTRIBUTE);
    await buildSearch({ dir, bundleLimit: 0 });
    const lean = readFileSync(path.join(dir, 'search/index.html'), 'utf8');
    expect(lean).toMatch(new RegExp(`data-search-app[^>]* ${LEAN_ATTRIBUTE}=""`));
    expect(finishSearchHtml(lean, dir, {})).not.toContain(LEAN_ATTRIBUTE);
  });

  it('leaves tags alone whose files are missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'siku-search-finish-'));
    expect(finishSearchHtml(SEARCH_PAGE, dir)).toBe(SEARCH_PAGE);
  });
});

describe('facets from the bundle', () => {
  const pages = [
    { id: 'a', filters: ['lib:cases', 'topic:基层治理', 'topic:数字政府', 'year:2024'] },
    { id: 'b', filters: ['lib:cases', 'topic:基层治理', 'year:2023'] },
    { id: 'c', filters: ['lib:courses', 'topic:数字政府', 'format:专题讲授'] },
  ];
  const state = (s: Partial<SearchState>): SearchState => ({ ...emptyState(), ...s });
  const ids = (s: SearchState) => pages.filter((p) => matchesState(p, s)).map((p) => p.id);

  it('filters: any value within a facet, every facet and the library', () => {
    expect(ids(state({}))).toEqual(['a', 'b', 'c']);
    expect(ids(state({ lib: 'cases' }))).toEqual(['a', 'b']);
    expect(ids(state({ filters: { topic: ['数字政府', '基层治理'] } }))).toEqual(['a', 'b', 'c']);
    expect(ids(state({ filters: { topic: ['数字政府'], year: ['2024', '2023'] } }))).toEqual(['a']);
    expect(ids(state({ lib: 'courses', filters: { year: ['2024'] } }))).toEqual([]);
  });

  it('counts each group as if its own ticks were off, and the tabs without the library', () => {
    const counts = localCounts(pages, state({ lib: 'cases', filters: { year: ['2024'] } }));
    expect(Object.fromEntries(counts.get('year')!)).toEqual({ 2024: 1, 2023: 1 });
    expect(Object.fromEntries(counts.get('lib')!)).toEqual({ cases: 1 });
    expect(Object.fromEntries(counts.get('topic')!)).toEqual({ 基层治理: 1, 数字政府: 1 });
    expect(counts.has('format')).toBe(false);
  });
});

describe('result cards', () => {
  it('leave out an entry page’s address, which the library and id give, and keep any other', () => {
    const meta = { lib: 'cases', id: 'guicheng-wangge', name: '桂城街道网格化治理' };
    expect(cardOf('/cases/guicheng-wangge/', meta)).toEqual({ meta });
    expect(cardUrl(cardOf('/cases/guicheng-wangge/', meta))).toBe('/cases/guicheng-wangge/');
    expect(cardOf('/cases/other/', meta)).toEqual({ url: '/cases/other/', meta });
    expect(cardUrl(cardOf('/cases/other/', meta))).toBe('/cases/other/');
    expect(cardUrl(cardOf('/courses/b/', { name: '乡村振兴' }))).toBe('/courses/b/');
  });
});

describe('page numbers of the search files', () => {
  it('follow the address order, whatever order Pagefind read the pages in', () => {
    const urls = ['/sites/b/', '/cases/a/', '/courses/z/', '/cases/b/', '/sites/a/'];
    const ranks = ranksByUrl(urls);
    expect(ranks).toEqual([4, 0, 2, 1, 3]);
    const byNumber: string[] = [];
    for (const [i, rank] of ranks.entries()) byNumber[rank] = urls[i];
    expect(byNumber).toEqual([...urls].sort());
  });
});
