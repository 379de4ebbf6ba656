/**
 * 训后评估 shown: the per-course score (src/shared/evaluation.ts) over tests/fixtures/evaluated
 * (the basic fixture plus two evaluated programs: one on the 5-point scale, one on the
 * 100-point scale), then a real build of that fixture: the course page, the menu, the
 * planner's data file and page, the program page, and in Chromium the search page
 * sorted by score, with the result bundle and without (SIKU_SEARCH_BUNDLE_LIMIT=0).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramData, ProgramEvaluation } from '../src/schemas/index.ts';
import { type Catalog, catalogEntry, type ProgramEntry } from '../src/shared/catalog.ts';
import { courseEvaluations, evaluationsOf, evaluationText, formatScore, scoreSortKey } from '../src/shared/evaluation.ts';
import { factsOf } from '../src/shared/facts.ts';
import { planWireData } from '../src/shared/plan/build-data.ts';
import { decodeData, type WireData } from '../src/shared/plan/wire.ts';
import { fullCharMap } from '../src/build/search/fold-map.ts';
import { SORTS } from '../src/shared/search/facets.ts';
import { parseState, stateToSearch } from '../src/shared/search/query.ts';
import { searchRecord } from '../src/shared/search/record.ts';
import { launchBrowser } from './helpers/browser.ts';
import { readBuilt } from './helpers/build.ts';
import { loadFixtureCatalog } from './helpers/catalogs.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';
import { sharedBuild } from './helpers/shared-builds.ts';

/**
 * The fixture's programs, worked out by hand: zhizao-pinggu-ban (5-point, 40 answers,
 * closed 2026-09-20) scores zhizao-zhuanxing 4.8 and wangge-zhili 4.2; jiceng-pinggu-ban
 * (100-point, 43 answers, closed 2026-10-20) scores zhizao-zhuanxing 88, i.e. 4.4 of 5.
 * cungai-xianchang is scheduled there but not scored; dangxing-jiaoyu (停用) is never.
 */
const ZHIZAO = (4.8 * 40 + (88 / 100) * 5 * 43) / (40 + 43);

describe('course evaluations (module)', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadFixtureCatalog('evaluated');
  });

  it('weights each program by its respondents after scaling to 5', () => {
    const all = evaluationsOf(catalog);
    const zhizao = all.get('zhizao-zhuanxing')!;
    expect(zhizao.score).toBeCloseTo(ZHIZAO, 10);
    expect(zhizao).toMatchObject({ programs: 2, respondents: 83, latest: '2026-10-20' });
    expect(zhizao.scores.map((s) => [s.program, s.score, s.scale, s.scaled])).toEqual([
      ['jiceng-pinggu-ban', 88, 100, 4.4],
      ['zhizao-pinggu-ban', 4.8, 5, 4.8],
    ]);
    expect(all.get('wangge-zhili')).toMatchObject({ score: 4.2, programs: 1, respondents: 40, latest: '2026-09-20' });
    expect(all.has('cungai-xianchang')).toBe(false);
    expect(all.has('dangxing-jiaoyu')).toBe(false);
    expect([...all.keys()].sort()).toEqual(['wangge-zhili', 'zhizao-zhuanxing']);
  });

  it('is computed once per catalog', () => {
    expect(evaluationsOf(catalog)).toBe(evaluationsOf(catalog));
  });

  it('weighs each program by its respondents, 100-point scores scaled to 5', () => {
    // References are plain ids here: the site's loader converts Astro's { id, collection } once.
    const program = (id: string, evaluation?: ProgramEvaluation): ProgramEntry =>
      catalogEntry('programs', id, { evaluation } as ProgramData);
    const map = courseEvaluations([
      program('a', { date: '2026-01-10', respondents: 10, scale: 5, courses: [{ course: 'x', score: 5 }] }),
      program('b', { date: '2026-03-01', respondents: 30, scale: 100, courses: [{ course: 'x', score: 60 }] }),
      program('c'),
    ]);
    // (5 × 10 + 3 × 30) / 40 = 3.5
    expect(map.get('x')).toMatchObject({ score: 3.5, programs: 2, respondents: 40, latest: '2026-03-01' });
    expect(map.size).toBe(1);
  });

  it('formats one decimal out of 5 with the counts and the latest date', () => {
    const zhizao = evaluationsOf(catalog).get('zhizao-zhuanxing')!;
    expect(formatScore(zhizao.score)).toBe('4.6');
    expect(formatScore(4)).toBe('4.0');
    expect(evaluationText(zhizao)).toBe('4.6 / 5（2 个班次、83 人评价，最近 2026-10-20）');
  });

  it('gives the course page a 训后评估 fact, and nothing for an unevaluated course', () => {
    const fact = factsOf(catalog, catalog.get('courses', 'zhizao-zhuanxing')!).find((f) => f.label === '训后评估');
    expect(fact?.text).toBe('4.6 / 5（2 个班次、83 人评价，最近 2026-10-20）');
    expect(factsOf(catalog, catalog.get('courses', 'cungai-xianchang')!).some((f) => f.label === '训后评估')).toBe(false);
  });

  it('gives every course a score sort key (-1 when unevaluated), and evaluated cards the score', () => {
    const map = fullCharMap();
    const zhizao = searchRecord(catalog, catalog.get('courses', 'zhizao-zhuanxing')!, map);
    expect(zhizao.sort.score).toBe('4.59');
    expect(zhizao.meta.facts).toContain('训后评估 4.6 / 5');
    const cungai = searchRecord(catalog, catalog.get('courses', 'cungai-xianchang')!, map);
    expect(cungai.sort.score).toBe('-1');
    expect(cungai.meta.facts).not.toContain('训后评估');
    expect(searchRecord(catalog, catalog.get('cases', 'dengta-anli')!, map).sort.score).toBeUndefined();
    expect(scoreSortKey(undefined)).toBe('-1');
  });

  it('offers the sort on the search page and keeps it in the URL', () => {
    const def = SORTS.find((s) => s.value === 'score-desc');
    expect(def).toMatchObject({ key: 'score', direction: 'desc' });
    expect(def!.label).toContain('评分从高到低');
    const state = parseState(new URLSearchParams('lib=courses&sort=score-desc'));
    expect(state.sort).toBe('score-desc');
    expect(stateToSearch(state)).toBe('?lib=courses&sort=score-desc');
  });

  it('puts the score in the planner data in tenths, and reads it back', () => {
    const wire = planWireData(catalog);
    const byId = new Map(wire.courses.map((c) => [c.i, c]));
    expect(byId.get('zhizao-zhuanxing')!.e).toBe(46);
    expect(byId.get('wangge-zhili')!.e).toBe(42);
    expect('e' in byId.get('cungai-xianchang')!).toBe(false);
    const back = decodeData(JSON.parse(JSON.stringify(wire)));
    expect(back.courses.get('zhizao-zhuanxing')!.score).toBe(4.6);
    expect(back.courses.get('cungai-xianchang')!.score).toBeUndefined();
  });
});

