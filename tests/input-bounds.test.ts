/**
 * Bounded input: a size limit per content file (checked before reading), no YAML
 * anchors or aliases (an alias bomb is refused in well under a second, never expanded),
 * and vocabulary labels that become URL segments are valid path segments — each with
 * the file, field and line, and a build that fails with the checker's words instead of
 * an Astro stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../src/build/check/index.ts';
import { mayHaveAliases } from '../src/build/check/source.ts';
import { MAX_CONTENT_FILE_BYTES } from '../src/build/content-files.ts';
import { loadTaxonomy } from '../src/build/taxonomy-file.ts';
import { urlSegmentProblem } from '../src/schemas/taxonomy.ts';
import { entry } from './fixtures/bad-inputs.ts';
import { FIXTURE_TODAY, PROJECT_ROOT, runBuild } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';

const check = (root: string) => checkContent({ root, today: FIXTURE_TODAY });

/** A valid course of exactly `bytes` bytes (ASCII padding in the body). */
function courseOfSize(bytes: number): string {
  const head = entry('courses', {}, '');
  return `${head + 'a'.repeat(bytes - Buffer.byteLength(head) - 1)}\n`;
}

describe('size limit (1 MiB per content file)', () => {
  it('reads a file of exactly the limit, refuses one byte more', async () => {
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'courses/zhenghao.md'), courseOfSize(MAX_CONTENT_FILE_BYTES));
    writeFileSync(path.join(root, 'courses/duo-yi-zijie.md'), courseOfSize(MAX_CONTENT_FILE_BYTES + 1));
    const result = await check(root);
    expect(result.diagnostics.filter((d) => d.file === 'courses/zhenghao.md' && d.severity === 'error')).toEqual([]);
    expect(result.entries.some((e) => e.file === 'courses/zhenghao.md')).toBe(true);
    const over = result.diagnostics.filter((d) => d.file === 'courses/duo-yi-zijie.md');
    expect(over).toMatchObject([{ rule: 'file-too-large', severity: 'error', line: 1, field: '-' }]);
    expect(over[0].message).toContain(`（${MAX_CONTENT_FILE_BYTES + 1} 字节）`);
    expect(over[0].message).toContain('1 MiB（1048576 字节）的上限');
    expect(result.entries.some((e) => e.file === 'courses/duo-yi-zijie.md')).toBe(false);
  });

  it('schools.yaml too', async () => {
    const root = copyFixture('basic');
    const file = path.join(root, 'schools.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# ${'x'.repeat(MAX_CONTENT_FILE_BYTES)}\n`);
    const result = await check(root);
    expect(result.diagnostics.filter((d) => d.file === 'schools.yaml')).toMatchObject([
      { rule: 'file-too-large', hint: /schools\.yaml 通常只有几 KB/ },
    ]);
  });
});

describe('YAML anchors and aliases', () => {
  it('a pre-test lets ordinary text skip the second parse, and never misses an alias', () => {
    for (const text of ['\ntitle: R&D 与 a*b\nsummary: 5*3=15，“&”号', '\nurl: "https://example.com/*"\ntags: [a&b, c*d]'])
      expect(mayHaveAliases(text)).toBe(false);
    for (const text of ['\nx: *a', '\n- &a v', '\nx: [1,*a]', '\nx: {k: *a}', '\nx: {"k":*a}', '\nx:\t*a', '\n*a : v', '*a'])
      expect(mayHaveAliases(text), text).toBe(true);
  });

  it('answers an alias bomb (64 KB × 1000) within a second, without expanding it', async () => {
    const root = copyFixture('basic');
    const big = 'a'.repeat(65_536);
    const text = `---\ntitle: 别名炸弹\nsummary: &big "${big}"\ntags: [${Array.from({ length: 1000 }, () => '*big').join(', ')}]\n---\n\n正文。\n`;
    writeFileSync(path.join(root, 'courses/zhadan.md'), text);
    const started = performance.now();
    const result = await check(root);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.diagnostics.filter((d) => d.file === 'courses/zhadan.md')).toMatchObject([
      {
        rule: 'yaml-alias',
        severity: 'error',
        line: 4,
        column: 8,
        field: 'tags.0',
        message: expect.stringMatching(/别名 \*big（共 1000 处），它引用第 3 行的锚点 &big/),
      },
    ]);
    // The data is not handed on: nothing later can walk or serialise it.
    expect(result.entries.find((e) => e.file === 'courses/zhadan.md')?.data).toBeUndefined();
  });

  it('a nested bomb (10⁹ leaves) through npm run check, in a couple of seconds', () => {
    const root = copyFixture('basic');
    const levels = ['a: &a ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(', ')}]`,
      );
    writeFileSync(path.join(root, 'cases/qiantao-zhadan.md'), `---\n${levels.join('\n')}\n---\n`);
    writeFileSync(
      path.join(root, 'taxonomy.yaml'),
      `${readFileSync(path.join(root, 'taxonomy.yaml'), 'utf8')}${levels
        .map((l) => `x${l}`)
        .join('\n')
        .replace(/\*/g, '*x')
        .replace(/&/g, '&x')}\n`,
    );
    const started = performance.now();
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/check.ts'), '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, SIKU_CONTENT_DIR: root, SIKU_TODAY: FIXTURE_TODAY },
    });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(run.status).toBe(1);
    const diagnostics = JSON.parse(run.stdout).diagnostics as Array<{ file: string; rule: string; line: number }>;
    expect(diagnostics.filter((d) => d.file === 'cases/qiantao-zhadan.md' && d.rule === 'yaml-alias').map((d) => d.line)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 10,
    ]);
    expect(diagnostics.some((d) => d.file === 'taxonomy.yaml' && d.rule === 'yaml-alias')).toBe(true);
  });
});

