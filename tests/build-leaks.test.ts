/**
 * The leak guard that runs on every build before the swap: it must see an internal
 * case in any built file — HTML, JSON, file names, and Pagefind's gzip-compressed index
 * — and stay quiet about a public catalog. Plus the real thing: a built catalog with an
 * internal case has no trace of it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLeaks, joinScans, leaksIn, scanLeaks } from '../src/build/leaks/guard.ts';
import { buildLeakModel, leakModelData, leakModelFrom, type InternalCase, type LeakModelData } from '../src/build/leaks/scan.ts';
import { listFiles, readBuilt } from './helpers/build.ts';
import { sharedFixture } from './helpers/shared-builds.ts';

const CASE: InternalCase = {
  id: 'neibu-fupan',
  title: '某园区整改问题内部复盘',
  summary: '内部复盘材料，仅供党校教研部门研讨使用，不对外发布。',
  body: '## 背景\n\n内部复盘材料：**紫檀色信封**里的整改清单不得外传，相关责任人员已经调整岗位。\n',
  questions: ['内部讨论题：整改责任应当如何追究？', '短标题'],
};
const model = (c: InternalCase = CASE) => buildLeakModel({ cases: [c], publicTexts: [] });

function site(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'siku-leaks-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

describe('findLeaks', () => {
  it('is quiet about a catalog without the internal case', () => {
    const dir = site({
      'index.html': '<h1>四库</h1><a href="/cases/neibu-fupan-2/">另一个案例</a>',
      'pagefind/fragment/a.pf_fragment': gzipSync('pagefind_dcd{"content":"公开内容"}'),
    });
    expect(findLeaks(dir, model())).toEqual([]);
  });

  it('finds the title, the URL, the id, the summary and body passages, even split by Markdown', () => {
    const dir = site({
      'a/index.html': `<title>${CASE.title}</title>`,
      'b/index.html': '<a href="/cases/neibu-fupan/">链接</a>',
      'c/data.json': '{"cases":["neibu-fupan"]}',
      'd/index.html': `<p>${CASE.summary}</p>`,
      'e/index.html': '<p>里的整改清单不得外传，相关责任人员已经调整岗位。</p>',
      'f/index.html': '<li>内部讨论题：整改责任应当如何追究？</li>',
      'g/index.html': '<p>短标题</p>',
    });
    const found = findLeaks(dir, model()).map((l) => `${l.file} ${l.what}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a\/index\.html 内部案例标题/),
        expect.stringMatching(/^b\/index\.html 内部案例网址/),
        expect.stringMatching(/^c\/data\.json 内部案例 id/),
        expect.stringMatching(/^d\/index\.html 内部案例 neibu-fupan 的摘要/),
        expect.stringMatching(/^e\/index\.html 内部案例 neibu-fupan 的正文/),
        expect.stringMatching(/^f\/index\.html 内部案例 neibu-fupan 的讨论题/),
      ]),
    );
    // Short texts are too common to be evidence of a leak.
    expect(found.some((f) => f.startsWith('g/'))).toBe(false);
  });

  it("looks inside Pagefind's compressed index and at file names", () => {
    const dir = site({
      'pagefind/fragment/zh_1.pf_fragment': gzipSync(`pagefind_dcd{"url":"/x/","content":"${CASE.title}"}`),
      'cases/neibu-fupan/index.html': '<p>空</p>',
    });
    const found = findLeaks(dir, model());
    expect(found.some((l) => l.file === 'pagefind/fragment/zh_1.pf_fragment' && l.what.includes('标题'))).toBe(true);
    expect(found.some((l) => l.file === 'cases/neibu-fupan/index.html' && l.what.includes('文件名'))).toBe(true);
  });

  it('scans again only what changed, and then finds what one full scan would', () => {
    const dir = site({
      'a/index.html': `<p>${CASE.summary}</p>`,
      'b/index.html': '<p>公开内容</p>',
      'c/index.html': `<title>${CASE.title}</title>`,
      'd/index.html': '<p>公开内容</p>',
    });
    const first = scanLeaks(dir, model());
    expect(first.leaks.map((l) => l.file)).toEqual(['a/index.html', 'c/index.html']);
    // As the search step does: a page rewritten, another page and the index written.
    writeFileSync(path.join(dir, 'b/index.html'), '<a href="/cases/neibu-fupan/">链接</a>');
    writeFileSync(path.join(dir, 'c/index.html'), '<p>公开内容，标题已经改掉</p>');
    mkdirSync(path.join(dir, 'pagefind/fragment'), { recursive: true });
    writeFileSync(path.join(dir, 'pagefind/fragment/a.pf_fragment'), gzipSync(`pagefind_dcd{"content":"${CASE.title}"}`));
    const second = scanLeaks(dir, model(), first);
    expect(second.leaks).toEqual(findLeaks(dir, model()));
    expect(second.leaks.map((l) => l.file)).toEqual(['a/index.html', 'b/index.html', 'pagefind/fragment/a.pf_fragment']);
  });

  it('leaves to another scan the files it skips, and a file changed since that scan is read again', () => {
    const dir = site({
      'a/index.html': `<p>${CASE.summary}</p>`,
      'b/index.html': '<p>公开内容</p>',
      'cases/x/index.html': `<title>${CASE.title}</title>`,
      'cases/y/index.html': '<p>公开内容</p>',
    });
    const entry = (rel: string) => rel.startsWith('cases/');
    const first = scanLeaks(dir, model(), undefined, entry);
    expect([...first.stamps.keys()].sort()).toEqual(['a/index.html', 'b/index.html']);
    // What an index shard scanned of the entry pages as it read them (src/build/search/ahead-shard.ts).
    const shard = scanLeaks(dir, model(), undefined, (rel) => !entry(rel));
    expect(shard.leaks.map((l) => l.file)).toEqual(['cases/x/index.html']);
    writeFileSync(path.join(dir, 'cases/y/index.html'), `<p>${CASE.summary}</p>`);
    const last = scanLeaks(dir, model(), joinScans(first, shard));
    expect(last.leaks).toEqual(findLeaks(dir, model()));
    expect(last.leaks.map((l) => l.file)).toEqual(['a/index.html', 'cases/x/index.html', 'cases/y/index.html']);
  });

  it('rebuilds in another process a model that finds what the original finds', () => {
    const original = buildLeakModel({ cases: [CASE], publicTexts: ['紫檀色信封'] });
    const copy = leakModelFrom(JSON.parse(JSON.stringify(leakModelData(original))) as LeakModelData);
    for (const text of [
      `<p>${CASE.summary}</p>`,
      '<p>里的整改清单不得外传，相关责任人员已经调整岗位。</p>',
      `<h1>${CASE.title}</h1>`,
      '<p>紫檀色信封</p>',
    ]) {
      expect(leaksIn(copy, 'p/index.html', text)).toEqual(leaksIn(original, 'p/index.html', text));
    }
    expect(leaksIn(copy, 'p/index.html', `<p>${CASE.summary}</p>`)).not.toEqual([]);
  });

  it('finds a passage split by markup, in traditional script, with other punctuation', () => {
    const dir = site({
      'a/index.html': '<p>里的<strong>整改清单</strong>不得外传</p>',
      'b/index.html': '<p>裡的整改清單不得外傳，相關責任人員</p>',
      'c/data.json': '{"t":"\\u91cc\\u7684\\u6574\\u6539\\u6e05\\u5355\\u4e0d\\u5f97\\u5916\\u4f20"}',
      'd/index.html': '<p>整改清单</p><p>不得外传的材料</p>',
    });
    const found = findLeaks(dir, model()).map((l) => l.file);
    expect(found).toEqual(expect.arrayContaining(['a/index.html', 'b/index.html', 'c/data.json']));
    // Block elements are separate texts: two short, unrelated paragraphs are not one copied passage.
    expect(found).not.toContain('d/index.html');
  });
});

describe('what is public by nature', () => {
  it('masks names of places and documents, but never a sentence put in a name field', async () => {
    const { findQuotes } = await import('../src/build/leaks/scan.ts');
    const c: InternalCase = {
      id: 'neibu-x',
      title: '某镇项目内部复盘材料汇编',
      body: '广东省佛山市南海区狮山镇博爱湾村委会。相关责任人员已经调整岗位，整改清单不得外传。',
    };
    const place = '广东省佛山市南海区狮山镇博爱湾村委会';
    const sentence = '相关责任人员已经调整岗位，整改清单不得外传';
    const m = buildLeakModel({ cases: [c], publicTexts: [place, sentence] });
    const [onPlace, onSentence] = findQuotes(m, [`地址：${place}`, `承接单位：${sentence}`]);
    expect(onPlace).toEqual([]);
    expect(onSentence.map((f) => f.field)).toEqual(['body']);
  });
});

describe('a built catalog with an internal case', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await sharedFixture('basic');
  });

  it('has no trace of it in any file, the search index included', () => {
    expect(
      findLeaks(dist, model({ ...CASE, title: '某园区整改问题内部复盘', body: '内部复盘材料：紫檀色信封里的整改清单不得外传。' })),
    ).toEqual([]);
    const texts = listFiles(dist)
      .filter((f) => /\.(html|json|js|xml|txt)$/.test(f))
      .map((f) => readBuilt(dist, f));
    expect(texts.some((t) => t.includes('紫檀色信封'))).toBe(false);
  });
});