describe('a real build of the evaluated fixture', () => {
  let dist: string;
  /** The same catalog built without the result bundle, as a big catalog is. */
  let filesDist: string;
  let server: StaticServer;
  let filesServer: StaticServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const built = await sharedBuild('evaluated');
    if (built.status !== 0) throw new Error(`构建失败：\n${built.stdout}\n${built.stderr}`);
    dist = built.outDir;
    const noBundle = await sharedBuild('evaluated-no-bundle');
    if (noBundle.status !== 0) throw new Error(`构建失败：\n${noBundle.stdout}\n${noBundle.stderr}`);
    filesDist = noBundle.outDir;
    server = await serveStatic(dist);
    filesServer = await serveStatic(filesDist);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await filesServer?.close();
  });

  it('the course page shows the score with the numbers of programs and respondents', () => {
    const html = readBuilt(dist, 'courses/zhizao-zhuanxing/index.html');
    expect(html).toContain('<dt>训后评估</dt>');
    expect(html).toMatch(/<data value="4\.59" data-evaluation[^>]*>4\.6 \/ 5（2 个班次、83 人评价，最近 2026-10-20）<\/data>/);
    expect(readBuilt(dist, 'courses/wangge-zhili/index.html')).toContain('4.2 / 5（1 个班次、40 人评价，最近 2026-09-20）');
    expect(readBuilt(dist, 'courses/cungai-xianchang/index.html')).not.toContain('训后评估');
  });

  it('the menu has a 训后评估 column: the score, or — when unevaluated', () => {
    const row = (html: string, id: string) => {
      const at = html.indexOf(`href="/courses/${id}/"`);
      expect(at, id).toBeGreaterThan(0);
      return html.slice(html.lastIndexOf('<tr>', at), html.indexOf('</tr>', at));
    };
    const menu = readBuilt(dist, 'menu/index.html');
    expect(menu).toContain('<th scope="col">状态</th><th scope="col">训后评估</th>');
    expect(row(menu, 'zhizao-zhuanxing')).toMatch(/<td>入库<\/td><td>4\.6<\/td><td><button/);
    expect(row(menu, 'wangge-zhili')).toContain('<td>4.2</td>');
    expect(row(menu, 'cungai-xianchang')).toMatch(/<\/td><td>—<\/td><td><button/);
    const county = readBuilt(dist, `menu/县处级干部/index.html`);
    expect(row(county, 'zhizao-zhuanxing')).toContain('<td>4.6</td>');
  });

  it('/plan/courses.js carries the score of evaluated courses only', () => {
    const text = readBuilt(dist, 'plan/courses.js');
    const data = JSON.parse(/^self\.SIKU_PLAN_DATA=(.*);\n$/s.exec(text)![1]) as WireData;
    const byId = new Map(data.courses.map((c) => [c.i, c]));
    expect(byId.get('zhizao-zhuanxing')!.e).toBe(46);
    expect(byId.get('wangge-zhili')!.e).toBe(42);
    expect(byId.get('cungai-xianchang')!.e).toBeUndefined();
  });

  it('the program page shows its evaluation table, as written and out of 5', () => {
    const hundred = readBuilt(dist, 'programs/jiceng-pinggu-ban/index.html');
    expect(hundred).toContain('训后评估');
    expect(hundred).toMatch(/href="\/courses\/zhizao-zhuanxing\/"[^<]*<\/a><\/th><td>88<\/td><td>4\.4<\/td>/);
    expect(readBuilt(dist, 'programs/zhizao-ban/index.html')).not.toContain('data-program-evaluation');
  });

  it('the plan builder shows each planned course’s score', async () => {
    await page.goto(`${server.url}/plan/#c=zhizao-zhuanxing,cungai-xianchang`);
    await page.waitForSelector('[data-plan-app][data-plan-ready]');
    const score = page.locator('[data-course-id="zhizao-zhuanxing"] [data-plan-score]');
    await expect(score.textContent()).resolves.toBe('训后评估 4.6 / 5');
    expect(await page.locator('[data-course-id="cungai-xianchang"] [data-plan-score]').count()).toBe(0);
  });

  const DONE = '[data-search-results][data-search-state="done"]';
  async function courseLinks(p: Page): Promise<string[]> {
    const hrefs = await p.$$eval('[data-search-results] .result h3 a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
    return [...new Set(hrefs)];
  }

  it('has no result bundle in the SIKU_SEARCH_BUNDLE_LIMIT=0 build, but the search files', () => {
    const bundle = (f: string) => /^results\.[0-9a-f]+\.bin$/.test(f);
    expect(readdirSync(path.join(dist, 'search')).some(bundle)).toBe(true);
    const files = readdirSync(path.join(filesDist, 'search'));
    expect(files.some(bundle)).toBe(false);
    expect(files.some((f) => /^sorts\.[0-9a-f]+\.bin$/.test(f))).toBe(true);
  });

  for (const mode of ['结果包', '搜索文件'] as const) {
    it(`sorts courses by score, evaluated first in descending order, unevaluated last（${mode}）`, async () => {
      const on = mode === '结果包' ? server : filesServer;
      await page.goto(`${on.url}/search/?lib=courses&sort=score-desc`);
      await page.waitForSelector(DONE);
      const links = await courseLinks(page);
      expect(links.slice(0, 2)).toEqual(['/courses/zhizao-zhuanxing/', '/courses/wangge-zhili/']);
      // Every course is listed (停用 ones too, as in any search), the unevaluated after the rest.
      expect([...links.slice(2)].sort()).toEqual(['/courses/cungai-xianchang/', '/courses/dangxing-jiaoyu/']);
      await expect(page.inputValue('[data-search-sort]')).resolves.toBe('score-desc');
      // Across the libraries only courses have a score: a topic lists its courses, evaluated first.
      await page.goto(`${on.url}/search/?topic=${encodeURIComponent('制造业高质量发展')}&sort=score-desc`);
      await page.waitForSelector(DONE);
      expect(await courseLinks(page)).toEqual(['/courses/zhizao-zhuanxing/', '/courses/cungai-xianchang/']);
      await page.goto(`${on.url}/search/?lib=courses&sort=score-desc`);
      await page.waitForSelector(DONE);
      const card = page.locator('[data-search-results] .result', { has: page.locator('a[href="/courses/zhizao-zhuanxing/"]') });
      await expect(card.textContent()).resolves.toContain('训后评估 4.6 / 5');
    });

    it(`offers 评分从高到低 in the sort control, and the URL carries it（${mode}）`, async () => {
      const on = mode === '结果包' ? server : filesServer;
      await page.goto(`${on.url}/search/?lib=courses`);
      await page.waitForSelector(DONE);
      const option = page.locator('[data-search-sort] option[value="score-desc"]');
      await expect(option.textContent()).resolves.toContain('评分从高到低');
      await page.selectOption('[data-search-sort]', 'score-desc');
      await page.waitForURL(/sort=score-desc/);
      await page.waitForSelector(DONE);
      expect((await courseLinks(page)).slice(0, 2)).toEqual(['/courses/zhizao-zhuanxing/', '/courses/wangge-zhili/']);
      // With a query the chosen order still wins over relevance.
      await page.goto(`${on.url}/search/?q=${encodeURIComponent('制造业')}&sort=score-desc`);
      await page.waitForSelector(DONE);
      const withQuery = await courseLinks(page);
      expect(withQuery[0]).toBe('/courses/zhizao-zhuanxing/');
    });
  }
});
