/**
 * Accessibility of a real build (tests/fixtures/basic plus generated courses, see
 * a11yContent and addLongMenu) in Chromium: axe-core's WCAG 2.1 A/AA rules on every page type in the
 * light and the dark scheme, keyboard-only search and plan building, clean print.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yContent, axeViolations, formatViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { runBuild } from './helpers/build.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';
import { BACKLINK_LIMIT } from '../src/shared/backlinks.ts';
import { MENU_PAGE_SIZE } from '../src/shared/menu-parts.ts';

const DONE = '[data-search-results][data-search-state="done"]';

interface PageCase {
  /** What the page is, for the test name. */
  name: string;
  url: string;
  /** Wait for client-rendered content before checking. */
  ready?: (page: Page) => Promise<unknown>;
}

const searchDone = (page: Page) => page.waitForSelector(DONE);
const planReady = (page: Page) => page.waitForFunction(() => document.querySelector('[data-plan-count]')?.textContent !== '0');

/**
 * Every page type of the site. One list: a new page type (/coverage/, /data/, /changes/
 * …) is one more line here.
 */
const PAGES: PageCase[] = [
  { name: '首页', url: '/' },
  { name: '课程库列表', url: '/courses/' },
  { name: '课程库列表第 2 页', url: '/courses/page/2/' },
  { name: '案例库列表', url: '/cases/' },
  { name: '现场教学库列表', url: '/sites/' },
  { name: '师资库列表', url: '/instructors/' },
  { name: '课程（停用）', url: '/courses/dangxing-jiaoyu/' },
  { name: '课程（不公开的教师署名）', url: '/courses/cungai-xianchang/' },
  { name: '课程（MDX 提示框和表格，试讲）', url: '/courses/callout-demo/' },
  { name: '课程（待复核）', url: '/courses/extra-05/' },
  { name: '案例', url: '/cases/cungai-anli/' },
  { name: '现场教学点', url: '/sites/dengta-gongchang/' },
  { name: '现场教学点（退出）', url: '/sites/hongse-jidi/' },
  { name: '教师（有照片）', url: '/instructors/lin-jiaoshou/' },
  { name: '教师（无照片）', url: '/instructors/he-juzhang/' },
  { name: '教师（退出）', url: '/instructors/xu-tuixiu/' },
  { name: '教师（讲授课程很多）', url: '/instructors/lin-jiaoshou/' },
  { name: '教师讲授的全部课程第 2 页', url: '/instructors/lin-jiaoshou/courses/page/2/' },
  { name: '专题索引', url: '/topics/' },
  { name: '专题', url: '/topics/grassroots-governance/' },
  { name: '专题的课程列表第 2 页', url: '/topics/grassroots-governance/courses/page/2/' },
  { name: '党校索引', url: '/schools/' },
  { name: '党校', url: '/schools/town-school/' },
  { name: '党校的课程列表', url: '/schools/town-school/courses/' },
  { name: '课程菜单（分板块总览）', url: '/menu/' },
  { name: '培训对象的课程菜单', url: `/menu/${encodeURIComponent('基层干部')}/` },
  { name: '培训对象的课程菜单（分板块总览）', url: `/menu/${encodeURIComponent('县处级干部')}/` },
  { name: '课程菜单的板块', url: `/menu/all/${encodeURIComponent('履职能力')}/` },
  { name: '课程菜单的板块第 2 页', url: `/menu/${encodeURIComponent('县处级干部')}/${encodeURIComponent('理论教育')}/page/2/` },
  { name: '培训方案（空）', url: '/plan/' },
  {
    name: '培训方案（有课程和提醒）',
    url: `/plan/#c=wangge-zhili,zhizao-zhuanxing,extra-03&t=${encodeURIComponent('测试方案')}&a=${encodeURIComponent('县处级干部')}&d=1`,
    ready: planReady,
  },
  { name: '培训班次', url: '/programs/' },
  { name: '班次课表', url: '/programs/zhizao-ban/' },
  { name: '搜索（空）', url: '/search/', ready: searchDone },
  { name: '搜索（有结果）', url: `/search/?q=${encodeURIComponent('网格')}`, ready: searchDone },
  {
    name: '搜索（已选筛选项）',
    url: `/search/?q=${encodeURIComponent('网格')}&lib=courses&topic=${encodeURIComponent('基层治理')}`,
    ready: searchDone,
  },
  { name: '搜索（无结果）', url: `/search/?q=${encodeURIComponent('量子纠缠')}`, ready: searchDone },
  { name: '覆盖情况', url: '/coverage/' },
  { name: '数据下载', url: '/data/' },
  { name: '更新记录', url: '/changes/' },
  { name: '更新记录第 2 页', url: '/changes/page/2/' },
  { name: '404', url: '/no-such-page/' },
];

/**
 * Besides WCAG A/AA: landmarks must be told apart (two unnamed search forms on /search/
 * were one such duplicate) and all content must sit in a landmark.
 */
