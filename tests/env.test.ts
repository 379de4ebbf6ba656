/**
 * SIKU_* variables: one zod-checked declaration each (src/build/env.ts). Valid values keep
 * their old meaning; malformed ones fail with the variable, the value and what is
 * expected — in the CLIs as a plain message and exit 1, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRoot } from '../src/build/paths.ts';
import { today } from '../src/build/today.ts';
import { ENV_NAMES, EnvError, parseEnv, readEnv } from '../src/build/env.ts';
import { bundleLimit } from '../src/build/search/build-search.ts';
import { FIXTURES, PROJECT_ROOT } from './helpers/build.ts';

/** The error a call throws (fails the test if it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('没有抛出错误');
}

describe('valid values', () => {
  it('parse to what the old ad-hoc reads gave', () => {
    expect(
      parseEnv({
        SIKU_CONTENT_DIR: 'tests/fixtures/basic',
        SIKU_DIST_DIR: '/tmp/out',
        SIKU_OUT_DIR: '/tmp/staging',
        SIKU_TODAY: '2026-11-21',
        SIKU_SITE_URL: 'https://siku.example.org/',
        SIKU_SEARCH_BUNDLE_LIMIT: '65536',
        SIKU_CHROMIUM: '/usr/bin/chromium',
        SIKU_BENCH_KEEP: '1',
      }),
    ).toEqual({
      SIKU_CONTENT_DIR: 'tests/fixtures/basic',
      SIKU_DIST_DIR: '/tmp/out',
      SIKU_OUT_DIR: '/tmp/staging',
      SIKU_TODAY: '2026-11-21',
      SIKU_SITE_URL: 'https://siku.example.org/',
      SIKU_SEARCH_BUNDLE_LIMIT: 65536,
      SIKU_CHROMIUM: '/usr/bin/chromium',
      SIKU_BENCH_KEEP: true,
    });
  });

  it('treat unset and blank alike, and ignore other variables', () => {
    expect(parseEnv({ SIKU_TODAY: '', SIKU_CONTENT_DIR: '  ', PATH: '/bin' })).toEqual({});
    expect(readEnv('SIKU_TODAY', {})).toBeUndefined();
  });

  it('keep the defaults and path rules of contentRoot, today and bundleLimit', () => {
    expect(contentRoot({})).toBe(path.join(PROJECT_ROOT, 'content'));
    expect(contentRoot({ SIKU_CONTENT_DIR: '' })).toBe(path.join(PROJECT_ROOT, 'content'));
    expect(contentRoot({ SIKU_CONTENT_DIR: ' tests/fixtures/basic ' })).toBe(path.join(FIXTURES, 'basic'));
    expect(contentRoot({ SIKU_CONTENT_DIR: '/srv/siku' })).toBe('/srv/siku');
    expect(today({ SIKU_TODAY: '2024-02-29' })).toBe('2024-02-29');
    expect(today({})).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(bundleLimit({})).toBe(60 * 1024);
    expect(bundleLimit({ SIKU_SEARCH_BUNDLE_LIMIT: '0' })).toBe(0);
    expect(bundleLimit({ SIKU_SEARCH_BUNDLE_LIMIT: '64e3' })).toBe(64_000);
    expect(readEnv('SIKU_BENCH_KEEP', { SIKU_BENCH_KEEP: 'no' })).toBe(false);
  });
});

describe('malformed values', () => {
  it('SIKU_TODAY: an impossible date is an error, no longer silently today', () => {
    const error = thrown(() => today({ SIKU_TODAY: '2026-13-01' }));
    expect(error).toBeInstanceOf(EnvError);
    expect(error.message).toBe('SIKU_TODAY=2026-13-01 不是有效日期，应为 YYYY-MM-DD（例如 2026-11-21）');
    for (const bad of ['2026-02-30', '2026-1-1', '21/11/2026', 'today']) {
      expect(() => today({ SIKU_TODAY: bad }), bad).toThrow(`SIKU_TODAY=${bad} 不是有效日期`);
    }
  });

  it('each names the variable, the value and what is expected', () => {
    expect(() => bundleLimit({ SIKU_SEARCH_BUNDLE_LIMIT: '-1' })).toThrow(
      'SIKU_SEARCH_BUNDLE_LIMIT=-1 无效：SIKU_SEARCH_BUNDLE_LIMIT 应为非负整数',
    );
    expect(() => bundleLimit({ SIKU_SEARCH_BUNDLE_LIMIT: '1.5' })).toThrow(EnvError);
    expect(() => readEnv('SIKU_SITE_URL', { SIKU_SITE_URL: 'not a url' })).toThrow(
      'SIKU_SITE_URL="not a url" 不是有效网址，应为以 http:// 或 https:// 开头的完整网址',
    );
    expect(() => readEnv('SIKU_SITE_URL', { SIKU_SITE_URL: 'ftp://siku.example.org/' })).toThrow('不是有效网址');
    expect(() => readEnv('SIKU_BENCH_KEEP', { SIKU_BENCH_KEEP: 'maybe' })).toThrow('SIKU_BENCH_KEEP=maybe 无效，应为 1 或 0');
  });

  it('one parse reports every malformed variable; reading one checks only that one', () => {
    const env = { SIKU_TODAY: '2026-13-01', SIKU_SEARCH_BUNDLE_LIMIT: '六十', SIKU_SITE_URL: 'https://ok.example/' };
    const error = thrown(() => parseEnv(env)) as EnvError;
    expect(error.problems).toEqual([
      'SIKU_TODAY=2026-13-01 不是有效日期，应为 YYYY-MM-DD（例如 2026-11-21）',
      'SIKU_SEARCH_BUNDLE_LIMIT=六十 无效：SIKU_SEARCH_BUNDLE_LIMIT 应为非负整数（结果包压缩后的字节数上限，0 表示不生成结果包）',
    ]);
    expect(readEnv('SIKU_SITE_URL', env)).toBe('https://ok.example/');
  });
});

describe('one place for every variable', () => {
  const files = (dir: string): string[] =>
    readdirSync(path.join(PROJECT_ROOT, dir)).flatMap((name) => {
      const rel = `${dir}/${name}`;
      return statSync(path.join(PROJECT_ROOT, rel)).isDirectory() ? files(rel) : /\.(ts|mjs|astro)$/.test(name) ? [rel] : [];
    });

  it('no code reads a SIKU_* variable from the environment except src/build/env.ts', () => {
    const readers = ['src', 'scripts', 'tests/helpers']
      .flatMap(files)
      .concat('astro.config.mjs')
      .filter((rel) => rel !== 'src/build/env.ts');
    const direct = readers.filter((rel) =>
      /(?:process\.env|\benv)(?:\.SIKU_|\[['"`]SIKU_)/.test(readFileSync(path.join(PROJECT_ROOT, rel), 'utf8')),
    );
    expect(direct).toEqual([]);
  });

  it("README's 环境变量 table lists every declared variable", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('环境变量'));
    for (const name of ENV_NAMES) expect(table, name).toContain(`| \`${name}\` |`);
  });
});

describe('the CLIs', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(args[0], args.slice(1), {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, SIKU_CONTENT_DIR: path.join(FIXTURES, 'basic'), ...env },
    });
  const noStack = (text: string) => expect(text).not.toMatch(/^\s+at |Error:|node:internal/m);

  it('npm run check: exit 1 with the message, no stack trace', () => {
    const result = run(['npm', 'run', '--silent', 'check'], { SIKU_TODAY: '2026-13-01' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('环境变量有误');
    expect(result.stderr).toContain('SIKU_TODAY=2026-13-01 不是有效日期，应为 YYYY-MM-DD');
    noStack(result.stderr);
    expect(result.stdout).toBe('');
  });

  it('npm run build: exit 1 before anything is checked or built', () => {
    const result = run([process.execPath, path.join(PROJECT_ROOT, 'scripts/build.ts')], {
      SIKU_TODAY: '2026-13-01',
      SIKU_DIST_DIR: '/nonexistent/siku-dist',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('构建失败：环境变量有误');
    expect(result.stderr).toContain('SIKU_TODAY=2026-13-01 不是有效日期');
    noStack(result.stderr);
    expect(result.stdout).toBe('');
  });
});
