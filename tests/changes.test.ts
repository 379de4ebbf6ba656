/**
 * /changes/, /changes.xml and "更新于": the git history module on a repository made
 * here with known commits (add, edit, 停用/退出, 暂停, 已纳入, a rename, a deleted file,
 * a file outside the content root), the reviewed/admitted fallback without history,
 * and one real build of that repository's content.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildChangeLog, entryKeyOfPath, lastUpdated, type ChangeLog } from '../src/build/changes.ts';
import { clearGitHistoryCache, gitHistory, readGitHistory, type FileChange, type GitHistory } from '../src/build/git-history.ts';
import { FIXTURES, listFiles, readBuilt, runBuild } from './helpers/build.ts';
import { loadCatalog } from './helpers/catalogs.ts';

/** git with a neutral identity and no global or system configuration. */
function git(cwd: string, args: string[], date?: string) {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Siku Test',
    GIT_COMMITTER_NAME: 'Siku Test',
  });
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));
const appendBody = (file: string, text: string) => edit(file, (t) => `${t.replace(/\n*$/, '\n')}\n${text}\n`);

/** The commits of the fixture repository, by name: id and expected Beijing time. */
const commits: Record<string, { id: string; time: string }> = {};

let repo: string;
let content: string;

/**
 * tests/fixtures/basic under `content/` of a fresh repository, committed in seven steps
 * from January to May 2026. The last commit leaves the content valid (as the fixture,
 * plus a few body paragraphs).
 */
function makeRepo(): void {
  repo = path.join(mkdtempSync(path.join(tmpdir(), 'siku-changes-')), 'repo');
  content = path.join(repo, 'content');
  mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'user.email', 'test']);
  git(repo, ['config', 'commit.gpgsign', 'false']);
  cpSync(path.join(FIXTURES, 'basic'), content, { recursive: true });
  const f = (rel: string) => path.join(content, rel);
  const dengtaAnli = readFileSync(f('cases/dengta-anli.md'), 'utf8');
  const commit = (name: string, date: string, time: string) => {
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', name], date);
    commits[name] = { id: git(repo, ['rev-parse', 'HEAD']).trim(), time };
  };

  // C1: everything but one case, in earlier states.
  writeFileSync(path.join(repo, 'README.md'), '仓库说明\n');
  edit(f('courses/dangxing-jiaoyu.md'), (t) => t.replace('status: 停用', 'status: 入库'));
  edit(f('instructors/xu-tuixiu.md'), (t) => t.replace('status: 退出', 'status: 在库'));
  edit(f('sites/dengta-gongchang.md'), (t) => t.replace('status: 已纳入', 'status: 培育中').replace(/^admitted: .*\n/m, ''));
  edit(f('sites/hongse-jidi.md'), (t) => t.replace('status: 退出', 'status: 培育中'));
  renameSync(f('courses/wangge-zhili.md'), f('courses/wangge.md'));
  rmSync(f('cases/dengta-anli.md'));
  commit('c1', '2026-01-10T10:00:00+08:00', '2026-01-10T10:00:00+08:00');

  // C2, in UTC on 31 January: already 1 February in Beijing. A course added, deleted in C3.
  appendBody(f('courses/zhizao-zhuanxing.md'), '补充：二月修订的教学安排。');
  writeFileSync(f('courses/linshi.md'), readFileSync(f('courses/wangge.md'), 'utf8').replace(/^title: .*$/m, 'title: 临时课程'));
  commit('c2', '2026-01-31T20:00:00Z', '2026-02-01T04:00:00+08:00');

  // C3: a course 停用, an instructor 退出; the 内部 case and the publish: false instructor edited.
  edit(f('courses/dangxing-jiaoyu.md'), (t) => t.replace('status: 入库', 'status: 停用'));
  edit(f('instructors/xu-tuixiu.md'), (t) => t.replace('status: 在库', 'status: 退出'));
  appendBody(f('cases/neibu-fupan.md'), '内部复盘的补充记录。');
  appendBody(f('instructors/yin-gongjiang.md'), '补充简介。');
  rmSync(f('courses/linshi.md'));
  commit('c3', '2026-03-05T09:30:00+08:00', '2026-03-05T09:30:00+08:00');

  // C4: a site 已纳入; the missing case added.
  edit(f('sites/dengta-gongchang.md'), (t) => t.replace('status: 培育中', 'status: 已纳入\nadmitted: 2024-05-01'));
  writeFileSync(f('cases/dengta-anli.md'), dengtaAnli);
  commit('c4', '2026-03-20T15:00:00+08:00', '2026-03-20T15:00:00+08:00');

  // C5: a pure rename (git mv): the course keeps its history under its new id.
  git(repo, ['mv', 'content/courses/wangge.md', 'content/courses/wangge-zhili.md']);
  commit('c5', '2026-04-02T11:00:00+08:00', '2026-04-02T11:00:00+08:00');

  // C6: a site 暂停; two body edits, one of them a body line that starts with "status:".
  edit(f('sites/hongse-jidi.md'), (t) => t.replace('status: 培育中', 'status: 暂停'));
  appendBody(f('courses/wangge-zhili.md'), '补充：四月更新的案例。');
  appendBody(f('courses/district/cungai-xianchang.md'), 'status: 这一行是正文，不是状态字段。');
  commit('c6', '2026-04-15T16:00:00+08:00', '2026-04-15T16:00:00+08:00');

  // C7: the site 退出; a file outside the content root.
  edit(f('sites/hongse-jidi.md'), (t) => t.replace('status: 暂停', 'status: 退出'));
  writeFileSync(path.join(repo, 'README.md'), '仓库说明（修订）\n');
  commit('c7', '2026-05-08T10:00:00+08:00', '2026-05-08T10:00:00+08:00');
}

