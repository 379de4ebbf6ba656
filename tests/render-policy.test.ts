/**
 * The body HTML policy holds inside Astro's own pipeline, not only in the checker. The
 * Sätteri hast plugin (src/build/markdown/) is run on payloads through Sätteri itself;
 * ordinary bodies — the sample catalog and the XSS fixture — render exactly as they do
 * without it; and tests/fixtures/xss plus the payloads of tests/fixtures/xss-run (which
 * the checker refuses) is built with a plain `astro build`, no checker, then every page
 * and the built SVG are opened in Chromium: nothing runs, nothing loads from elsewhere,
 * while body images, heading ids and <Callout> still render.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defineHastPlugin, type HastPluginList, htmlToHast, markdownToHtml, mdxToJs } from 'satteri';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/build/check/index.ts';
import { sanitizeBodies, sanitizeEveryBody } from '../src/build/markdown/sanitize-plugin.ts';
import { mayNeedSanitizing, sanitizeTree, type HastLike } from '../src/build/markdown/sanitize.ts';
import { runAstroBuild } from './helpers/astro-build.ts';
import { launchBrowser, pageSettled, watchRequests } from './helpers/browser.ts';
import { FIXTURE_TODAY, FIXTURES, listFiles, PROJECT_ROOT, type BuildResult } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';

/** What Astro's Markdown pipeline enables by default. */
const FEATURES = { gfm: true, smartPunctuation: true };
const md = async (body: string, plugins = [sanitizeBodies]) =>
  (await markdownToHtml(body, { hastPlugins: plugins, features: FEATURES })).html;
const mdx = async (body: string, plugins = [sanitizeBodies]) =>
  (await mdxToJs(body, { hastPlugins: plugins, jsxImportSource: 'astro', elementAttributeNameCase: 'html' })).code;

interface Tree {
  type: string;
  tagName?: string;
  properties?: unknown;
  value?: string;
  children?: Tree[];
}

/**
 * HTML compared as a browser reads it (parsed, then as a tree): a body with raw HTML is
 * serialised once more, so quoting and entities may differ while the page does not.
 * Comments are dropped on purpose (nothing to show), and with them a blank text node.
 */
function same(html: string): unknown {
  const strip = (node: Tree): unknown => ({
    type: node.type,
    tagName: node.tagName,
    properties: node.properties,
    value: node.value,
    children: node.children?.filter((c) => c.type !== 'comment' && !(c.type === 'text' && !c.value?.trim())).map(strip),
  });
  return strip(htmlToHast(html, { fragment: true }) as unknown as Tree);
}