describe('vocabulary labels that become URL segments', () => {
  it('accepts ordinary labels, refuses path syntax', () => {
    for (const ok of ['县处级干部', '干部 2.0', 'index', '优秀年轻干部（35岁以下）']) expect(urlSegmentProblem(ok), ok).toBeUndefined();
    for (const bad of [
      '.',
      '..',
      'index.html',
      'feed.xml',
      'a/b',
      'a\\b',
      'x?y',
      'x#y',
      '50%',
      '.hidden',
      '干部.',
      'a\tb',
      ' 干部',
      '长'.repeat(70),
    ])
      expect(urlSegmentProblem(bad), bad).toBeDefined();
  });

  const LABELS = ['.', '..', 'index.html', 'a/b', 'x?y'];

  it.each(LABELS)('loadTaxonomy (the Astro build) names taxonomy.yaml for %s', (label) => {
    const root = copyFixture('basic');
    const file = path.join(root, 'taxonomy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('基层干部]', `基层干部, "${label}"]`));
    expect(() => loadTaxonomy(root)).toThrow(
      /^词表文件 taxonomy\.yaml 有误（.*taxonomy\.yaml）：audiences\.3：词条 “.*” 没有 slug.*运行 npm run check/,
    );
  });

  it('npm run build fails with the checker message (file, field, line), no stack trace', () => {
    const root = copyFixture('basic');
    const file = path.join(root, 'taxonomy.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'audiences: [县处级干部, 乡科级干部, 基层干部]',
        'audiences:\n  - 县处级干部\n  - 乡科级干部\n  - 基层干部\n  - "."\n  - ".."\n  - index.html\n  - a/b\n  - x?y',
      ),
    );
    const build = runBuild(root);
    expect(build.status).toBe(1);
    const lines = build.stdout.split('\n');
    LABELS.forEach((label, i) => {
      expect(
        lines.some((l) => l.includes(`taxonomy.yaml:${8 + i}:5  audiences.${3 + i}  错误：词条 “${label}” 没有 slug`)),
        `${label}\n${build.stdout}`,
      ).toBe(true);
    });
    expect(build.stdout).toContain('提示：给这个词条写一个 slug');
    expect(build.stderr).toContain('构建失败：内容检查发现');
    expect(build.stdout + build.stderr).not.toMatch(/TypeError|EISDIR|Missing parameter|\n\s+at /);
  });

  it('a plain astro build stops at loadTaxonomy with the same words', () => {
    const root = copyFixture('basic');
    const file = path.join(root, 'taxonomy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('基层干部]', '基层干部, index.html]'));
    const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'siku-plain-')), 'dist');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SIKU_CONTENT_DIR: root,
      SIKU_OUT_DIR: outDir,
      SIKU_TODAY: FIXTURE_TODAY,
      ASTRO_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    };
    for (const key of Object.keys(env)) if (/^(VITEST.*|TEST|DEV|PROD|SSR|MODE|BASE_URL)$/.test(key)) delete env[key];
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8',
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).not.toBe(0);
    expect(output).toMatch(/词表文件 taxonomy\.yaml 有误（.*）：audiences\.3：词条 “index\.html” 没有 slug/);
    expect(output).not.toMatch(/EISDIR|Missing parameter/);
  });
});