const LANDMARK_RULES = [
  'landmark-unique',
  'landmark-one-main',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'region',
];

/**
 * More 县处级干部 courses than a menu page holds, all taught by 林育文: the all-audience
 * and the 县处级干部 menus go into parts (理论教育 over two pages), her page caps its
 * course list and links the full one, and /changes/ runs over several pages.
 */
function addLongMenu(root: string): void {
  const dir = path.join(root, 'courses', 'long-menu');
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= Math.max(MENU_PAGE_SIZE + 10, BACKLINK_LIMIT * 3); i++) {
    writeFileSync(
      path.join(dir, `long-${i}.md`),
      `---
title: 制造业转型升级案例研讨第 ${i} 讲
summary: 第 ${i} 讲结合园区改造和企业数字化实践，研讨推动制造业转型升级的路径。
topics: [制造业高质量发展]
owner: city-school
reviewed: 2026-0${1 + (i % 9)}-15
pillar: 理论教育
formats: [专题讲授]
audiences: [县处级干部]
hours: 2
instructors: [lin-jiaoshou]
status: 入库
---

第 ${i} 讲的教学安排。
`,
    );
  }
}

let dir: string;
let content: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  content = a11yContent();
  addLongMenu(content);
  const result = runBuild(content);
  if (result.status !== 0) throw new Error(`构建失败：\n${result.stdout}\n${result.stderr}`);
  dir = result.outDir;
  server = await serveStatic(dir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const d of [dir, content]) if (d) rmSync(path.dirname(d), { recursive: true, force: true });
});

async function freshContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 } });
}

async function open(page: Page, c: PageCase): Promise<void> {
  // A link with only a new #fragment would not load the page again.
  if (c.url.includes('#')) await page.goto('about:blank');
  const response = await page.goto(server.url + c.url);
  if (c.url !== '/no-such-page/') expect(response?.status(), c.url).toBe(200);
  await c.ready?.(page);
}

/** Elements painted near-white in the dark scheme: a colour hard-coded instead of a variable. */
function lightPatches(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
      if (!m || (m[4] !== undefined && Number(m[4]) < 0.5) || !el.getClientRects().length) continue;
      const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      if (0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6) out.push(`${el.tagName.toLowerCase()}.${el.className} ${m[0]}`);
    }
    return out;
  });
}

describe('axe-core on every page type', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await freshContext();
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('checks every built page type (the list is complete)', () => {
    for (const c of PAGES) {
      const rel = decodeURIComponent(c.url.replace(/[?#].*$/, ''));
      if (c.url !== '/no-such-page/') expect(existsSync(path.join(dir, rel, 'index.html')), rel).toBe(true);
    }
    // Pages being added to the site join the list as soon as they are built.
    for (const later of ['coverage', 'data', 'changes']) {
      if (existsSync(path.join(dir, later, 'index.html')))
        expect(
          PAGES.map((p) => p.url),
          `/${later}/ 已构建，应加入 PAGES`,
        ).toContain(`/${later}/`);
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    it.each(PAGES.map((c) => [c.name, c] as const))(`${scheme}: %s`, async (_, c) => {
      await page.emulateMedia({ media: 'screen', colorScheme: scheme });
      await open(page, c);
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background).toBe(scheme === 'dark' ? 'rgb(22, 25, 29)' : 'rgb(255, 255, 255)');
      const violations = await axeViolations(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      if (scheme === 'dark') expect(await lightPatches(page)).toEqual([]);
      const landmarks = await axeViolations(page, { type: 'rule', values: LANDMARK_RULES });
      expect(landmarks, formatViolations(landmarks)).toEqual([]);
    });
  }
});

/** Presses Tab until `selector` has focus; fails after `max` presses. Returns how many it took. */
async function tabTo(page: Page, selector: string, max = 80, key = 'Tab'): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`按 ${max} 次 ${key} 也没有到达 ${selector}`);
}

/** The focused element's outline, to prove focus is visible. */
function focusRing(page: Page) {
  return page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor };
  });
}