/** Silences the plugin's build-log line while a test renders payloads on purpose. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

describe('the hast plugin on Markdown', () => {
  it('removes what runs, whatever the raw HTML looks like', async () => {
    const html = await quietly(() =>
      md(
        [
          '<img src=x onerror="window.__xss=1">',
          '[链接](JAVASCRIPT:window.__xss=2) <a href="jav&#x09;ascript:window.__xss=3">点</a>',
          '<details open ontoggle="window.__xss=4">x</details>',
          '<svg><script>window.__xss=5</script></svg><script>window.__xss=6</script>',
          '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe><object data="x"></object><embed src="x">',
          '<body onload="window.__xss=8"><style>p{}</style><form action="https://example.com/"><button>提交</button></form>',
          '<img src="https://example.com/p.png"> <span style="background:url(https://example.com/p.png)">样式</span>',
          '<a href="data:text/html,x">数据</a> <input autofocus onfocus="window.__xss=9"> <!-- 注释 -->',
        ].join('\n\n'),
      ),
    );
    expect(html).not.toMatch(
      /<(script|iframe|object|embed|style|form|button|svg|body|input)\b|\son\w+=|javascript:|data:|https:\/\/example\.com\/p|<!--/i,
    );
    expect(html).toContain('<img src="x">');
    expect(html).toContain('<details open>x</details>');
    expect(html).toContain('<span>样式</span>');
  });

  it('judges a tag split over raw nodes as the one element the browser sees', async () => {
    const html = await quietly(() => md('段落 <b onclick="window.__xss=1">粗体</b> 与 <i title="t" onmouseover="x">斜体</i>。'));
    expect(html).toBe('<p>段落 <b>粗体</b> 与 <i title="t">斜体</i>。</p>\n');
  });

  it('leaves the HTML Markdown itself makes untouched', async () => {
    const body = [
      '# 标题',
      '',
      '文字 **粗** _斜_ ~~删~~ `代码` [链接](https://example.com/ "标题") [站内](/courses/) <https://example.com>',
      '',
      '- [x] 已完成',
      '- [ ] 未完成',
      '',
      '1. 一',
      '2. 二',
      '',
      '> 引用',
      '',
      '| 左 | 右 |',
      '|:--|--:|',
      '| 1 | 2 |',
      '',
      '```js',
      "const a = '<script>';",
      '```',
      '',
      '![图](./tu.png "说明")',
      '',
      '脚注[^1]。',
      '',
      '[^1]: 注释。',
      '',
      '<details><summary>展开</summary>',
      '',
      '内容',
      '',
      '</details>',
      '',
      '<span title="提示">悬停</span> <abbr title="中国共产党">中共</abbr><br>',
      '',
    ].join('\n');
    expect(same(await md(body))).toEqual(same(await md(body, [])));
  });

  it('renders every body of the sample catalog and the fixtures that pass the checker as before', async () => {
    let count = 0;
    for (const root of [path.join(PROJECT_ROOT, 'content'), path.join(FIXTURES, 'xss'), path.join(FIXTURES, 'basic')]) {
      for (const file of (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.mdx?$/.test(f))) {
        const body = matter(readFileSync(path.join(root, file), 'utf8')).content;
        const fileURL = pathToFileURL(path.join(root, file));
        if (file.endsWith('.mdx')) {
          const options = { jsxImportSource: 'astro', elementAttributeNameCase: 'html' as const, fileURL };
          expect((await mdxToJs(body, { ...options, hastPlugins: [sanitizeBodies] })).code, file).toBe((await mdxToJs(body, options)).code);
        } else {
          const html = async (hastPlugins: Array<typeof sanitizeBodies>) =>
            same((await markdownToHtml(body, { features: FEATURES, fileURL, hastPlugins })).html);
          expect(await html([sanitizeBodies]), file).toEqual(await html([]));
        }
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });
});

/** Whether the policy, run on the rendered tree of `body`, would change anything. */
async function policyChanges(body: string): Promise<boolean> {
  let changed: boolean | undefined;
  const probe = defineHastPlugin({
    name: 'probe',
    before(tree, ctx) {
      const parse = (html: string) => htmlToHast(html, { fragment: true }) as unknown as HastLike;
      changed = sanitizeTree(tree as unknown as HastLike, { parse, format: ctx.sourceFormat }).changed;
    },
  });
  await markdownToHtml(body, { hastPlugins: [probe], features: FEATURES });
  if (changed === undefined) throw new Error('the probe plugin did not run');
  return changed;
}

