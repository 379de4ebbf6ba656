/**
 * Content can't run code in a reader's browser. tests/fixtures/xss puts script-like
 * text in every field, in vocabulary labels and school names, and harmless-looking
 * tricks in Markdown and MDX bodies — all of which the checker lets through. The
 * catalog is built for real and every page is opened in Chromium: no payload may run
 * (each one sets window.__xss or calls alert), no element may carry an event handler or
 * a javascript: URL, and no request may leave the site. The payloads that *would* run
 * are the checker's job: they are refused before a build (last test, and the corpus).
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/build/check/index.ts';
import { launchBrowser, pageSettled, watchRequests } from './helpers/browser.ts';
import { FIXTURE_TODAY, FIXTURES, listFiles, PROJECT_ROOT } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';
import { sharedBuild } from './helpers/shared-builds.ts';
import { readFileSync, writeFileSync } from 'node:fs';

let dist: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
const executed: string[] = [];
const offsite: string[] = [];

/** Runs in every page before its own scripts: records any payload that gets to run. */
function trap() {
  const hits: string[] = [];
  Object.defineProperty(window, '__xssHits', { value: hits });
  Object.defineProperty(window, '__xss', { configurable: false, get: () => undefined, set: (v) => hits.push(String(v)) });
}

/**
 * What a page's DOM holds that could run content: event handlers or script URLs carrying
 * a payload (the site's own `onclick="window.print()"` is not content), frames, and
 * executable scripts with a payload (inline JSON data is not executable).
 */
function dangerousMarkup(): string[] {
  const found: string[] = [];
  const payload = /__xss|alert\(/;
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) && payload.test(attr.value)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
      // The search page carries the site icon inline (data:image/svg+xml); an icon is only ever drawn, never run.
      const icon =
        el.tagName === 'LINK' &&
        /(^|\s)icon(\s|$)/i.test(el.getAttribute('rel') ?? '') &&
        attr.name === 'href' &&
        attr.value.startsWith('data:image/');
      if (
        !icon &&
        /^(href|src|action|formaction|xlink:href|data)$/i.test(attr.name) &&
        /^\s*(javascript|vbscript|data):/i.test(attr.value.replace(/[\t\n\r]/g, ''))
      )
        found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
    }
    if (/^(IFRAME|OBJECT|EMBED|FRAME)$/.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
    const type = el.getAttribute('type') ?? '';
    if (el.tagName === 'SCRIPT' && !/json/i.test(type) && payload.test(el.textContent ?? '')) found.push('<script> 含载荷');
  }
  return found;
}

async function visit(pathname: string, then?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    executed.push(`${pathname}: ${dialog.type()}(${dialog.message()})`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) offsite.push(`${pathname} → ${request.url()}`);
  });
  const quiet = watchRequests(page);
  await page.goto(server.url + pathname, { waitUntil: 'load' });
  await pageSettled(page, quiet);
  if (then) await then(page);
  // Hover and focus everything once: handlers that needed a user would fire now.
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      if (el instanceof HTMLElement) el.focus();
    }
  });
  const hits = await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits);
  executed.push(...hits.map((h) => `${pathname}: window.__xss = ${h}`));
  for (const d of await page.evaluate(dangerousMarkup)) executed.push(`${pathname}: ${d}`);
  return page;
}