beforeAll(makeRepo);
afterEach(() => {
  clearGitHistoryCache();
  vi.restoreAllMocks();
});

const change = (name: string, kind: FileChange['kind'], status?: string): FileChange => ({
  commit: commits[name].id,
  time: commits[name].time,
  date: commits[name].time.slice(0, 10),
  kind,
  ...(status ? { status } : {}),
});

/** Every file of the content root, relative (what C1 added, plus the case added in C4). */
function contentFiles(): string[] {
  return listFiles(content);
}

describe('git history of the content root', () => {
  it('lists every file with its added, updated and status changes, newest first', () => {
    const history = readGitHistory(content);
    expect(history.source).toBe('git');
    if (history.source !== 'git') return;
    expect(history.commits).toBe(7);

    const special: Record<string, FileChange[]> = {
      'courses/zhizao-zhuanxing.md': [change('c2', 'updated'), change('c1', 'added', '入库')],
      'courses/dangxing-jiaoyu.md': [change('c3', 'retired', '停用'), change('c1', 'added', '入库')],
      'instructors/xu-tuixiu.md': [change('c3', 'retired', '退出'), change('c1', 'added', '在库')],
      'cases/neibu-fupan.md': [change('c3', 'updated'), change('c1', 'added')],
      'instructors/yin-gongjiang.md': [change('c3', 'updated'), change('c1', 'added', '在库')],
      'sites/dengta-gongchang.md': [change('c4', 'admitted', '已纳入'), change('c1', 'added', '培育中')],
      'cases/dengta-anli.md': [change('c4', 'added')],
      'courses/wangge-zhili.md': [change('c6', 'updated'), change('c5', 'updated'), change('c1', 'added', '入库')],
      'sites/hongse-jidi.md': [change('c7', 'retired', '退出'), change('c6', 'paused', '暂停'), change('c1', 'added', '培育中')],
      'courses/district/cungai-xianchang.md': [change('c6', 'updated'), change('c1', 'added', '试讲')],
    };
    const statusAtC1: Record<string, string> = {
      'courses/district/cungai-xianchang.md': '试讲',
      'instructors/he-juzhang.md': '在库',
      'instructors/lin-jiaoshou.md': '在库',
      'sites/cungai-yuanqu.md': '培育中',
    };
    const expected = Object.fromEntries(
      contentFiles().map((file) => [file, { path: file, changes: special[file] ?? [change('c1', 'added', statusAtC1[file])] }]),
    );
    expect(Object.fromEntries(history.files)).toEqual(expected);
    // Neither the deleted course, nor the old name of the renamed one, nor the repository's README.
    for (const gone of ['courses/linshi.md', 'courses/wangge.md', 'README.md', '../README.md']) expect(history.files.has(gone)).toBe(false);
  });

  it('gives the same paths when the content root is the repository itself', async () => {
    const top = path.join(mkdtempSync(path.join(tmpdir(), 'siku-changes-top-')), 'content');
    cpSync(path.join(FIXTURES, 'basic'), top, { recursive: true });
    git(top, ['init', '-q', '-b', 'main']);
    expect(readGitHistory(top)).toEqual({ source: 'none', reason: 'untracked' });
    git(top, ['config', 'user.email', 'test']);
    git(top, ['add', '-A']);
    git(top, ['commit', '-q', '-m', 'all'], '2026-06-30T23:30:00+08:00');
    const history = readGitHistory(top);
    if (history.source !== 'git') throw new Error(history.reason);
    expect([...history.files.keys()].sort()).toEqual(
      listFiles(top)
        .filter((f) => !f.startsWith('.git/'))
        .sort(),
    );
    expect(history.files.get('courses/wangge-zhili.md')!.changes).toMatchObject([{ kind: 'added', date: '2026-06-30', status: '入库' }]);
    // Entries created already 已纳入, 停用 or 退出 are listed as both.
    const log = buildChangeLog(await loadCatalog(top), history);
    expect(log.months.map((m) => m.month)).toEqual(['2026-06']);
    const kinds = Object.fromEntries(log.months[0].items.map((i) => [i.key, i.kinds.join('+')]));
    expect(kinds).toMatchObject({
      'sites/dengta-gongchang': 'added+admitted',
      'sites/hongse-jidi': 'added+retired',
      'courses/dangxing-jiaoyu': 'added+retired',
      'instructors/xu-tuixiu': 'added+retired',
      'sites/cungai-yuanqu': 'added',
      'courses/wangge-zhili': 'added',
    });
  });

  it('counts a merged branch once, at the merge, on the first-parent chain', () => {
    const clone = path.join(mkdtempSync(path.join(tmpdir(), 'siku-changes-merge-')), 'repo');
    git(tmpdir(), ['clone', '-q', `file://${repo}`, clone]);
    git(clone, ['config', 'user.email', 'test']);
    git(clone, ['switch', '-q', '-c', 'topic']);
    appendBody(path.join(clone, 'content/courses/zhizao-zhuanxing.md'), '补充：分支上的修改。');
    git(clone, ['commit', '-q', '-am', 'branch'], '2026-06-01T10:00:00+08:00');
    git(clone, ['switch', '-q', 'main']);
    git(clone, ['merge', '-q', '--no-ff', '-m', 'merge', 'topic'], '2026-06-10T10:00:00+08:00');
    const history = readGitHistory(path.join(clone, 'content'));
    if (history.source !== 'git') throw new Error(history.reason);
    expect(history.commits).toBe(8);
    const merge = git(clone, ['rev-parse', 'HEAD']).trim();
    expect(history.files.get('courses/zhizao-zhuanxing.md')!.changes.slice(0, 2)).toEqual([
      { commit: merge, time: '2026-06-10T10:00:00+08:00', date: '2026-06-10', kind: 'updated' },
      change('c2', 'updated'),
    ]);
  });

  it('has no history without git, outside a repository, or in a shallow clone', () => {
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'siku-changes-nogit-')), 'content');
    cpSync(content, copy, { recursive: true });
    expect(readGitHistory(copy)).toEqual({ source: 'none', reason: 'not-repo' });
    expect(readGitHistory(content, { git: '/nonexistent/git' })).toEqual({ source: 'none', reason: 'no-git' });
    const shallow = path.join(mkdtempSync(path.join(tmpdir(), 'siku-changes-shallow-')), 'repo');
    git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    expect(readGitHistory(path.join(shallow, 'content'))).toEqual({ source: 'none', reason: 'shallow' });
  });

  it('is read once per process, with one line in the log', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = gitHistory(content);
    for (let i = 0; i < 5; i++) expect(gitHistory(content)).toBe(first);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toContain('最近更新：从 git 历史读取了');
    expect(warn).not.toHaveBeenCalled();
  });
});