describe('bodies the plugin is left out for', () => {
  const plain = [
    '## 标题\n\n正文 **粗** *斜* ~~删~~ `代码`\n\n- [ ] 任务\n- [x] 完成\n\n1. 一\n2. 二\n\n> 引用\n\n---',
    '| 左 | 右 |\n|:--|--:|\n| 1 | 2 |\n\n```js\nconst a = 1;\n```\n\n    缩进的代码',
    'https://example.com/a?b=1 www.example.com 地址 a@b.cn xmpp:x@y.cn javascript:alert(1) data:text/html,x',
    '脚注[^1]，[未定义的引用][x]，&lt;script&gt; &#60;b&#62; &amp; \\*不是斜体\\*\n\n行尾两空格  \n换行\\\n续 $x$ $$y$$',
  ];

  it('are plain Markdown that the policy would leave as it is', async () => {
    for (const body of plain) {
      expect(mayNeedSanitizing(body, 'markdown'), body).toBe(false);
      expect(await policyChanges(body), body).toBe(false);
    }
  });

  it('never hold what the policy removes: each payload keeps the plugin', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '[链接](javascript:window.__xss=2)',
      '![图](https://example.com/p.png)',
      '[链接][x]\n\n[x]: javascript:window.__xss=3',
      '<javascript:window.__xss=4>',
      '文字<!-- 注释 -->',
    ];
    for (const body of payloads) {
      expect(await quietly(() => policyChanges(body)), body).toBe(true);
      expect(mayNeedSanitizing(body, 'markdown'), body).toBe(true);
    }
    expect(mayNeedSanitizing('纯文字', 'mdx')).toBe(true);
  });

  it('are most bodies of the sample catalog, and the policy changes none of them', async () => {
    const root = path.join(PROJECT_ROOT, 'content');
    let skipped = 0;
    for (const file of (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.md'))) {
      const body = matter(readFileSync(path.join(root, file), 'utf8')).content;
      if (mayNeedSanitizing(body, 'markdown')) continue;
      expect(await policyChanges(body), file).toBe(false);
      skipped++;
    }
    expect(skipped).toBeGreaterThan(30);
  });

  it('render the same with the factory as with the plugin always on', async () => {
    for (const body of [...plain, '<b onclick="x">粗</b>']) {
      const html = async (plugins: HastPluginList) =>
        (await quietly(async () => markdownToHtml(body, { hastPlugins: plugins, features: FEATURES }))).html;
      expect(await html([sanitizeBodies]), body).toBe(await html([sanitizeEveryBody]));
    }
  });
});

describe('the hast plugin on MDX', () => {
  it('keeps <Callout> with its listed props and drops every other component, statement and expression', async () => {
    const code = await quietly(() =>
      mdx(
        [
          "import { readFileSync } from 'node:fs'",
          "export const leaked = readFileSync('/etc/hostname', 'utf8')",
          '',
          '# 标题 {leaked}',
          '',
          '<Callout type="tip" title="注意" onClick={() => window.__xss = 1} {...rest}>',
          '正文 <span onMouseOver="x" title="t">文字</span> <a href="javascript:x">链</a>',
          '</Callout>',
          '',
          '<Callout type="danger">类型不对</Callout>',
          '',
          '<Foo>组件</Foo> <Foo.Bar /> <svg:rect /> <script>{"x"}</script> <div set:html="<b>x</b>" style={{ color: "red" }}>块</div>',
          '',
          '{globalThis.process}',
          '',
        ].join('\n'),
      ),
    );
    expect(code).not.toMatch(
      /node:fs|readFileSync|leaked|Foo|svg:rect|"script"|onClick|onMouseOver|javascript:|set:html|globalThis|rest|danger|style/,
    );
    expect(code).toMatch(/_jsx\(Callout, \{\s*type: "tip",\s*title: "注意",/);
    expect(code).toContain('_jsx(Callout, { children: "类型不对" })');
    expect(code).toMatch(/_jsx\("span", \{\s*title: "t",\s*children: "文字"/);
    expect(code).toMatch(/_jsx\(_components\.div, \{ children: "块" \}\)/);
  });
});

let built: BuildResult;
let root: string;
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

/** Event handlers or script URLs that carry a payload, frames, and payload scripts. */
function dangerousMarkup(): string[] {
  const found: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) && /__xss|alert\(/.test(attr.value)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
      if (/^(href|src|action|formaction|data)$/i.test(attr.name) && /^\s*(javascript|vbscript):/i.test(attr.value.replace(/[\t\n\r]/g, '')))
        found.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
    }
    if (/^(IFRAME|OBJECT|EMBED|FRAME)$/.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
    // The site's own search box is a form; a body has none.
    if (el.tagName === 'FORM' && el.closest('.body')) found.push('<form> 在正文中');
    // Inline JSON data (taxonomy labels with payload text) is not executable.
    if (el.tagName === 'SCRIPT' && !/json/i.test(el.getAttribute('type') ?? '') && /__xss|alert\(/.test(el.textContent ?? ''))
      found.push('<script> 含载荷');
  }
  return found;
}

async function visit(pathname: string): Promise<Page> {
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
  // Hover and focus everything once: handlers that needed a user would fire now.
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('*'))) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      if (el instanceof HTMLElement) el.focus();
    }
  });
  const hits = await page.evaluate(() => (window as unknown as { __xssHits?: string[] }).__xssHits ?? []);
  executed.push(...hits.map((h) => `${pathname}: window.__xss = ${h}`));
  if (await page.evaluate(() => document instanceof HTMLDocument))
    for (const d of await page.evaluate(dangerousMarkup)) executed.push(`${pathname}: ${d}`);
  return page;
}

