/**
 * The plan builder in real Chromium against a real build of tests/fixtures/planner:
 * add courses from a course page and a menu page, check the totals on /plan/, edit,
 * reload, open the share link in a fresh browser, download the CSV, print.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './helpers/browser.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';
import { sharedFixture } from './helpers/shared-builds.ts';

let browser: Browser;
let server: StaticServer;
const foreign: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const dir = await sharedFixture('planner');
  server = await serveStatic(dir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile (own localStorage) that records any request leaving the site. */
async function freshContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(e.message)));
  return context;
}

const total = (page: Page) => page.locator('[data-plan-total]');
const rowIds = (page: Page) => page.locator('[data-plan-rows] tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-course-id')));

describe('plan builder in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let share = '';

  beforeAll(async () => {
    context = await freshContext();
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('adds a course from its course page, with visible feedback, without /plan/ open', async () => {
    await page.goto(`${server.url}/courses/lilun-daodu/`);
    const button = page.locator('[data-plan-add="lilun-daodu"]');
    await expect.poll(() => button.textContent()).toBe('加入培训方案');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('已加入方案');
    await expect.poll(() => page.locator('#plan-status').textContent()).toContain('党的创新理论导读');
    expect(await page.locator('a[href="/plan/"]').count()).toBeGreaterThan(0);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('siku-plan') ?? '{}'));
    expect(stored.courses).toEqual(['lilun-daodu']);
  });

  it('adds courses from a menu page and sums them on /plan/', async () => {
    await page.goto(`${server.url}/menu/`);
    // Already in the plan: the menu says so on load.
    await expect.poll(() => page.locator('[data-plan-add="lilun-daodu"]').getAttribute('data-plan-state')).toBe('added');
    await page.locator('[data-plan-add="dangxing-xianchang"]').click();
    await page.locator('[data-plan-add="yingji-moni"]').click();
    await page.locator('[data-plan-add="yingji-moni"]').click(); // twice: still once in the plan
    await expect.poll(() => page.locator('[data-plan-add="yingji-moni"]').textContent()).toContain('已加入方案');
    await page.goto(`${server.url}/plan/`);
    expect(await total(page).textContent()).toBe('9.5'); // 3 + 2.5 + 4, ready by the load event
    expect(await total(page).count()).toBe(1);
    expect(await rowIds(page)).toEqual(['lilun-daodu', 'dangxing-xianchang', 'yingji-moni']);
    expect(await page.locator('[data-plan-party]').textContent()).toBe('26.3%（2.5 学时）');
    // 1.25 现场 + 4 情景模拟 = 5.25 of 9.5
    expect(await page.locator('[data-plan-interactive]').textContent()).toBe('55.3%（5.25 学时）');
  });

  it('handles [data-plan-add] buttons inserted after load (search results)', async () => {
    await page.goto(`${server.url}/menu/county/`);
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.setAttribute('data-plan-add', 'shuzi-zhengfu');
      b.id = 'late';
      b.textContent = '加入培训方案';
      document.querySelector('main')!.append(b);
    });
    await page.locator('#late').click();
    await expect.poll(() => page.locator('#late').textContent()).toBe('已加入方案');
    await page.goto(`${server.url}/plan/`);
    expect(await total(page).textContent()).toBe('11.5');
  });

  it('reorders, removes, and warns', async () => {
    await page.locator('[data-course-id="yingji-moni"] [data-plan-move="-1"]').click();
    expect(await rowIds(page)).toEqual(['lilun-daodu', 'yingji-moni', 'dangxing-xianchang', 'shuzi-zhengfu']);
    await page.locator('[data-plan-remove="shuzi-zhengfu"]').click();
    expect(await total(page).textContent()).toBe('9.5');
    await page.fill('#plan-title', '基层干部班, "第一期"');
    await page.selectOption('#plan-audience', '基层干部');
    await page.fill('#plan-days', '1');
    const warnings = await page.locator('[data-plan-warnings] li').allTextContents();
    expect(warnings.some((w) => w.includes('仍在试讲'))).toBe(true);
    expect(warnings.some((w) => w.includes('聘期已于 2025-06-30 到期'))).toBe(true);
    expect(warnings.some((w) => w.includes('示例社区治理中心（暂停）'))).toBe(true);
    expect(warnings.some((w) => w.includes('超过 1 天可安排的 6 学时'))).toBe(true);
    expect(warnings.some((w) => w.includes('《党的创新理论导读》未将“基层干部”列为培训对象'))).toBe(true);
    await page.fill('#plan-days', '2');
    const after = await page.locator('[data-plan-warnings] li').allTextContents();
    expect(after.some((w) => w.includes('超过'))).toBe(false);
  });

  it('survives a reload', async () => {
    await page.reload();
    expect(await total(page).textContent()).toBe('9.5');
    expect(await rowIds(page)).toEqual(['lilun-daodu', 'yingji-moni', 'dangxing-xianchang']);
    expect(await page.inputValue('#plan-title')).toBe('基层干部班, "第一期"');
    expect(await page.inputValue('#plan-audience')).toBe('基层干部');
    expect(await page.inputValue('#plan-days')).toBe('2');
    share = await page.inputValue('[data-plan-share]');
    expect(share.startsWith(`${server.url}/plan/#c=lilun-daodu,yingji-moni,dangxing-xianchang&`)).toBe(true);
  });

  it('exports a CSV with a BOM and one row per course', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-plan-csv]').click()]);
    expect(download.suggestedFilename()).toBe('基层干部班, "第一期"-2026-11-21.csv'.replace(/"/g, ''));
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('序号,课程编号,课程名称,学时,内容板块,教学形式,主讲教师,状态,课程网址');
    expect(lines.slice(1, 4).map((l) => l.split(',').slice(0, 4))).toEqual([
      ['1', 'lilun-daodu', '党的创新理论导读', '3'],
      ['2', 'yingji-moni', '突发事件应急处置情景模拟', '4'],
      ['3', 'dangxing-xianchang', '红色资源里的党性教育', '2.5'],
    ]);
    expect(lines[1]).toContain(`${server.url}/courses/lilun-daodu/`);
    expect(lines[4]).toBe(',,合计（3 门）,9.5,,,,,');
  });

  it('prints an A4 方案: no navigation or controls, the plan table and totals', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.plan-meta').isVisible()).toBe(false);
    expect(await page.locator('.plan-share').isVisible()).toBe(false);
    expect(await page.locator('[data-plan-remove]').first().isVisible()).toBe(false);
    expect(await page.locator('[data-plan-table]').isVisible()).toBe(true);
    expect(await page.locator('[data-plan-total]').isVisible()).toBe(true);
    expect(await page.locator('[data-plan-print-title]').textContent()).toBe('基层干部班, "第一期"');
    expect(await page.locator('[data-plan-print-title]').isVisible()).toBe(true);
    const shot = await page.screenshot({ fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('opens the share link in a fresh browser with the same plan', async () => {
    const other = await freshContext();
    const p = await other.newPage();
    await p.goto(share);
    expect(await total(p).textContent()).toBe('9.5');
    expect(await rowIds(p)).toEqual(['lilun-daodu', 'yingji-moni', 'dangxing-xianchang']);
    expect(await p.inputValue('#plan-title')).toBe('基层干部班, "第一期"');
    expect(await p.inputValue('#plan-days')).toBe('2');
    // Imported into this browser's storage, and the fragment is gone so edits are not undone by a reload.
    expect(new URL(p.url()).hash).toBe('');
    await p.reload();
    expect(await total(p).textContent()).toBe('9.5');
    await other.close();
  });

  it('keeps the rest of a shared plan that names a course no longer in the catalog', async () => {
    const other = await freshContext();
    const p = await other.newPage();
    await p.goto(`${server.url}/plan/#c=lilun-daodu,tingyong-ke,gone-course,yuanqu-yantao&d=2`);
    expect(await total(p).textContent()).toBe('4.5');
    const message = await p.locator('[data-plan-messages]').textContent();
    expect(message).toContain('tingyong-ke、gone-course');
    expect(message).toContain('其余 2 门课程已保留');
    expect(await rowIds(p)).toEqual(['lilun-daodu', 'yuanqu-yantao']);
    await other.close();
  });

  it('lets the plan page add courses itself, and restores the plan a share link replaced', async () => {
    await page.fill('#plan-find', '数字');
    await page.locator('[data-plan-find-results] [data-plan-add="shuzi-zhengfu"]').click();
    await expect.poll(() => total(page).textContent()).toBe('11.5');
    await page.goto(`${server.url}/plan/#c=yuanqu-yantao`);
    expect(await total(page).textContent()).toBe('1.5');
    await page.locator('[data-plan-restore-button]').click();
    expect(await total(page).textContent()).toBe('11.5');
  });

  it('made no request outside the site and raised no script errors', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