beforeAll(async () => {
  const built = await sharedBuild('xss');
  expect(built.status, built.stdout + built.stderr).toBe(0);
  dist = built.outDir;
  server = await serveStatic(dist);
  browser = await launchBrowser();
  context = await browser.newContext();
  await context.addInitScript(trap);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('script-like content in a built catalog', () => {
  it('passes the checker (these payloads are text, not markup)', async () => {
    const result = await checkContent({ root: path.join(FIXTURES, 'xss'), today: FIXTURE_TODAY });
    expect(result.errors, result.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n')).toBe(0);
  });

  it('would notice a payload that runs (control: markup injected by hand)', async () => {
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`${server.url}/`);
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<img src="/none.png" onerror="window.__xss=`control`; alert(1)">'),
    );
    await page.waitForFunction(() => (window as unknown as { __xssHits: string[] }).__xssHits.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits)).toEqual(['control']);
    expect(dialogs).toBe(1);
    expect(await page.evaluate(dangerousMarkup)).toHaveLength(1);
    await page.close();
  });

  it('runs nothing on any page', async () => {
    const pages = listFiles(dist)
      .filter((f) => f.endsWith('.html'))
      .map((f) => `/${f.replace(/index\.html$/, '')}`);
    expect(pages.length).toBeGreaterThan(15);
    for (const p of pages) await (await visit(p)).close();
    expect(executed).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('shows the payloads as text', async () => {
    const page = await visit('/courses/xss-course/');
    expect(await page.locator('h1').first().innerText()).toContain('课程<img src=x onerror="window.__xss=`title`">');
    expect(await page.locator('.body').textContent()).toContain("<script>window.__xss='table'</script>");
    expect(await page.locator('body').innerText()).toContain('研讨" onmouseover="window.__xss=`format`" x="');
    const site = await visit('/sites/xss-site/');
    expect(await site.locator('.callout-title').innerText()).toBe('"><img src=x onerror=alert(3)>');
    expect(await site.locator('.callout-body').innerText()).toContain('<script>window.__xss=');
    await page.close();
    await site.close();
    expect(executed).toEqual([]);
  });

  it('runs nothing in search results, facets and the training plan', async () => {
    const search = await visit(`/search/?q=${encodeURIComponent('课程')}`, async (page) => {
      await page.waitForSelector('.search-results li', { timeout: 15_000 }).catch(() => undefined);
    });
    expect(await search.locator('.search-results li').count()).toBeGreaterThan(0);
    await search.close();
    for (const q of ['onerror', 'script', '安全测试', 'window']) {
      await (
        await visit(`/search/?q=${encodeURIComponent(q)}`, async (page) => {
          await page.waitForSelector('[data-search-results][data-search-state="done"]');
        })
      ).close();
    }
    const course = await visit('/courses/xss-course/', async (page) => {
      const add = page.locator('button.plan-add');
      if (await add.count()) await add.first().click();
    });
    await course.close();
    await (
      await visit('/plan/', async (page) => {
        await page.waitForSelector('[data-plan-app][data-plan-ready]', { state: 'attached' });
      })
    ).close();
    expect(executed).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('uses set:html only where reviewed, and nothing there can close its <script>', () => {
    // Raw HTML from code bypasses Astro's escaping. Each use is listed here with why it is safe;
    // a new one fails this test until someone has looked at it.
    const reviewed: Record<string, string> = {
      // JSON of taxonomy labels and school names, escaped by safeJson (and the checker refuses < > in both).
      'src/pages/search/index.astro': 'set:html={safeJson(config)}',
    };
    const uses = listFiles(path.join(PROJECT_ROOT, 'src'))
      .filter((f) => /\.(astro|ts|tsx|mdx)$/.test(f) && !f.startsWith('lib/check/'))
      .flatMap((f) =>
        [...readFileSync(path.join(PROJECT_ROOT, 'src', f), 'utf8').matchAll(/set:html=\{[^}]*\}+/g)].map((m) => [`src/${f}`, m[0]]),
      );
    for (const [file, use] of uses) expect(reviewed[file], `${file}: ${use}`).toBe(use);
    for (const page of listFiles(dist).filter((f) => f.endsWith('.html'))) {
      for (const m of readFileSync(path.join(dist, page), 'utf8').matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)) {
        expect(() => JSON.parse(m[1]), page).not.toThrow();
      }
    }
  });

  it('refuses the payloads that would run, before any build', async () => {
    const root = copyFixture('xss');
    writeFileSync(
      path.join(root, 'courses/xss-run.md'),
      [
        '---',
        'title: 会执行的载荷',
        'summary: 这些写法在页面上会执行，检查器必须拒绝。',
        'topics: [基层治理]',
        'owner: xss-school',
        'reviewed: 2026-10-01',
        'pillar: 履职能力',
        'formats: [专题讲授]',
        'audiences: [县处级干部]',
        'hours: 1',
        'instructors: [xss-teacher]',
        'status: 入库',
        '---',
        '',
        '<img src=x onerror="window.__xss=1">',
        '',
        '[链接](JAVASCRIPT:window.__xss=2)',
        '',
        '<a href="jav&#x09;ascript:window.__xss=3">点</a>',
        '',
        '<details open ontoggle="window.__xss=4">x</details>',
        '',
        '<svg><script>window.__xss=5</script></svg>',
        '',
      ].join('\n'),
    );
    const result = await checkContent({ root, today: FIXTURE_TODAY });
    const mine = result.diagnostics
      .filter((d) => d.file === 'courses/xss-run.md' && d.severity === 'error')
      .map((d) => `${d.line} ${d.rule}`);
    expect([...new Set(mine)]).toEqual(['15 unsafe-html', '17 unsafe-url', '19 unsafe-url', '21 unsafe-html', '23 unsafe-html']);
  });
});