describe('a plain astro build (no checker) of the XSS fixture with payloads that would run', () => {
  beforeAll(async () => {
    root = copyFixture('xss');
    for (const library of ['courses', 'sites'])
      cpSync(path.join(FIXTURES, 'xss-run', library), path.join(root, library), { recursive: true });
    built = runAstroBuild(root);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    server = await serveStatic(built.outDir);
    browser = await launchBrowser();
    context = await browser.newContext();
    await context.addInitScript(trap);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('holds payloads the checker refuses (so the build, not the checker, is what is tested)', async () => {
    const result = await checkContent({ root, today: FIXTURE_TODAY });
    const refused = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    expect([...refused].sort()).toEqual(['courses/xss-run.md', 'sites/xss-run-site.mdx']);
  });

  it('says in the build log what was removed, naming the file', () => {
    const log = built.stdout + built.stderr;
    expect(log).toMatch(/courses\/xss-run\.md：渲染时删除了正文中不允许的内容：.*onerror 属性/);
    expect(log).toMatch(/sites\/xss-run-site\.mdx：渲染时删除了正文中不允许的内容：import\/export 语句/);
    expect(log).toContain('检查了 3 个 SVG 文件');
  });

  it('runs nothing and loads nothing from elsewhere, on any page', async () => {
    const pages = listFiles(built.outDir)
      .filter((f) => f.endsWith('.html'))
      .map((f) => `/${f.replace(/index\.html$/, '')}`);
    expect(pages).toEqual(expect.arrayContaining(['/courses/xss-run/', '/sites/xss-run-site/']));
    for (const p of pages) await (await visit(p)).close();
    expect(executed).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('still renders body images, heading ids, task lists and <Callout>', async () => {
    const course = await visit('/courses/xss-run/');
    const image = course.locator('.body img[alt="三级治理架构示意图"]');
    expect(await image.getAttribute('src')).toMatch(/^\/_astro\/xss-run-jiagou\.[\w-]+\.svg$/);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await course.locator('.body h2').evaluateAll((hs) => hs.map((h) => h.id))).toEqual(['载荷一览', '正常内容']);
    expect(await course.locator('.body input[type=checkbox][disabled]').count()).toBe(2);
    expect(await course.locator('.body table td').first().innerText()).toBe('讲授');
    const site = await visit('/sites/xss-run-site/');
    expect(await site.locator('.callout-tip .callout-title').innerText()).toBe('参观须知');
    expect(await site.locator('.callout-tip .callout-body').innerText()).toContain('进入车间前请佩戴安全帽。');
    expect(await site.locator('.callout-note .callout-body').innerText()).toBe('类型不在白名单中的提示框。');
    const text = await site.locator('.body').innerText();
    for (const gone of ['ESM 被执行', '表达式被执行', '未知组件的内容']) expect(text).not.toContain(gone);
    expect(text).toContain('普通的 加粗 文字和 站内链接。');
    // Astro's syntax highlighting runs before the policy: its colours and classes stay.
    const fixture = await visit('/cases/xss-case/');
    expect(await fixture.locator('.body pre.astro-code[data-language="html"] span[style*="color"]').count()).toBeGreaterThan(3);
    await course.close();
    await site.close();
    await fixture.close();
    expect(executed).toEqual([]);
  });

  it('publishes the drawing-only SVG, and opened directly it runs nothing', async () => {
    const svgs = listFiles(built.outDir).filter((f) => /^_astro\/xss-run-jiagou\..*\.svg$/.test(f));
    expect(svgs.length).toBeGreaterThan(0);
    for (const file of svgs) await (await visit(`/${file}`)).close();
    expect(executed).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
