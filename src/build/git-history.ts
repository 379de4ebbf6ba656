/**
 * When each content file was added, changed and had its status changed, read from the
 * content root's git history. Plain Node module (no astro:), used by /changes/, the
 * change feed and the "更新于" line of entry pages; `gitHistory()` runs git once per
 * process and caches the result, so a build asks git once, not once per page.
 *
 * Four git processes in all, however many files:
 *  1. `git rev-parse` — is the root in a repository, and is the clone shallow?
 *  2. `git log --raw -M` over the content root — every commit and the files it touched
 *     (renames detected, so a `git mv` keeps the file's history);
 *  3. `git log -G'^status:'` — only the commits and files where a line starting with
 *     `status:` was added or removed (creations, status edits, rarely a body line);
 *  4. `git cat-file --batch` — those files' contents at those commits, whose front
 *     matter gives the exact status before and after.
 *
 * Rules:
 *  - History is the first-parent chain of HEAD (`--first-parent`): on the main branch a
 *    merged pull request counts once, dated when it was merged; the commits inside a
 *    merged branch are not listed one by one.
 *  - Dates are committer dates, as a day in Beijing time (UTC+8, like `today()`).
 *  - Added = the commit that created the file (or the file it was renamed from);
 *    updated = every later commit touching it; a status change = the commit after which
 *    the front matter's `status` differs from before.
 *  - Files deleted from the repository, and working-tree changes not yet committed, are
 *    not part of the history. Commit messages and authors are never read: they are not
 *    content, and could mention anything.
 */
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { contentRoot } from './paths.ts';

export type ChangeKind = 'added' | 'updated' | 'retired' | 'admitted' | 'paused';

export interface FileChange {
  /** Full commit id. */
  commit: string;
  /** Commit time, ISO 8601 in Beijing time, e.g. `2026-03-05T10:00:00+08:00`. */
  time: string;
  /** The day of `time`: `YYYY-MM-DD`. */
  date: string;
  kind: ChangeKind;
  /** The front matter's `status` after this commit, when it was set or changed here. */
  status?: string;
}

export interface FileHistory {
  /** Current path relative to the content root, forward slashes. */
  path: string;
  /** Newest first; the last one is the `added` change. */
  changes: FileChange[];
}

export type NoHistoryReason = 'no-git' | 'not-repo' | 'shallow' | 'untracked' | 'git-error';

export type GitHistory =
  | { source: 'git'; files: Map<string, FileHistory>; commits: number }
  | { source: 'none'; reason: NoHistoryReason; detail?: string };

export interface ReadOptions {
  /** The git executable (default `git` from PATH). */
  git?: string;
}

/** Status values that get a change of their own, by library; other status edits are updates. */
const STATUS_KINDS: Record<string, Record<string, ChangeKind>> = {
  courses: { 停用: 'retired' },
  sites: { 已纳入: 'admitted', 暂停: 'paused', 退出: 'retired' },
  instructors: { 暂停: 'paused', 退出: 'retired' },
};

/** The change a new status value stands for (`retired`, `admitted`, `paused`), if any. */
export function statusKind(library: string, status: string | undefined): ChangeKind | undefined {
  return status === undefined ? undefined : STATUS_KINDS[library]?.[status];
}

interface GitRun {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
  missing?: boolean;
}

/**
 * The environment for git: never prompt or page, and without the variables a git hook
 * exports (GIT_DIR and friends), which would point git at another repository than the
 * one holding the content root.
 */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|PREFIX)$/.test(key))
      env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_NO_REPLACE_OBJECTS: '1', LC_ALL: 'C' };
}