describe('keyboard only', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`shows a clear focus ring (${scheme})`, async () => {
      const context = await freshContext();
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.url}/courses/`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
      // The skip link comes first and shows itself on screen.
      expect((await page.locator('.skip').boundingBox())!.x).toBeGreaterThanOrEqual(0);
      const rings = [await focusRing(page)];
      for (const selector of ['.site-nav a', '#header-q', '.facet-panel summary', '.card a']) {
        await tabTo(page, selector);
        rings.push(await focusRing(page));
      }
      for (const ring of rings) {
        expect(ring.style).toBe('solid');
        expect(ring.width).toBe('3px');
      }
      // White on the red header, the focus colour on the page.
      expect(rings[1].color).toBe('rgb(255, 255, 255)');
      expect(rings[3].color).toBe(scheme === 'dark' ? 'rgb(88, 166, 255)' : 'rgb(9, 105, 218)');
      await context.close();
    });
  }

  it('searches, filters and reaches results from the keyboard', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/search/`);
    await page.waitForSelector(DONE);
    // The page's own search box comes right after the header and breadcrumbs.
    const presses = await tabTo(page, '#search-q');
    expect(presses).toBeLessThan(20);
    expect((await focusRing(page)).style).toBe('solid');
    await page.keyboard.type('网格');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=%E7%BD%91%E6%A0%BC/);
    await page.waitForSelector(DONE);
    const before = await page.$$eval('[data-search-results] .result a', (a) => a.map((x) => x.getAttribute('href')));
    expect(before.length).toBeGreaterThan(1);
    const status = await page.locator('[data-search-status]').textContent();
    // Tabs, then the facet groups: open the 状态 group and tick its rarest value.
    await tabTo(page, 'details[data-facet="status"] > summary');
    await page.keyboard.press('Enter');
    const value = await page.$$eval('details[data-facet="status"] label', (labels) => {
      const count = (l: Element) => Number(/\((\d+)\)/.exec(l.textContent ?? '')?.[1]);
      return labels.sort((a, b) => count(a) - count(b)).map((l) => l.querySelector('input')!.value)[0];
    });
    await tabTo(page, `details[data-facet="status"] input[value="${value}"]`);
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.searchParams.get('status') === value);
    await page.waitForSelector(DONE);
    // Focus stays on the ticked box after the facets are redrawn.
    expect(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return [el.name, el.value, el.checked];
      }),
    ).toEqual(['status', value, true]);
    const after = await page.$$eval('[data-search-results] .result a', (a) => a.map((x) => x.getAttribute('href')));
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toEqual(before);
    expect(await page.locator('[data-search-status]').textContent()).not.toBe(status);
    // Onward to the sort control and the first result.
    await tabTo(page, '#search-sort');
    await tabTo(page, '[data-search-results] .result a');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(after[0]);
    await context.close();
  });

  it('builds a plan from the keyboard: add from the menu, reorder, remove', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/menu/${encodeURIComponent('基层干部')}/`);
    await tabTo(page, '[data-plan-add="wangge-zhili"]', 200);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-plan-add="wangge-zhili"]').getAttribute('data-plan-state')).toBe('added');
    await tabTo(page, '[data-plan-add="extra-01"]', 200);
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('[data-plan-add="extra-01"]').getAttribute('data-plan-state')).toBe('added');

    await page.goto(`${server.url}/plan/`);
    const rows = () => page.locator('[data-plan-rows] tr').evaluateAll((r) => r.map((x) => x.getAttribute('data-course-id')));
    expect(await rows()).toEqual(['wangge-zhili', 'extra-01']);
    // The meta form, then the table: 下移 on the first course.
    await tabTo(page, '#plan-title');
    await tabTo(page, '[data-course-id="wangge-zhili"] [data-plan-move="1"]');
    expect((await focusRing(page)).style).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await rows()).toEqual(['extra-01', 'wangge-zhili']);
    // Focus follows the moved course (now last, so onto its enabled 上移).
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-course-id'))).toBe('wangge-zhili');
    await tabTo(page, '[data-plan-remove="wangge-zhili"]');
    await page.keyboard.press('Space');
    expect(await rows()).toEqual(['extra-01']);
    // Focus lands on the neighbour's 移除, not on the page body.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-plan-remove'))).toBe('extra-01');
    await context.close();
  });
});

describe('print', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`hides navigation and search boxes, on white (${scheme} system scheme)`, async () => {
      const context = await freshContext();
      const page = await context.newPage();
      for (const url of ['/courses/wangge-zhili/', '/plan/#c=wangge-zhili,extra-01']) {
        await page.goto(server.url + url);
        if (url.startsWith('/plan/')) await planReady(page);
        await page.emulateMedia({ media: 'print', colorScheme: scheme });
        for (const selector of ['.site-header', '.site-nav', '.header-search', '.breadcrumbs', '.site-footer', '.skip']) {
          expect(await page.locator(selector).isVisible(), `${url} ${selector}`).toBe(false);
        }
        const colours = await page.evaluate(() => [
          getComputedStyle(document.documentElement).backgroundColor,
          getComputedStyle(document.body).color,
        ]);
        expect(colours).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
        if (url.startsWith('/plan/')) {
          for (const selector of ['.plan-meta', '.plan-find', '.plan-share', '[data-plan-remove]'])
            expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
          expect(await page.locator('[data-plan-table]').isVisible()).toBe(true);
        } else {
          expect(await page.locator('article h1').isVisible()).toBe(true);
          expect(await page.locator('.plan-add').isVisible()).toBe(false);
        }
        await page.emulateMedia({ media: 'screen', colorScheme: scheme });
      }
      await context.close();
    });
  }
});
