/**
 * The lean index read while Astro renders (src/build/search/ahead-shard.ts,
 * src/build/search/index-ahead.ts), with the real Pagefind: a shard picks up only finished
 * pages, indexes the rest once told the real entry pages, and refuses to write what it
 * read early when a page changed since; the build then indexes the usual way, and
 * either way the index says what the pages say now.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AheadShard } from '../src/build/search/ahead-shard.ts';
import { fullCharMap } from '../src/build/search/fold-map.ts';
import { aheadShards, aheadWanted, expectedEntryPages, IndexAhead } from '../src/build/search/index-ahead.ts';
import { buildSearchIndex, indexablePages } from '../src/build/search/indexer.ts';
import { PagefindSession } from '../src/build/search/pagefind-session.ts';
import { pairToken } from '../src/shared/search/pair-tokens.ts';
import { findLeaks, scanLeaks } from '../src/build/leaks/guard.ts';
import { buildLeakModel, type InternalCase } from '../src/build/leaks/scan.ts';

const map = fullCharMap();
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const entry = (name: string, text: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><body><main><article data-pagefind-body><h1>${name}</h1><p>${text}</p>` +
  `<div hidden data-search-data><span data-pagefind-filter="f[data-v]" data-v="lib:cases"></span><span data-pagefind-meta="name[data-v]" data-v="${name}"></span></div></article></main></body></html>`;

function write(dir: string, rel: string, html: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), html);
}

/** Each indexed page's URL and text, from the fragments of an index folder. */
function fragments(folder: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const name of readdirSync(path.join(folder, 'fragment'))) {
    const raw = gunzipSync(readFileSync(path.join(folder, 'fragment', name))).toString('utf8');
    const fragment = JSON.parse(raw.slice(raw.indexOf('{'))) as { url: string; content: string };
    pages.set(fragment.url, fragment.content);
  }
  return pages;
}

const pageCount = (folder: string) =>
  (JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> })
    .languages['zh-cn'].page_count;

const TOPICS = ['网格治理', '数字政府', '乡村振兴', '红色教育', '基层党建', '产业升级', '生态保护', '社区服务'];
/** `count` entry pages of cases, each with words of its own. */
function catalog(dir: string, count: number): string[] {
  const pages: string[] = [];
  for (let i = 0; i < count; i++) {
    const rel = `cases/c${String(i).padStart(3, '0')}/index.html`;
    write(dir, rel, entry(`${TOPICS[i % TOPICS.length]}案例${i}`, `${TOPICS[(i + 3) % TOPICS.length]}的做法，第${i}号。`));
    pages.push(rel);
  }
  return pages;
}

