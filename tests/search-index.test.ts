/**
 * Building the search index: the shadow copy, the records entry pages emit, list-page
 * facet counts, and the real Pagefind indexer (Node API) on a small hand-made site.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../src/shared/catalog.ts';
import { fullCharMap } from '../src/build/search/fold-map.ts';
import * as pagefind from 'pagefind';
import { buildSearchIndex, check, SearchIndexError, urlOf } from '../src/build/search/indexer.ts';
import { removeStaleScratch } from '../src/build/search/scratch.ts';
import { PARALLEL_PAGES, planShards, SHARD_PAGES } from '../src/build/search/shards.ts';
import { compareWords, mergedChunkSize } from '../src/build/search/merge-index.ts';
import { facetHref, listFacets } from '../src/build/search/list-facets.ts';
import { catalogText, searchRecord } from '../src/shared/search/record.ts';
import {
  characterWords,
  findBody,
  indexableHtml,
  leanIndexableHtml,
  leanWordMarkup,
  SHADOW_MARK,
  TITLE_WEIGHT,
} from '../src/shared/search/shadow.ts';
import { pairToken } from '../src/shared/search/pair-tokens.ts';
import { loadFixtureCatalog } from './helpers/catalogs.ts';

const map = fullCharMap();

const page = (body: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body><header><nav>网站导航文字</nav></header><main>${body}</main><footer>页脚文字</footer></body></html>`;

const simplifiedEntry = page(
  `<article data-pagefind-body data-entry="cases/a"><p class="note" data-pagefind-ignore>案例库</p><h1 id="t">桂城街道网格化治理</h1><p class="lead">把党组织建在网格上。</p>` +
    `<div hidden data-search-data><span data-pagefind-filter="f[data-v]" data-v="lib:cases"></span><span data-pagefind-meta="name[data-v]" data-v="桂城街道网格化治理"></span></div></article>`,
);
const traditionalEntry = page(
  `<article data-pagefind-body><h1>鄉村振興的廣元路徑</h1><p class="lead">以四川省廣元市山區鄉村振興實踐為案例。</p><p data-pagefind-ignore>加入培訓方案</p>` +
    `<div hidden data-search-data><span data-pagefind-filter="f[data-v]" data-v="lib:courses"></span><span data-pagefind-sort="hours[data-v]" data-v="3"></span></div></article>`,
);

describe('the shadow copy', () => {
  it('finds the indexed element, nested elements of the same tag included', () => {
    const html = '<main><article data-pagefind-body><article>inner</article>text</article><article>other</article></main>';
    const body = findBody(html)!;
    expect(html.slice(body.start, body.end)).toBe('<article>inner</article>text');
    expect(findBody('<main>no body</main>')).toBeUndefined();
  });

  it('gives simplified pages no copy, only their characters as words', () => {
    const out = indexableHtml(simplifiedEntry, map);
    const hidden = out.slice(out.indexOf('<div hidden data-search-shadow>'), out.indexOf('</article>'));
    expect(out.slice(0, out.indexOf('<div hidden data-search-shadow>'))).toBe(
      simplifiedEntry.slice(0, simplifiedEntry.indexOf('</article>')),
    );
    expect(hidden).toContain(SHADOW_MARK);
    expect(hidden).not.toContain('<h1>');
    expect(hidden).toContain('<p>案 例 库 桂 城 街 道 网 格 化 治 理 把 党 组 织 建 在 上</p>');
  });

  it('lists each character once, from text only (never from attributes)', () => {
    expect(characterWords('<p title="属性">广元广元</p><p>广州</p>')).toBe('广 元 州');
  });

  it('appends a folded copy inside the indexed element of a traditional page', () => {
    const out = indexableHtml(traditionalEntry, map);
    const body = out.slice(findBody(out)!.start, findBody(out)!.end);
    const shadow = body.slice(body.indexOf('<div hidden data-search-shadow>'));
    expect(shadow).toContain(SHADOW_MARK);
    expect(shadow).toContain('乡村振兴的广元路径');
    expect(shadow).toContain('<p data-pagefind-ignore>加入培训方案</p>');
    // Facets, sorts and metadata are counted once, from the original.
    expect(shadow).not.toContain('data-pagefind-filter');
    expect(shadow).not.toContain('data-pagefind-sort');
    expect(body.startsWith('<h1>鄉村振興的廣元路徑</h1>')).toBe(true);
    expect(out.endsWith('</footer></body></html>')).toBe(true);
  });

  it('keeps field labels out of the index, in the copy too', () => {
    const html = page('<article data-pagefind-body><dl class="facts"><dt>学時</dt><dd>3 學時</dd></dl></article>');
    const out = indexableHtml(html, map);
    expect(out).toContain('<dt data-pagefind-ignore>学時</dt><dd>3 學時</dd> ');
    expect(out).toContain('<dt data-pagefind-ignore>学时</dt><dd>3 学时</dd> ');
  });

  it('drops ids from the copy so no anchor is duplicated', () => {
    const html = page('<article data-pagefind-body><h2 id="a">廣元</h2></article>');
    expect(indexableHtml(html, map).match(/id="a"/g)).toHaveLength(1);
  });
});

describe('the lean page (a catalog searched through the search files)', () => {
  it('gives Pagefind the data block and the words only, with pair tokens, characters and other words', () => {
    const html = page(
      '<article data-pagefind-body><h1>G20 峰會保障</h1><p>2016 年杭州&amp;峰會。</p><div hidden data-search-data><span data-pagefind-filter="f[data-v]" data-v="lib:cases"></span></div></article>',
    );
    const out = leanIndexableHtml(html, map);
    expect(
      out.startsWith(
        '<!DOCTYPE html><html lang="zh-CN"><body><article data-pagefind-body><div hidden data-search-data><span data-pagefind-filter',
      ),
    ).toBe(true);
    expect(out.endsWith('</div></article></body></html>')).toBe(true);
    // Neither the visible text nor the page around it.
    for (const gone of ['<h1>', '峰會保障', '网站导航文字', '页脚文字', '<title>']) expect(out).not.toContain(gone);
    const words = out.slice(out.indexOf('<div hidden data-search-shadow>'));
    expect(words).toContain(SHADOW_MARK);
    // Folded to simplified: 峰会 as a token, 会 as a character; the name's words weighted
    // like a title, plus once for each time they occur (峰会 twice).
    expect(words).toContain(`<p data-pagefind-weight="9">${pairToken('峰会')}</p>`);
    expect(words).toContain(`<p data-pagefind-weight="8">${pairToken('会保')} ${pairToken('保障')} G20</p>`);
    expect(words).toContain(`<p>${pairToken('年杭')} ${pairToken('杭州')} 2016</p>`);
    expect(words).toContain(' 会 ');
    expect(words).not.toContain('會');
    expect(words).toMatch(/ 2016</);
    expect(words).not.toContain('amp');
  });

  it('lists each word once, weighted by how often it occurs (at most three times), the characters last', () => {
    const markup =
      '<h1>网格治理</h1><p class="lead">社区基层</p><p>网格员走网格，网格连着网格。</p><p>治理 2024 2024</p><dl><dt>网格</dt><dd>x</dd></dl>';
    const out = leanWordMarkup(markup);
    const paragraphs = [...out.matchAll(/<p( data-pagefind-weight="(\d+)")?>([^<]*)<\/p>/g)].map((m) => ({
      weight: Number(m[2] ?? 1),
      words: m[3].split(' '),
    }));
    const words = paragraphs.slice(0, -1).flatMap((p) => p.words);
    expect(new Set(words).size).toBe(words.length);
    const weightOf = (word: string) => paragraphs.find((p) => p.words.includes(word))?.weight;
    // 网格: once in the name, five times in the text (the label <dt> is not text): 7 + 3.
    expect(weightOf(pairToken('网格')!)).toBe(TITLE_WEIGHT + 3);
    expect(weightOf(pairToken('治理')!)).toBe(TITLE_WEIGHT + 2);
    expect(weightOf(pairToken('格员')!)).toBe(1);
    expect(weightOf('2024')).toBe(2);
    // Heaviest first; the characters, one paragraph, last.
    expect(paragraphs.slice(0, -1).map((p) => p.weight)).toEqual([...paragraphs.slice(0, -1).map((p) => p.weight)].sort((a, b) => b - a));
    // The characters of the name and the summary only: no one finds a page of a big
    // catalog by one character of its body.
    expect(paragraphs.at(-1)!.words.sort()).toEqual(['网', '格', '治', '理', '社', '区', '基', '层'].sort());
  });

  it('passes a page without an indexed element unchanged', () => {
    const html = page('<h1>首页</h1>');
    expect(leanIndexableHtml(html, map)).toBe(html);
  });

  it('still gives Pagefind the filters and metadata of the ignored text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'siku-search-lean-'));
    mkdirSync(path.join(dir, 'cases/a'), { recursive: true });
    writeFileSync(path.join(dir, 'cases/a/index.html'), simplifiedEntry);
    await buildSearchIndex({ dir, lean: true });
    const folder = path.join(dir, 'pagefind/fragment');
    const [fragment] = readdirSync(folder).map((name) => {
      const raw = gunzipSync(readFileSync(path.join(folder, name))).toString('utf8');
      return JSON.parse(raw.slice(raw.indexOf('{')));
    });
    expect(fragment.filters.f).toEqual(['lib:cases']);
    expect(fragment.meta.name).toBe('桂城街道网格化治理');
    expect(fragment.content).not.toContain('把党组织建在网格上');
    expect(fragment.content).toContain(pairToken('网格'));
  });
});

describe('records for entry pages', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadFixtureCatalog('search');
  });

  it('gives a course its facets, sorts and card metadata', () => {
    const record = searchRecord(catalog, catalog.get('courses', 'wangge-zhili-shiwu')!, map);
    expect(record.filters).toEqual({
      lib: ['courses'],
      topic: ['基层治理', '数字政府'],
      owner: ['北湖区委党校'],
      pillar: ['履职能力'],
      format: ['专题讲授', '结构化研讨'],
      audience: ['基层干部', '乡科级干部'],
      status: ['入库'],
    });
    // Unevaluated courses sort last by score (Pagefind leaves pages without the key out of a sorted list).
    expect(record.sort).toEqual({ reviewed: '20260912', hours: '3', score: '-1' });
    expect(record.meta).toMatchObject({ name: '基层网格化治理实务', lib: 'courses', id: 'wangge-zhili-shiwu', plan: '1' });
    expect(record.meta.facts).toContain('3 学时');
  });

  it('folds traditional regions into simplified facet values at every level', () => {
    const record = searchRecord(catalog, catalog.get('cases', 'yunling-chaye')!, map);
    expect(record.filters.region).toEqual(['西川省', '西川省云岭县']);
    expect(record.filters.year).toEqual(['2019']);
    expect(record.filters.topic).toEqual(['乡村振兴']);
    expect(record.meta.title).toBe('云岭县茶产业带动乡村振兴');
    expect(record.meta.name).toBe('雲嶺縣茶產業帶動鄉村振興');
    expect(record.sort).toEqual({ reviewed: '20260520', year: '2019' });
  });

  it('marks retired and overdue courses and offers no plan button for them', () => {
    const record = searchRecord(catalog, catalog.get('courses', 'hongse-jiashu')!, map);
    expect(record.meta.badges).toBe('停用 待复核');
    expect(record.meta.plan).toBeUndefined();
  });

  it('gives instructors their category and employment', () => {
    const record = searchRecord(catalog, catalog.get('instructors', 'qiao-wanqing')!, map);
    expect(record.filters).toMatchObject({
      lib: ['instructors'],
      instructor_category: ['领导干部'],
      employment: ['兼职'],
      status: ['在库'],
    });
  });

  it('builds the fold map from published text only', () => {
    const all = catalogText(catalog);
    expect(all).toContain('雲嶺縣茶葉合作社聯合社');
    expect(all).not.toContain('琥珀色档案袋');
    expect(all).not.toContain('蟠龙湾');
  });

  it('counts list-page facets from the same values, linking to filter-only searches', () => {
    const groups = listFacets(catalog, 'cases', map);
    expect(groups.map((g) => g.key)).toEqual(['region', 'year', 'kind', 'topic']);
    const region = groups[0].values.map((v) => [v.text, v.depth, v.count]);
    expect(region).toEqual([
      ['东海省', 0, 4],
      ['临江市', 1, 4],
      ['北湖区', 2, 2],
      ['鹭洲街道', 3, 1],
      ['南浦区', 2, 2],
      ['澄溪镇', 3, 1],
      ['西川省', 0, 1],
      ['云岭县', 1, 1],
    ]);
    const years = groups[1].values.map((v) => v.text);
    expect(years).toEqual(['2024 年', '2023 年', '2021 年', '2020 年', '2019 年']);
    expect(groups[0].values[1].href).toBe(facetHref('cases', 'region', '东海省临江市'));
    expect(new URL(groups[0].values[1].href, 'http://x').searchParams.getAll('region')).toEqual(['东海省临江市']);
    expect(listFacets(catalog, 'instructors', map).map((g) => g.key)).toEqual(['instructor_category', 'employment']);
  });
});

describe('the Pagefind indexer', () => {
  function site(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'siku-search-index-'));
    const write = (rel: string, html: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), html);
    };
    write('index.html', page('<h1>首页</h1><p>不应被索引的首页文字</p>'));
    write('cases/a/index.html', simplifiedEntry);
    write('courses/b/index.html', traditionalEntry);
    return dir;
  }

  function fragments(dir: string): Array<{ url: string; content: string; filters: Record<string, string[]> }> {
    const folder = path.join(dir, 'pagefind/fragment');
    return readdirSync(folder).map((name) => {
      const raw = gunzipSync(readFileSync(path.join(folder, name))).toString('utf8');
      return JSON.parse(raw.slice(raw.indexOf('{')));
    });
  }

  it('removes the page batches a killed index process left behind, never a live one’s', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'siku-scratch-root-'));
    // A process that has exited: its pid names no one now.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    for (const name of [`siku-index-pages-${gone}-x1`, `siku-index-pages-${process.pid}-x2`, 'other-folder'])
      mkdirSync(path.join(root, name, 'cases/a'), { recursive: true });
    expect(removeStaleScratch(root)).toEqual([`siku-index-pages-${gone}-x1`]);
    expect(readdirSync(root).sort()).toEqual(['other-folder', `siku-index-pages-${process.pid}-x2`]);
  });

  it('leaves no page batch of its own behind', async () => {
    const roots = ['/dev/shm', tmpdir()].filter((root) => existsSync(root));
    const mine = () => roots.flatMap((root) => readdirSync(root).filter((n) => n.startsWith(`siku-index-pages-${process.pid}-`)));
    await buildSearchIndex({ dir: site() });
    expect(mine()).toEqual([]);
  });

  it('maps built files to directory URLs', () => {
    expect(urlOf('cases/a/index.html')).toBe('/cases/a/');
    expect(urlOf('index.html')).toBe('/');
    expect(urlOf('about.html')).toBe('/about/');
  });

  it('indexes only entry pages, in one zh-cn index, with the shadow copy for traditional pages', async () => {
    const dir = site();
    const result = await buildSearchIndex({ dir });
    expect(result.pages).toEqual(['cases/a/index.html', 'courses/b/index.html']);
    const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['zh-cn']);
    expect(entry.languages['zh-cn'].page_count).toBe(2);
    const files = readdirSync(path.join(dir, 'pagefind'));
    expect(files).toContain('pagefind.js');
    expect(files.some((f) => f.startsWith('wasm.'))).toBe(true);
    expect(files.filter((f) => /pagefind-(ui|modular-ui|component-ui|highlight|worker)\./.test(f))).toEqual([]);

    const byUrl = Object.fromEntries(fragments(dir).map((f) => [f.url, f]));
    expect(Object.keys(byUrl).sort()).toEqual(['/cases/a/', '/courses/b/']);
    const plain = (s: string) => s.replace(/\u200b/g, '');
    expect(plain(byUrl['/courses/b/'].content)).toContain(SHADOW_MARK);
    expect(plain(byUrl['/courses/b/'].content)).toContain('乡村振兴的广元路径');
    const simplified = plain(byUrl['/cases/a/'].content);
    expect(simplified.split('把党组织建在网格上').length).toBe(2);
    expect(simplified).toContain(`${SHADOW_MARK} 案 例 库 桂 城`);
    for (const f of Object.values(byUrl)) {
      const text = plain(f.content);
      expect(text).not.toMatch(/网站导航文字|页脚文字|加入培|案例库/);
    }
    expect(byUrl['/courses/b/'].filters).toEqual({ f: ['lib:courses'] });
  });

  it('treats any error Pagefind reports as fatal', async () => {
    const created = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
    try {
      const bad = await created.index!.addHTMLFile({ content: '<html><body>x</body></html>' });
      expect(bad.errors.length).toBeGreaterThan(0);
      expect(() => check('索引', bad.errors)).toThrow(SearchIndexError);
      expect(() => check('索引', [])).not.toThrow();
    } finally {
      await pagefind.close();
    }
  });

  it('fails instead of hanging when Pagefind crashes, and works again afterwards', async () => {
    const dir = site();
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    // Writing under a regular file makes the Pagefind binary abort mid-call.
    await expect(buildSearchIndex({ dir, outputPath: path.join(blocker, 'pagefind'), timeout: 5_000 })).rejects.toThrow(SearchIndexError);
    const again = await buildSearchIndex({ dir });
    expect(again.pages).toHaveLength(2);
  });
});

describe('index shards', () => {
  const pages = (library: string, n: number) => Array.from({ length: n }, (_, i) => `${library}/e${i}/index.html`);

  it('keeps a catalog up to 1.5 times the shard size in one index, for memory', () => {
    const all = [...pages('cases', 3), ...pages('courses', 7)];
    expect(planShards(all, 7)).toEqual([all]);
    expect(planShards([...all, ...pages('sites', 1)], 7)).toHaveLength(2);
  });

  it('splits evenly in page order, never above the size', () => {
    const all = [...pages('cases', 3), ...pages('courses', 11), ...pages('sites', 2)];
    const plan = planShards(all, 5);
    expect(plan.map((s) => s.length)).toEqual([4, 4, 4, 4]);
    expect(plan.flat()).toEqual(all);
  });

  it('gives the second core a shard from PARALLEL_PAGES pages on', () => {
    expect(planShards(pages('courses', PARALLEL_PAGES - 1), SHARD_PAGES, 2)).toHaveLength(1);
    const plan = planShards(pages('courses', PARALLEL_PAGES), SHARD_PAGES, 2);
    expect(plan.map((s) => s.length)).toEqual([PARALLEL_PAGES / 2, PARALLEL_PAGES / 2]);
    // Memory still sets the count when it asks for more.
    expect(planShards(pages('courses', 5 * SHARD_PAGES), SHARD_PAGES, 2)).toHaveLength(5);
  });
});

describe('merged index words', () => {
  it('orders words by their UTF-8 bytes, as Pagefind does (characters beyond U+FFFF included)', () => {
    const words = ['a', 'ab', 'b', 'q1jd1v9', '党', '党性', '\u{20000}', '\uff01', '\ue000', 'z'];
    const byBytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareWords)).toEqual(byBytes);
    // Plain UTF-16 order would put U+20000 before U+E000 and U+FF01.
    expect(byBytes.indexOf('\u{20000}')).toBeGreaterThan(byBytes.indexOf('\uff01'));
  });

  it('grows the merged chunks with the catalog', () => {
    expect(mergedChunkSize(500)).toBe(1000);
    expect(mergedChunkSize(10_000)).toBe(1000);
    expect(mergedChunkSize(100_000)).toBe(10_000);
  });
});
