/**
 * When Pagefind's indexing process dies (at 100,000 entries the OOM killer SIGKILLs it),
 * the build must fail within seconds and say why — not wait out the 300 s timeout.
 * The process is killed for real: found among this process's children in /proc while it
 * indexes a generated site, and, end to end, inside a real `npm run build`.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitMessage, spawnedBy } from '../src/build/search/pagefind-service.ts';
import { buildSearchIndex, SearchIndexError } from '../src/build/search/indexer.ts';
import { FIXTURES, PROJECT_ROOT, runBuild } from './helpers/build.ts';
import { childProcesses, waitForChild, waitForRead } from './helpers/processes.ts';

const PAGES = 1500;
const SERVICE = /pagefind.* --service$/;

/** A built site of `pages` entry pages: enough that indexing is still running when we strike. */
function site(pages: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'siku-pagefind-crash-'));
  for (let i = 0; i < pages; i++) {
    mkdirSync(path.join(dir, `cases/c${i}`), { recursive: true });
    const text = `第 ${i} 个案例：基层治理网格化，党建引领乡村振兴，数字政府与营商环境。`.repeat(20);
    writeFileSync(
      path.join(dir, `cases/c${i}/index.html`),
      `<!DOCTYPE html><html lang="zh-CN"><head><title>案例 ${i}</title></head><body><main><article data-pagefind-body><h1>案例 ${i}</h1><p>${text}</p></article></main></body></html>`,
    );
  }
  return dir;
}

describe('Pagefind dying mid-index', () => {
  it('SIGKILL: fails within seconds, naming the signal, the likely cause and the page it was on', async () => {
    const dir = site(PAGES);
    let finished = false;
    // A long deadline, so only noticing the exit can make this fast.
    const run = buildSearchIndex({ dir, timeout: 120_000 }).finally(() => (finished = true));
    run.catch(() => {});
    const service = await waitForChild(SERVICE);
    // Let it get into the page loop, as in the real out-of-memory case: dozens of pages (about 3 KB each) read.
    await waitForRead(service.pid, 100_000);
    expect(finished, '索引在杀死进程之前就完成了：请增加 PAGES').toBe(false);
    process.kill(service.pid, 'SIGKILL');
    const killed = performance.now();

    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    const seconds = (performance.now() - killed) / 1000;
    expect(error).toBeInstanceOf(SearchIndexError);
    const message = (error as Error).message;
    expect(message).toContain('Pagefind 的索引进程被信号 SIGKILL 终止');
    expect(message).toMatch(new RegExp(`当时正在索引第 \\d+–\\d+/${PAGES} 个页面（cases/c\\d+/index\\.html 起）`));
    expect(message).toContain('内存不足');
    expect(message).toContain('OOM');
    expect(message).toMatch(/内存更大的机器|交换空间/);
    expect(seconds).toBeLessThan(5);
    // No Pagefind left behind, and the next index gets a fresh service that works.
    expect(childProcesses().filter((p) => SERVICE.test(p.command) && p.pid !== service.pid)).toEqual([]);
    const again = await buildSearchIndex({ dir: site(2) });
    expect(again.pages).toHaveLength(2);
  });

  it('says what it can for other exits', () => {
    expect(exitMessage(101, null, '写入索引')).toBe(
      'Pagefind 的索引进程意外退出（退出码 101），当时正在写入索引。请查看上方 Pagefind 自己输出的错误信息。',
    );
    expect(exitMessage(null, 'SIGTERM', '创建索引')).toMatch(/^Pagefind 的索引进程被信号 SIGTERM 终止，当时正在创建索引。.*重新构建/);
    expect(exitMessage(null, 'SIGTERM', '创建索引')).not.toContain('内存');
  });

  it('finds only a Pagefind service among spawned processes', () => {
    expect(spawnedBy(() => 42)).toEqual({ result: 42, service: undefined });
  });

  it('end to end: npm run build stops with the reason and writes no output', () => {
    const started = performance.now();
    const result = runBuild(path.join(FIXTURES, 'basic'), {
      env: { NODE_OPTIONS: `--import=${path.join(PROJECT_ROOT, 'tests/helpers/kill-pagefind.mjs')}` },
    });
    const seconds = (performance.now() - started) / 1000;
    expect(result.status).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toContain('Pagefind 的索引进程被信号 SIGKILL 终止');
    expect(output).toContain('内存不足');
    // npm run build indexes after Astro has exited: the index step itself fails the build.
    expect(result.stderr).toContain('构建失败：Pagefind 的索引进程被信号 SIGKILL 终止');
    expect(existsSync(result.outDir)).toBe(false);
    // A whole build of the small fixture: far below the 300 s per-call timeout.
    expect(seconds).toBeLessThan(120);
  });
});