describe('a shard read while Astro renders', () => {
  it('reads finished pages early, indexes the rest and pages nobody expected at the end', async () => {
    const dir = temp('siku-ahead-site-');
    write(dir, 'cases/a/index.html', entry('网格治理', '把党组织建在网格上。'));
    write(dir, 'cases/b/index.html', entry('村级工业园', '改造').slice(0, 90));
    const session = await PagefindSession.open('', 60_000);
    try {
      const shard = new AheadShard(
        dir,
        ['cases/a/index.html', 'cases/b/index.html', 'cases/c/index.html'],
        map,
        session,
        temp('siku-ahead-scratch-'),
      );
      expect(shard.poll()).toBe(1);
      expect(shard.due).toBe(true);
      await shard.add();
      expect(shard.early).toBe(1);
      // Half-written b is left for later; c is not there yet.
      expect(shard.poll()).toBe(0);
      write(dir, 'cases/b/index.html', entry('村级工业园', '改造提升'));
      write(dir, 'cases/c/index.html', entry('数字政府', '一网通办'));
      write(dir, 'cases/d/index.html', entry('红色教育', '党性教育基地'));
      const out = path.join(temp('siku-ahead-out-'), 'pagefind');
      const outcome = await shard.finish(['cases/a/index.html', 'cases/b/index.html', 'cases/c/index.html', 'cases/d/index.html'], out);
      expect(outcome).toEqual({ indexed: 4, early: 1, written: false });
      const pages = fragments(out);
      expect([...pages.keys()].sort()).toEqual(['/cases/a/', '/cases/b/', '/cases/c/', '/cases/d/']);
      expect(pages.get('/cases/b/')).toContain(pairToken('提升'));
      expect(pages.get('/cases/d/')).toContain(pairToken('基地'));
    } finally {
      await session.close();
    }
  });

  it("prepares at most one batch a poll, so the build's message is not kept waiting", async () => {
    const dir = temp('siku-ahead-site-');
    const pages = catalog(dir, 12);
    const session = await PagefindSession.open('', 60_000);
    try {
      // A shard of 12 pages hands them to Pagefind 3 at a time (a quarter of the shard).
      const shard = new AheadShard(dir, pages, map, session, temp('siku-ahead-scratch-'));
      expect(shard.poll()).toBe(3);
      expect(shard.due).toBe(true);
      expect(shard.poll(100)).toBe(9);
      expect(shard.complete).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('writes its index as soon as all its pages are there, and hands it over only if they are the real ones', async () => {
    const dir = temp('siku-ahead-site-');
    const given = catalog(dir, 6);
    for (const late of [undefined, 'cases/zzz/index.html']) {
      const session = await PagefindSession.open('分片 1/2：', 60_000);
      try {
        const shard = new AheadShard(dir, given, map, session, temp('siku-ahead-scratch-'));
        shard.poll(Number.POSITIVE_INFINITY);
        expect(shard.complete).toBe(true);
        const early = path.join(temp('siku-ahead-early-'), 'index');
        await shard.writeEarly(early);
        await session.close();
        expect(shard.written).toBe(true);
        expect(pageCount(early)).toBe(6);
        const out = path.join(temp('siku-ahead-out-'), 'shards', '1');
        if (late) write(dir, late, entry('晚到的页面', '没有预计到'));
        const outcome = await shard.finish(late ? [...given, late] : given, out);
        if (late) {
          expect('stale' in outcome && outcome.stale).toBe(`${late} 在分片 1/2：写出索引之后才出现`);
        } else {
          expect(outcome).toEqual({ indexed: 6, early: 6, written: true });
          expect([...fragments(out).keys()].sort()).toEqual(given.map((rel) => `/${rel.replace('index.html', '')}`));
        }
      } finally {
        await session.close();
      }
    }
  });

  it('as the last shard, adds the pages nobody expected after writing early, and writes again', async () => {
    const dir = temp('siku-ahead-site-');
    const given = catalog(dir, 6);
    const session = await PagefindSession.open('分片 2/2：', 60_000);
    try {
      const shard = new AheadShard(dir, given, map, session, temp('siku-ahead-scratch-'));
      shard.poll(Number.POSITIVE_INFINITY);
      const early = path.join(temp('siku-ahead-early-'), 'index');
      await shard.writeEarly(early, true);
      expect(pageCount(early)).toBe(6);
      const late = 'cases/zzz/index.html';
      write(dir, late, entry('晚到的页面', '没有预计到的条目'));
      const out = path.join(temp('siku-ahead-out-'), 'shards', '2');
      expect(await shard.finish([...given, late], out)).toEqual({ indexed: 7, early: 6, written: false });
      const pages = fragments(out);
      expect(pages.size).toBe(7);
      expect(pages.get('/cases/zzz/')).toContain(pairToken('预计'));
      expect(() => readdirSync(early)).toThrow();
    } finally {
      await session.close();
    }
  });

  it('writes nothing when a page it read has changed since, or is no entry page any more', async () => {
    const dir = temp('siku-ahead-site-');
    write(dir, 'cases/a/index.html', entry('网格治理', '旧的正文'));
    write(dir, 'cases/b/index.html', entry('村级工业园', '改造'));
    for (const [change, why] of [
      [() => write(dir, 'cases/a/index.html', entry('网格治理', '新的正文，长一些')), /cases\/a\/index\.html 在读入索引之后又被改写/],
      [() => {}, /cases\/b\/index\.html 不再是条目页/],
    ] as const) {
      const session = await PagefindSession.open('', 60_000);
      try {
        const shard = new AheadShard(dir, ['cases/a/index.html', 'cases/b/index.html'], map, session, temp('siku-ahead-scratch-'));
        shard.poll(Number.POSITIVE_INFINITY);
        await shard.add();
        change();
        const out = path.join(temp('siku-ahead-out-'), 'pagefind');
        const final = why.source.includes('不再是') ? ['cases/a/index.html'] : ['cases/a/index.html', 'cases/b/index.html'];
        const outcome = await shard.finish(final, out);
        expect('stale' in outcome && outcome.stale).toMatch(why);
        expect(() => readdirSync(out)).toThrow();
      } finally {
        await session.close();
      }
    }
  });
});

describe('the index read while Astro renders, finished by the index step', () => {
  it('gives the same pages and words as an index built afterwards, in shards merged', async () => {
    const dir = temp('siku-ahead-site-');
    const pages = catalog(dir, 30);
    const copy = temp('siku-ahead-copy-');
    cpSync(dir, copy, { recursive: true });
    // 16 pages a shard afterwards: two shards, as a catalog of 9,000–12,000 entries gets.
    const ahead = IndexAhead.start(dir, pages, { shardPages: 16, workers: 2 })!;
    expect(ahead.count).toBe(2);
    const messages: string[] = [];
    await buildSearchIndex({ dir, lean: true, ahead, shardPages: 16, workers: 2, log: (m) => messages.push(m) });
    await buildSearchIndex({ dir: copy, lean: true, shardPages: 16, workers: 2 });
    expect(messages.join('\n')).not.toMatch(/不能用/);
    expect(messages.join('\n')).toMatch(/2 个分片合并为一个索引/);
    expect(pageCount(path.join(dir, 'pagefind'))).toBe(30);
    const early = fragments(path.join(dir, 'pagefind'));
    const late = fragments(path.join(copy, 'pagefind'));
    expect([...early.keys()].sort()).toEqual([...late.keys()].sort());
    for (const [url, content] of late) expect(early.get(url)).toBe(content);
  });

  it('scans the pages it reads for the leak guard, which then reads only what changed since', async () => {
    const dir = temp('siku-ahead-site-');
    const pages = catalog(dir, 30);
    const internal: InternalCase = {
      id: 'neibu',
      title: '某园区整改问题内部复盘',
      body: '内部复盘材料：整改清单不得外传，相关责任人员已经调整岗位。',
    };
    const model = buildLeakModel({ cases: [internal], publicTexts: [] });
    write(dir, pages[3], entry('网格治理案例3', '内部复盘材料：整改清单不得外传，相关责任人员已经调整岗位。'));
    const ahead = IndexAhead.start(dir, pages, { shardPages: 16, workers: 2, leaks: model })!;
    await buildSearchIndex({ dir, lean: true, ahead, shardPages: 16, workers: 2 });
    expect(ahead.scanned?.leaks.map((l) => l.file)).toEqual([pages[3]]);
    expect([...ahead.scanned!.stamps.keys()].sort()).toEqual(pages);
    // A page changed after the shard read it is read again by the guard.
    write(dir, pages[20], entry('网格治理案例20', '某园区整改问题内部复盘'));
    const guard = scanLeaks(dir, model, ahead.scanned);
    expect(guard.leaks).toEqual(findLeaks(dir, model));
    expect(guard.leaks.map((l) => l.file)).toEqual(expect.arrayContaining([pages[3], pages[20]]));
  });

  it('indexes the usual way when what it expected is not what Astro wrote', async () => {
    const dir = temp('siku-ahead-site-');
    const pages = catalog(dir, 20);
    // Expected pages of another library: every real page lands in the last shard, the first has none.
    const expected = pages.map((rel) => rel.replace('cases/', 'courses/'));
    const ahead = IndexAhead.start(dir, expected, { shardPages: 10, workers: 2 })!;
    expect(ahead.count).toBe(2);
    const messages: string[] = [];
    const result = await buildSearchIndex({ dir, lean: true, ahead, shardPages: 16, workers: 2, log: (m) => messages.push(m) });
    expect(messages.join('\n')).toMatch(/Astro 渲染时读入的索引不能用（分片 1 没有条目页），重新建索引/);
    expect(result.pages).toEqual(indexablePages(dir));
    expect(pageCount(path.join(dir, 'pagefind'))).toBe(20);
  });

  it('starts no shards for a catalog that needs more of them than there are workers', () => {
    const dir = temp('siku-ahead-site-');
    expect(IndexAhead.start(dir, catalog(dir, 30), { shardPages: 8, workers: 2 })).toBeUndefined();
    expect(IndexAhead.start(dir, [], { workers: 2 })).toBeUndefined();
    // One core: no idle time to fill.
    expect(IndexAhead.start(dir, catalog(dir, 30), { workers: 1 })).toBeUndefined();
  });

  it('is on unless SIKU_SEARCH_AHEAD says no', () => {
    expect(aheadWanted({})).toBe(true);
    expect(aheadWanted({ SIKU_SEARCH_AHEAD: '0' })).toBe(false);
    expect(aheadWanted({ SIKU_SEARCH_AHEAD: 'yes' })).toBe(true);
    expect(() => aheadWanted({ SIKU_SEARCH_AHEAD: 'later' })).toThrow(/SIKU_SEARCH_AHEAD 应为 1 或 0/);
  });

  it('expects a page for each valid entry of the four libraries that gets one', () => {
    expect(
      expectedEntryPages([
        { collection: 'sites', id: 'hongse-jidi', valid: {} },
        { collection: 'cases', id: 'cungai', valid: { visibility: '公开' } },
        { collection: 'cases', id: 'neibu', valid: { visibility: '内部' } },
        { collection: 'cases', id: 'broken' },
        { collection: 'instructors', id: 'xu-tuixiu', valid: { publish: false } },
        { collection: 'instructors', id: 'lin-jiaoshou', valid: { publish: true } },
        { collection: 'programs', id: 'zhizao-ban', valid: {} },
      ]),
    ).toEqual(['cases/cungai/index.html', 'instructors/lin-jiaoshou/index.html', 'sites/hongse-jidi/index.html']);
  });

  it('reads a catalog ahead in runs of address order, at most six', () => {
    const pages = (count: number) => Array.from({ length: count }, (_, i) => `cases/c${String(i).padStart(5, '0')}/index.html`);
    expect(aheadShards(pages(1_076)).map((part) => part.length)).toEqual([1_076]);
    // The last shards are smaller: what they read is left for after Astro.
    expect(aheadShards(pages(1_076), 2).map((part) => part.length)).toEqual([828, 248]);
    expect(aheadShards(pages(3_000)).map((part) => part.length)).toEqual([2_308, 692]);
    expect(aheadShards(pages(10_076)).map((part) => part.length)).toEqual([2_056, 2_056, 2_056, 2_056, 1_234, 618]);
    expect(aheadShards(pages(20_000))).toHaveLength(6);
    const split = aheadShards(pages(5_001));
    expect(split.flat()).toEqual(pages(5_001));
  });
});
