/**
 * SVG files the site publishes are drawings, nothing else. An SVG opened at its own
 * address (/_astro/….svg) is a document on the site's origin: script in it runs. The
 * module (src/build/svg/safety.ts) is fed real payloads; the checker reports an unsafe
 * photo and body image on the entry; and a plain `astro build` (no checker) of
 * tests/fixtures/unsafe-svg fails inside Astro and leaves none of the files behind,
 * while the same files served raw do run in Chromium (so the refusal is not vacuous).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/build/check/index.ts';
import { findUnsafeSvgs, guardSvgOutput, UnsafeOutputError } from '../src/build/safe-output.ts';
import { checkSvg, describeSvgProblems } from '../src/build/svg/safety.ts';
import { runAstroBuild } from './helpers/astro-build.ts';
import { launchBrowser } from './helpers/browser.ts';
import { FIXTURE_TODAY, FIXTURES, listFiles, PROJECT_ROOT, type BuildResult } from './helpers/build.ts';
import { serveStatic } from './helpers/server.ts';

const SVG = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (inner: string, attributes = '') => `<svg ${SVG} ${XLINK} viewBox="0 0 10 10"${attributes}>\n${inner}\n</svg>`;
const kinds = (source: string) => checkSvg(source).map((p) => p.kind);

describe('checkSvg: payloads', () => {
  const payloads: Array<[string, string, string]> = [
    ['script', svg('<script>alert(1)</script>'), 'script'],
    ['script hidden in CDATA', svg('<script><![CDATA[ alert(1) ]]></script>'), 'script'],
    ['script with an SVG prefix', `<svg ${SVG} xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg>`, 'script'],
    ['upper-case SCRIPT', svg('<SCRIPT>alert(1)</SCRIPT>'), 'script'],
    ['XHTML script in the SVG', svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), 'script'],
    ['default namespace switched to XHTML', svg('<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>'), 'script'],
    ['onload on the root', svg('<rect width="1" height="1"/>', ' onload="alert(1)"'), 'event'],
    ['upper-case ONCLICK', svg('<rect width="1" height="1" ONCLICK="alert(1)"/>'), 'event'],
    [
      'foreignObject',
      svg('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">网页</div></foreignObject>'),
      'embed',
    ],
    ['external use', svg('<use href="http://example.com/sprite.svg#icon"/>'), 'external'],
    ['protocol-relative image', svg('<image href="//example.com/a.png" width="1" height="1"/>'), 'external'],
    ['xlink:href javascript:', svg('<a xlink:href="javascript:alert(1)"><text>点</text></a>'), 'script-url'],
    ['javascript: split by an entity tab', svg('<image xlink:href="jav&#x09;ascript:alert(1)" width="1" height="1"/>'), 'script-url'],
    ['svg data: URI in an image', svg('<image href="data:image/svg+xml;base64,PHN2Zz4=" width="1" height="1"/>'), 'external'],
    ['animation rewriting a link', svg('<set attributeName="href" to="#a"/>'), 'element'],
    [
      'entity declaration',
      `<?xml version="1.0"?>\n<!DOCTYPE svg [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>\n${svg('<text>&x;</text>')}`,
      'entity',
    ],
    ['unknown DOCTYPE', `<!DOCTYPE html>\n${svg('')}`, 'doctype'],
    ['xml-stylesheet', `<?xml-stylesheet type="text/xsl" href="https://example.com/x.xsl"?>\n${svg('')}`, 'external'],
    ['@import in <style>', svg('<style>@import url(https://example.com/x.css);</style>'), 'css'],
    ['@import split between text and CDATA', svg('<style>@im<![CDATA[port "x.css";]]></style>'), 'css'],
    ['escaped url( in <style>', svg('<style>rect { fill: u\\72l(https://example.com/x.svg#p) }</style>'), 'external'],
    ['external url() in a style attribute', svg('<rect width="1" height="1" style="fill:url(https://example.com/p.svg#g)"/>'), 'external'],
    ['external url() in fill', svg('<rect width="1" height="1" fill="url(http://example.com/g.svg#g)"/>'), 'external'],
    ['javascript: in any attribute', svg('<rect width="1" height="1" class="javascript:alert(1)"/>'), 'script-url'],
    ['an attribute not on the list', svg('<rect width="1" height="1" data-x="1"/>'), 'attribute'],
    ['no SVG namespace', '<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>', 'not-svg'],
    ['HTML posing as SVG', '<html><body><img src=x onerror=alert(1)></body></html>', 'syntax'],
    ['not well-formed', svg('<rect width="1" height="1">'), 'syntax'],
  ];
  for (const [name, source, kind] of payloads) {
    it(`refuses ${name}`, () => {
      expect(kinds(source)).toContain(kind);
    });
  }

  it('places each problem on its line and column', () => {
    const source = svg('<rect width="1" height="1"/>\n  <script>alert(1)</script>\n<circle r="1" onclick="x"/>');
    expect(checkSvg(source)).toEqual([
      { kind: 'script', line: 3, column: 3, what: '脚本 <script>' },
      { kind: 'event', line: 4, column: 15, what: '事件属性 onclick' },
    ]);
  });

  it('describes the most serious problems first, with lines, and counts the rest', () => {
    const source = svg('<rect width="1" height="1" data-a="1" data-b="2" data-c="3"/>\n<script>alert(1)</script>');
    expect(describeSvgProblems(checkSvg(source))).toBe(
      '脚本 <script>（第 3 行）、不允许的属性 data-a（第 2 行）、不允许的属性 data-b（第 2 行）等 4 处问题',
    );
  });
});

describe('checkSvg: drawings pass', () => {
  it('passes the site icon', () => {
    expect(checkSvg(readFileSync(path.join(PROJECT_ROOT, 'public/favicon.svg'), 'utf8'))).toEqual([]);
  });

  it('passes an icon with gradients, <use>, a style sheet, text and an inline PNG', () => {
    const icon = [
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
      '<!-- Generator: 绘图软件 -->',
      `<svg ${SVG} ${XLINK} version="1.1" viewBox="0 0 24 24" width="24" height="24" xml:space="preserve">`,
      '  <title>党建图标</title>',
      '  <defs>',
      '    <linearGradient id="g" x1="0" y1="0" x2="0" y2="1" gradientUnits="objectBoundingBox"><stop offset="0" stop-color="#c9184a"/><stop offset="1" stop-color="#a4161a" stop-opacity=".9"/></linearGradient>',
      '    <clipPath id="c"><circle cx="12" cy="12" r="11"/></clipPath>',
      '    <filter id="f"><feGaussianBlur in="SourceGraphic" stdDeviation="0.5"/></filter>',
      '    <path id="star" d="M12 2l3 7h7l-6 4 2 7-6-4-6 4 2-7-6-4h7z"/>',
      '  </defs>',
      '  <style><![CDATA[ .a { fill: url(#g); stroke: #fff } ]]></style>',
      '  <g clip-path="url(#c)" filter="url(\'#f\')" transform="translate(0 0)">',
      '    <rect class="a" width="24" height="24" rx="4"/>',
      '    <use xlink:href="#star" fill="#ffd60a"/>',
      '    <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>',
      '    <text x="12" y="22" font-family="sans-serif" font-size="3" text-anchor="middle">学习<tspan dy="1">强国</tspan></text>',
      '  </g>',
      '</svg>',
    ].join('\n');
    expect(checkSvg(icon)).toEqual([]);
  });

  it("passes an Inkscape drawing's own bookkeeping (inert namespaces)", () => {
    const drawing = [
      `<svg ${SVG} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"`,
      '  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"',
      '  viewBox="0 0 10 10" inkscape:version="1.3" sodipodi:docname="图.svg">',
      '  <sodipodi:namedview id="nv" pagecolor="#ffffff" inkscape:zoom="1"/>',
      '  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>示意图</dc:title></cc:Work></rdf:RDF></metadata>',
      '  <g inkscape:label="图层 1" inkscape:groupmode="layer"><rect width="10" height="10"/></g>',
      '</svg>',
    ].join('\n');
    expect(checkSvg(drawing)).toEqual([]);
  });
});

describe('the checker', () => {
  it('reports an unsafe SVG photo and body image on the entry, field and reference', async () => {
    const result = await checkContent({ root: path.join(FIXTURES, 'unsafe-svg'), today: FIXTURE_TODAY });
    const found = result.diagnostics.filter((d) => d.rule === 'unsafe-svg');
    expect(found).toEqual([
      {
        file: 'instructors/svg-teacher.md',
        line: 12,
        column: 8,
        field: 'photo',
        severity: 'error',
        rule: 'unsafe-svg',
        message: '图片 ./photos/svg-teacher.svg 含有脚本 <script>（第 3 行）',
        hint: expect.stringContaining('导出为 png/jpg，或删除脚本和事件属性'),
      },
      {
        file: 'instructors/svg-teacher.md',
        line: 18,
        column: 1,
        field: 'body',
        severity: 'error',
        rule: 'unsafe-svg',
        message: expect.stringMatching(
          /^图片 \.\/images\/zuzhi-jiagou\.svg 含有事件属性 onload（第 3 行）、事件属性 onerror（第 14 行）、嵌入网页的 <foreignObject>（第 13 行）等 \d+ 处问题$/,
        ),
        hint: expect.stringContaining('导出为 png/jpg'),
      },
    ]);
    expect(result.errors).toBe(2);
  });

  it('lets a drawing through', async () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'siku-svg-')), 'content');
    cpSync(path.join(FIXTURES, 'unsafe-svg'), root, { recursive: true });
    writeFileSync(path.join(root, 'instructors/photos/svg-teacher.svg'), readFileSync(path.join(PROJECT_ROOT, 'public/favicon.svg')));
    writeFileSync(path.join(root, 'instructors/images/zuzhi-jiagou.svg'), svg('<rect width="10" height="10" fill="#495057"/>'));
    const result = await checkContent({ root, today: FIXTURE_TODAY });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('the output guard (src/build/safe-output.ts)', () => {
  it('deletes every unsafe SVG, wherever it sits, and says which and why', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'siku-out-'));
    cpSync(path.join(FIXTURES, 'unsafe-svg/instructors'), path.join(dir, '_astro'), { recursive: true });
    writeFileSync(path.join(dir, 'icon.SVG'), svg('<rect width="1" height="1" onmouseover="x"/>'));
    writeFileSync(path.join(dir, 'favicon.svg'), readFileSync(path.join(PROJECT_ROOT, 'public/favicon.svg')));
    expect(findUnsafeSvgs(dir).unsafe.map((u) => u.file)).toEqual([
      '_astro/images/zuzhi-jiagou.svg',
      '_astro/photos/svg-teacher.svg',
      'icon.SVG',
    ]);
    let error: unknown;
    try {
      guardSvgOutput(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsafeOutputError);
    const message = (error as Error).message;
    expect(message).toContain('构建结果中有 3 个不安全的 SVG 文件（已从输出中删除）');
    expect(message).toContain('_astro/photos/svg-teacher.svg：含有脚本 <script>（第 3 行）');
    expect(message).toContain('icon.SVG：含有事件属性 onmouseover（第 2 行）');
    expect((error as Error).stack).not.toMatch(/\n\s+at /);
    expect(listFiles(dir).filter((f) => /\.svg$/i.test(f))).toEqual(['favicon.svg']);
    expect(guardSvgOutput(dir)).toBe(1);
  });
});

describe('a plain astro build (no checker) of tests/fixtures/unsafe-svg', () => {
  let built: BuildResult;
  let browser: Browser;
  beforeAll(async () => {
    built = runAstroBuild(path.join(FIXTURES, 'unsafe-svg'));
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('fails inside Astro, naming each file and what it holds', () => {
    const log = built.stdout + built.stderr;
    expect(built.status, log).not.toBe(0);
    expect(log).toMatch(/构建结果中有 \d+ 个不安全的 SVG 文件/);
    expect(log).toMatch(/_astro\/svg-teacher\.[\w-]+\.svg：含有脚本 <script>（第 3 行）/);
    expect(log).toMatch(/_astro\/zuzhi-jiagou\.[\w-]+\.svg：含有事件属性 onload（第 3 行）/);
  });

  it('leaves none of the unsafe files in the output', () => {
    expect(existsSync(built.outDir)).toBe(true);
    const svgs = listFiles(built.outDir).filter((f) => f.endsWith('.svg'));
    expect(svgs).toEqual(['favicon.svg']);
  });

  it('refuses files that really would run (control: the raw payloads, served as SVG, run in Chromium)', async () => {
    const server = await serveStatic(path.join(FIXTURES, 'unsafe-svg/instructors'));
    try {
      const context = await browser.newContext();
      const alerts: string[] = [];
      for (const file of ['photos/svg-teacher.svg', 'images/zuzhi-jiagou.svg']) {
        const page = await context.newPage();
        page.on('dialog', (dialog) => {
          alerts.push(dialog.message());
          void dialog.dismiss();
        });
        await page.goto(`${server.url}/${file}`, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as unknown as { __xss?: string }).__xss !== undefined, undefined, { timeout: 5000 });
        await page.close();
      }
      expect(alerts).toEqual(['svg-photo', 'svg-body']);
      await context.close();
    } finally {
      await server.close();
    }
  });
});