function runGit(git: string, root: string, args: string[], input?: string): GitRun {
  const result = spawnSync(
    git,
    ['-C', root, '-c', 'core.quotePath=false', '-c', 'log.showSignature=false', '-c', 'log.showRoot=true', ...args],
    {
      input,
      maxBuffer: 1024 * 1024 * 1024,
      env: gitEnv(),
    },
  );
  if (result.error) {
    return {
      ok: false,
      stdout: Buffer.alloc(0),
      stderr: result.error.message,
      missing: (result.error as NodeJS.ErrnoException).code === 'ENOENT',
    };
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** Unix seconds → `YYYY-MM-DDTHH:MM:SS+08:00`. */
export function beijingTime(seconds: number): string {
  return `${new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 19)}+08:00`;
}

interface RawCommit {
  commit: string;
  seconds: number;
  /** `[status letter, blob after, path, renamed-to path?]` per touched file. */
  files: { status: string; blob: string; path: string; to?: string }[];
}

/**
 * Parses `git log -z --raw --no-abbrev --format=%x1e%H %ct`: per commit a record
 * separator, `<id> <seconds>`, NUL, newline, then `:<modes> <old> <new> <X>` NUL
 * `<path>` NUL (renames and copies: a second path NUL).
 */
export function parseRawLog(text: string): RawCommit[] {
  const commits: RawCommit[] = [];
  for (const record of text.split('\x1e')) {
    if (!record.trim()) continue;
    const fields = record.split('\0');
    const [commit, seconds] = fields[0].trim().split(' ');
    const files: RawCommit['files'] = [];
    for (let i = 1; i < fields.length; i++) {
      const meta = fields[i].replace(/^\n/, '');
      if (!meta.startsWith(':')) continue;
      const [, , , blob, status] = meta.slice(1).split(' ');
      const letter = status[0];
      if (letter === 'R' || letter === 'C') {
        files.push({ status: letter, blob, path: fields[i + 1], to: fields[i + 2] });
        i += 2;
      } else {
        files.push({ status: letter, blob, path: fields[i + 1] });
        i += 1;
      }
    }
    commits.push({ commit, seconds: Number(seconds), files });
  }
  return commits;
}

/** The `status` of a Markdown file's front matter, or undefined when there is none readable. */
export function frontMatterStatus(text: string): string | undefined {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return undefined;
  try {
    const data = parse(match[1]) as unknown;
    const status = data && typeof data === 'object' ? (data as Record<string, unknown>).status : undefined;
    return typeof status === 'string' ? status.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Reads many blobs in one `git cat-file --batch`; returns their text by id. */
function readBlobs(git: string, root: string, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const run = runGit(git, root, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  if (!run.ok) return out;
  const buf = run.stdout;
  let at = 0;
  while (at < buf.length) {
    const eol = buf.indexOf(0x0a, at);
    if (eol < 0) break;
    const [id, type, size] = buf.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing' || size === undefined) {
      at = eol + 1;
      continue;
    }
    const length = Number(size);
    out.set(id, buf.subarray(eol + 1, eol + 1 + length).toString('utf8'));
    at = eol + 1 + length + 1;
  }
  return out;
}

const LOG_FORMAT = '--format=%x1e%H %ct';

/**
 * The history of every file under `root` (no cache; see `gitHistory`). Paths are
 * relative to `root`, whether `root` is the repository's top level or a folder in it.
 */
export function readGitHistory(root: string, { git = 'git' }: ReadOptions = {}): GitHistory {
  const probe = runGit(git, root, ['rev-parse', '--is-shallow-repository']);
  if (probe.missing) return { source: 'none', reason: 'no-git' };
  if (!probe.ok) {
    if (/not a git repository/i.test(probe.stderr)) return { source: 'none', reason: 'not-repo' };
    return { source: 'none', reason: 'git-error', detail: probe.stderr.trim().split('\n')[0] };
  }
  if (probe.stdout.toString('utf8').trim() === 'true') return { source: 'none', reason: 'shallow' };

  const common = [
    'log',
    '--no-color',
    '--first-parent',
    '--diff-merges=first-parent',
    '-M',
    '--relative',
    '--raw',
    '--no-abbrev',
    '-z',
    LOG_FORMAT,
  ];
  const log = runGit(git, root, [...common, '--', '.']);
  if (!log.ok) {
    // An unborn branch (a repository without commits) is "no history", not an error.
    if (/does not have any commits|bad default revision|unknown revision/i.test(log.stderr)) return { source: 'none', reason: 'untracked' };
    return { source: 'none', reason: 'git-error', detail: log.stderr.trim().split('\n')[0] };
  }
  const commits = parseRawLog(log.stdout.toString('utf8'));
  if (commits.length === 0) return { source: 'none', reason: 'untracked' };

  // Newest first: follow each path back through renames to the file it is now.
  // `alias` maps a path as it was at older commits to the current path (null: a file
  // that no longer exists, or an earlier life of a path that was deleted and re-added).
  const alias = new Map<string, string | null>();
  const resolve = (p: string) => (alias.has(p) ? alias.get(p)! : p);
  /** Current path → the commits touching it (newest first), with the path it had then. */
  const touches = new Map<string, { commit: string; seconds: number; then: string }[]>();
  for (const c of commits) {
    for (const f of c.files) {
      const then = f.to ?? f.path;
      const current = f.status === 'D' ? null : resolve(then);
      if (current !== null) {
        if (!touches.has(current)) touches.set(current, []);
        touches.get(current)!.push({ commit: c.commit, seconds: c.seconds, then });
      }
      if (f.status === 'R') {
        alias.set(f.path, current);
        alias.set(then, null);
      } else if (f.status === 'A' || f.status === 'D') {
        alias.set(then, null);
      }
    }
  }

  // Status: only commits where a `status:` line was added or removed, read in one batch.
  /** `<commit>\0<path then>` → the front matter's status after that commit. */
  const statusAt = new Map<string, string | undefined>();
  const libraries = Object.keys(STATUS_KINDS).filter((lib) => [...touches.keys()].some((p) => p.startsWith(`${lib}/`)));
  if (libraries.length) {
    const pickaxe = runGit(git, root, [...common, '-G^status:', '--', ...libraries]);
    if (pickaxe.ok) {
      const wanted: { key: string; blob: string }[] = [];
      for (const c of parseRawLog(pickaxe.stdout.toString('utf8'))) {
        for (const f of c.files) if (f.status !== 'D') wanted.push({ key: `${c.commit}\0${f.to ?? f.path}`, blob: f.blob });
      }
      const blobs = readBlobs(git, root, [...new Set(wanted.map((w) => w.blob))]);
      for (const w of wanted) statusAt.set(w.key, frontMatterStatus(blobs.get(w.blob) ?? ''));
    }
  }

  const files = new Map<string, FileHistory>();
  for (const [current, list] of touches) {
    const library = current.split('/')[0];
    let status: string | undefined;
    const changes = [...list].reverse().map((t, i): FileChange => {
      const time = beijingTime(t.seconds);
      const change: FileChange = { commit: t.commit, time, date: time.slice(0, 10), kind: i === 0 ? 'added' : 'updated' };
      const key = `${t.commit}\0${t.then}`;
      const next = statusAt.get(key);
      if (statusAt.has(key) && next !== undefined && next !== status) {
        change.status = next;
        const kind = statusKind(library, next);
        if (i > 0 && kind) change.kind = kind;
        status = next;
      }
      return change;
    });
    files.set(current, { path: current, changes: changes.reverse() });
  }
  return { source: 'git', files, commits: commits.length };
}

/** One line for the build log when there is no usable history. */
export function noHistoryNotice(history: Extract<GitHistory, { source: 'none' }>): string {
  const why: Record<NoHistoryReason, string> = {
    'no-git': '找不到 git 命令',
    'not-repo': '内容目录不在 git 仓库中',
    shallow: '内容目录没有完整的 git 历史（浅克隆）',
    untracked: '内容目录在 git 仓库中没有提交记录',
    'git-error': /dubious ownership/i.test(history.detail ?? '')
      ? 'git 拒绝读取内容仓库：仓库属于另一个用户（可用 git config --global --add safe.directory <仓库目录> 声明信任）'
      : `无法读取内容目录的 git 历史（${history.detail ?? 'git 出错'}）`,
  };
  return `[siku] ${why[history.reason]}，“最近更新”和“更新于”按 reviewed/admitted 日期显示。`;
}

const cache = new Map<string, GitHistory>();

/**
 * The content root's history, read once per process and cached. Prints one line to
 * the build log: how much history was read, or why there is none (then pages fall back
 * to `reviewed` / `admitted` dates).
 */
export function gitHistory(root: string = contentRoot(), options: ReadOptions = {}): GitHistory {
  let history = cache.get(root);
  if (!history) {
    history = readGitHistory(root, options);
    cache.set(root, history);
    if (history.source === 'none') console.warn(noHistoryNotice(history));
    else console.log(`[siku] 最近更新：从 git 历史读取了 ${history.files.size} 个文件、${history.commits} 次提交。`);
  }
  return history;
}

/** Forgets cached histories (tests). */
export function clearGitHistoryCache(): void {
  cache.clear();
}
