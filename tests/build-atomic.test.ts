/**
 * Safe publishing: a build that fails for any reason — content errors, an Astro error,
 * a disk that fills up half-way through writing pages, an interrupt — leaves the
 * previous dist/ byte for byte as it was, and no staging folder behind. A build that
 * succeeds replaces it whole.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TODAY, FIXTURES, listFiles, PROJECT_ROOT, runBuild } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';
import { SHARED_BUILDS, sharedFixture } from './helpers/shared-builds.ts';

/** sha256 of every file under `dir`, by relative path. */
function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
}

let outDir: string;
let before: Record<string, string>;

beforeAll(async () => {
  outDir = path.join(mkdtempSync(path.join(tmpdir(), 'siku-atomic-')), 'site', 'dist');
  // The dist/ to protect: a successful build of the basic fixture (the run's shared one, copied into place).
  cpSync(await sharedFixture('basic'), outDir, { recursive: true });
  before = hashes(outDir);
});

/** The output folder's parent holds nothing but dist/ (no staging left over). */
function expectNoLeftovers() {
  expect(readdirSync(path.dirname(outDir))).toEqual(['dist']);
}

describe('a failed build leaves the previous dist/ exactly as it was', () => {
  it('has something to protect', () => {
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(before['index.html']).toBeDefined();
  });

  it('content errors: stops at the checker', () => {
    const root = copyFixture('basic');
    writeFileSync(
      path.join(root, 'courses/wangge-zhili.md'),
      readFileSync(path.join(root, 'courses/wangge-zhili.md'), 'utf8').replace('hours: 1.5', 'hours: "一个半"'),
    );
    const result = runBuild(root, { outDir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/courses\/wangge-zhili\.md:\d+:\d+ {2}hours {2}错误：学时应为数字/);
    expect(result.stderr).toContain('构建失败：内容检查发现 1 个错误');
    expect(result.stderr).toContain('保持不变');
    // Astro runs beside the checker and fails on the same file; none of its output (nor a stack trace) is shown.
    expect(result.stdout + result.stderr).not.toMatch(/\[(?:content|build|types|vite)\]|\n\s+at \S/);
    expect(hashes(outDir)).toEqual(before);
    expectNoLeftovers();
  });

  it('an Astro error (bad configuration)', () => {
    const result = runBuild(path.join(FIXTURES, 'basic'), { outDir, env: { SIKU_SITE_URL: 'not a url' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Astro 构建出错');
    expect(hashes(outDir)).toEqual(before);
    expectNoLeftovers();
  });

  it('a disk that fills up while Astro writes pages', () => {
    const preload = path.join(FIXTURES, 'bad-build/fail-writes.mjs');
    const result = runBuild(path.join(FIXTURES, 'basic'), {
      outDir,
      env: { NODE_OPTIONS: `--import=${preload}`, SIKU_FAIL_AFTER_WRITES: '4' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('ENOSPC');
    expect(result.stderr).toContain('Astro 构建出错');
    expect(hashes(outDir)).toEqual(before);
    expectNoLeftovers();
  });

  it('an interrupt (SIGTERM) while Astro is writing', async () => {
    const staging = path.join(path.dirname(outDir), '.siku-staging');
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        SIKU_CONTENT_DIR: path.join(FIXTURES, 'basic'),
        SIKU_DIST_DIR: outDir,
        SIKU_TODAY: FIXTURE_TODAY,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until Astro has started writing into the staging folder.
    const started = Date.now();
    while (!(existsSync(staging) && listFiles(staging).length > 0) && Date.now() - started < 120_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(staging), output).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).not.toBe(0);
    expect(output).toContain('构建被中断');
    expect(hashes(outDir)).toEqual(before);
    expectNoLeftovers();
  });
});

describe('a successful build replaces dist/ whole', () => {
  it('swaps in the new output', () => {
    const root = copyFixture('basic');
    const file = path.join(root, 'courses/wangge-zhili.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: 基层网格化治理实务', 'title: 基层网格化治理实务（修订版）'));
    // Configured as the dist/ it replaces was built, so the edit is the only difference.
    const result = runBuild(root, { outDir, env: SHARED_BUILDS.basic.env });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const after = hashes(outDir);
    expect(after).not.toEqual(before);
    expect(readFileSync(path.join(outDir, 'courses/wangge-zhili/index.html'), 'utf8')).toContain('基层网格化治理实务（修订版）');
    expectNoLeftovers();
  });
});