/** The log as `[month, [key, kinds, date]…]`, for exact comparison. */
const shape = (log: ChangeLog) => log.months.map((m) => [m.month, m.items.map((i) => [i.key, i.kinds.join('+'), i.date])]);

describe('change log', () => {
  it('groups the public changes by month, newest first, one line per entry and month', async () => {
    const catalog = await loadCatalog(content);
    const log = buildChangeLog(catalog, readGitHistory(content));
    expect(log.source).toBe('git');
    expect(shape(log)).toEqual([
      ['2026-05', [['sites/hongse-jidi', 'retired', '2026-05-08']]],
      [
        '2026-04',
        [
          // Same commit: by name in pinyin order (村 cūn, 基 jī, 江 jiāng).
          ['courses/cungai-xianchang', 'updated', '2026-04-15'],
          ['courses/wangge-zhili', 'updated', '2026-04-15'],
          ['sites/hongse-jidi', 'paused', '2026-04-15'],
        ],
      ],
      [
        '2026-03',
        [
          // Same commit: 江门电器灯(dēng)… before 江门电器企(qǐ)….
          ['sites/dengta-gongchang', 'admitted', '2026-03-20'],
          ['cases/dengta-anli', 'added', '2026-03-20'],
          ['courses/dangxing-jiaoyu', 'retired', '2026-03-05'],
          ['instructors/xu-tuixiu', 'retired', '2026-03-05'],
        ],
      ],
      ['2026-02', [['courses/zhizao-zhuanxing', 'updated', '2026-02-01']]],
      ['2026-01', expect.arrayContaining([['courses/wangge-zhili', 'added', '2026-01-10']])],
    ]);
    const january = log.months
      .at(-1)!
      .items.map((i) => i.key)
      .sort();
    expect(january).toEqual([
      'cases/cungai-anli',
      'courses/cungai-xianchang',
      'courses/dangxing-jiaoyu',
      'courses/wangge-zhili',
      'courses/zhizao-zhuanxing',
      'instructors/he-juzhang',
      'instructors/lin-jiaoshou',
      'instructors/xu-tuixiu',
      'programs/zhizao-ban',
      'sites/cungai-yuanqu',
      'sites/dengta-gongchang',
      'sites/hongse-jidi',
    ]);
    // The 内部 case and the publish: false instructor never appear, though both changed.
    const keys = log.months.flatMap((m) => m.items.map((i) => i.key));
    expect(keys).not.toContain('cases/neibu-fupan');
    expect(keys).not.toContain('instructors/yin-gongjiang');
    expect(log.total).toBe(21);
    expect(log.shown).toBe(21);
  });

  it('keeps the newest items under a limit', async () => {
    const catalog = await loadCatalog(content);
    const log = buildChangeLog(catalog, readGitHistory(content), { limit: 3 });
    expect(shape(log)).toEqual([
      ['2026-05', [['sites/hongse-jidi', 'retired', '2026-05-08']]],
      [
        '2026-04',
        [
          ['courses/cungai-xianchang', 'updated', '2026-04-15'],
          ['courses/wangge-zhili', 'updated', '2026-04-15'],
        ],
      ],
    ]);
    expect([log.shown, log.total]).toEqual([3, 21]);
  });

  it('dates entry pages by their last commit', async () => {
    const catalog = await loadCatalog(content);
    const history = readGitHistory(content);
    const date = (c: 'courses' | 'sites' | 'instructors', id: string) => lastUpdated(catalog.get(c, id)!, history);
    expect(date('courses', 'wangge-zhili')).toEqual({ date: '2026-04-15', source: 'git' });
    expect(date('courses', 'dangxing-jiaoyu')).toEqual({ date: '2026-03-05', source: 'git' });
    expect(date('sites', 'cungai-yuanqu')).toEqual({ date: '2026-01-10', source: 'git' });
  });

  it('maps files to entries by library and file name', () => {
    expect(entryKeyOfPath('courses/district/cungai-xianchang.md')).toBe('courses/cungai-xianchang');
    expect(entryKeyOfPath('cases/a.mdx')).toBe('cases/a');
    for (const other of ['schools.yaml', 'instructors/photos/lin-jiaoshou.png', 'courses/.draft/x.md', 'courses/.x.md', 'notes/x.md']) {
      expect(entryKeyOfPath(other)).toBeUndefined();
    }
  });
});

describe('without git history', () => {
  let copy: string;
  beforeAll(() => {
    copy = path.join(mkdtempSync(path.join(tmpdir(), 'siku-changes-copy-')), 'content');
    cpSync(content, copy, { recursive: true });
    expect(existsSync(path.join(copy, '.git'))).toBe(false);
  });

  it('falls back to reviewed and admitted dates, and prints one notice', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history: GitHistory = gitHistory(copy);
    for (let i = 0; i < 5; i++) gitHistory(copy);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toBe('[siku] 内容目录不在 git 仓库中，“最近更新”和“更新于”按 reviewed/admitted 日期显示。');

    const catalog = await loadCatalog(copy);
    const log = buildChangeLog(catalog, history);
    expect(log).toMatchObject({ source: 'dates', reason: 'not-repo' });
    expect(shape(log)).toEqual([
      [
        '2026-10',
        [
          ['courses/wangge-zhili', 'reviewed', '2026-10-10'],
          ['programs/zhizao-ban', 'reviewed', '2026-10-01'],
        ],
      ],
      [
        '2026-09',
        [
          ['sites/dengta-gongchang', 'reviewed', '2026-09-10'],
          ['courses/zhizao-zhuanxing', 'reviewed', '2026-09-01'],
        ],
      ],
      [
        '2026-08',
        [
          ['courses/cungai-xianchang', 'reviewed', '2026-08-15'],
          ['sites/cungai-yuanqu', 'reviewed', '2026-08-01'],
        ],
      ],
      ['2026-07', [['cases/dengta-anli', 'reviewed', '2026-07-01']]],
      ['2026-06', [['instructors/lin-jiaoshou', 'reviewed', '2026-06-01']]],
      ['2026-05', [['instructors/he-juzhang', 'reviewed', '2026-05-10']]],
      ['2026-03', [['cases/cungai-anli', 'reviewed', '2026-03-01']]],
      ['2026-02', [['sites/hongse-jidi', 'reviewed', '2026-02-01']]],
      ['2025-02', [['courses/dangxing-jiaoyu', 'reviewed', '2025-02-01']]],
      ['2025-01', [['instructors/xu-tuixiu', 'reviewed', '2025-01-15']]],
      ['2024-05', [['sites/dengta-gongchang', 'admitted', '2024-05-01']]],
    ]);
    expect(lastUpdated(catalog.get('courses', 'wangge-zhili')!, history)).toEqual({ date: '2026-10-10', source: 'reviewed' });
  });
});

describe('real build of the repository content', () => {
  const SITE = 'https://siku.example.org/';
  let dist: string;
  let output: string;

  beforeAll(() => {
    const result = runBuild(content, { env: { SIKU_SITE_URL: SITE } });
    output = result.stdout + result.stderr;
    if (result.status !== 0) throw new Error(`构建失败：\n${output}`);
    dist = result.outDir;
  });

  it('reads the history once for the whole build', () => {
    expect(output.match(/最近更新：从 git 历史读取了/g)).toHaveLength(1);
    expect(output).not.toContain('按 reviewed/admitted 日期显示');
  });

  it('lists the months and entries on /changes/, and links the feed', () => {
    const html = readBuilt(dist, 'changes/index.html');
    expect(html).toContain('data-changes-source="git"');
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="四库 · 最近更新" href="\/changes.xml"/);
    const months = [...html.matchAll(/<h2 id="m-(\d{4}-\d{2})"[^>]*>([^<]*)<\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(months).toEqual([
      ['2026-05', '2026年5月（1）'],
      ['2026-04', '2026年4月（3）'],
      ['2026-03', '2026年3月（4）'],
      ['2026-02', '2026年2月（1）'],
      ['2026-01', '2026年1月（12）'],
    ]);
    const march = html.slice(html.indexOf('id="m-2026-03"'), html.indexOf('id="m-2026-02"'));
    expect([...march.matchAll(/data-change="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'sites/dengta-gongchang',
      'cases/dengta-anli',
      'courses/dangxing-jiaoyu',
      'instructors/xu-tuixiu',
    ]);
    expect(march).toMatch(/data-change="courses\/dangxing-jiaoyu"[\s\S]*?>停用<[\s\S]*?href="\/courses\/dangxing-jiaoyu\/"/);
    expect(march).toMatch(/data-change="sites\/dengta-gongchang"[\s\S]*?>纳入</);
    expect(march).toMatch(/data-change="instructors\/xu-tuixiu"[\s\S]*?>退出</);
  });

  it('publishes the feed as XML with absolute links', () => {
    const xml = readBuilt(dist, 'changes.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const items: { title: string; link: string; guid: { '#text': string }; pubDate: string }[] = feed.rss.channel.item;
    expect(items).toHaveLength(21);
    expect(items[0]).toMatchObject({ title: '退出：江门革命历史纪念馆（现场教学库）', link: `${SITE}sites/hongse-jidi/` });
    expect(new Date(items[0].pubDate).toISOString()).toBe('2026-05-08T02:00:00.000Z');
    expect(items.map((i) => i.link).every((l) => l.startsWith(SITE))).toBe(true);
    expect(new Set(items.map((i) => i.guid['#text'])).size).toBe(21);
    expect(items.map((i) => i.title)).toContain('停用：黨性修養與作風建設（课程库）');
  });

  it('shows 更新于 on entry pages', () => {
    expect(readBuilt(dist, 'courses/wangge-zhili/index.html')).toContain('更新于 <time datetime="2026-04-15">2026-04-15</time>');
    expect(readBuilt(dist, 'sites/hongse-jidi/index.html')).toContain('更新于 <time datetime="2026-05-08">2026-05-08</time>');
  });

  it('never shows the 内部 case or the publish: false instructor', () => {
    for (const file of ['changes/index.html', 'changes.xml']) {
      const text = readBuilt(dist, file);
      for (const needle of ['neibu-fupan', '某园区整改问题内部复盘', 'yin-gongjiang', '殷师傅'])
        expect(text.includes(needle), `${needle} in ${file}`).toBe(false);
    }
  });
});

describe('real build without git history', () => {
  it('prints one notice, and the page says it used reviewed/admitted dates', () => {
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'siku-changes-build-nogit-')), 'content');
    cpSync(content, copy, { recursive: true });
    const result = runBuild(copy);
    const output = result.stdout + result.stderr;
    if (result.status !== 0) throw new Error(`构建失败：\n${output}`);
    expect(output.match(/按 reviewed\/admitted 日期显示/g)).toHaveLength(1);
    expect(output).toContain('[siku] 内容目录不在 git 仓库中，“最近更新”和“更新于”按 reviewed/admitted 日期显示。');
    const html = readBuilt(result.outDir, 'changes/index.html');
    expect(html).toContain('data-changes-source="dates"');
    expect(html).toContain('复核日期（reviewed）');
    expect(html).toMatch(/<h2 id="m-2026-10"[^>]*>2026年10月（2）<\/h2>/);
    expect(readBuilt(result.outDir, 'courses/wangge-zhili/index.html')).toContain('更新于 <time datetime="2026-10-10">2026-10-10</time>');
    const feed = readBuilt(result.outDir, 'changes.xml');
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(feed).not.toContain('neibu-fupan');
  });
});
