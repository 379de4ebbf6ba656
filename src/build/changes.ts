/**
 * The change log of /changes/ and /changes.xml, and the "更新于" date of entry pages:
 * pure logic over the published catalog and the content's git history
 * (./git-history.ts). Without history, it falls back to `reviewed` (every entry) and
 * `admitted` (sites) dates, and says so.
 *
 * Only what has a public page is listed: 内部 cases and `publish: false` instructors
 * never appear (the catalog does not list them), deleted files neither; nothing from
 * commits is shown but their dates.
 */
import type { Catalog, CatalogEntry } from '../shared/catalog.ts';
import { displayName } from '../shared/catalog.ts';
import { statusKind, type ChangeKind as GitChangeKind, type FileHistory, type GitHistory, type NoHistoryReason } from './git-history.ts';
import type { Collection } from '../schemas/index.ts';
import { pageGroups } from '../shared/paging.ts';

export type ChangeKind = GitChangeKind | 'reviewed';

/** What happened to one entry in one month. */
export interface ChangeItem {
  entry: CatalogEntry;
  /** `<collection>/<id>`. */
  key: string;
  /** What happened, in display order; `updated` only when nothing else did. */
  kinds: ChangeKind[];
  /** The latest change of that month: day and ISO time (Beijing). */
  date: string;
  time: string;
}

export interface ChangeMonth {
  /** `YYYY-MM`. */
  month: string;
  items: ChangeItem[];
}

export interface ChangeLog {
  /** `git`: commit dates; `dates`: `reviewed` / `admitted` (no usable history). */
  source: 'git' | 'dates';
  reason?: NoHistoryReason;
  /** Newest month first; within a month, newest first. */
  months: ChangeMonth[];
  /** Items before `limit`. */
  total: number;
  /** Items in `months`. */
  shown: number;
}

/** The collections whose entries have pages (and so may be listed). */
const COLLECTIONS: Collection[] = ['courses', 'cases', 'sites', 'instructors', 'programs'];
const ORDER: ChangeKind[] = ['added', 'admitted', 'paused', 'retired', 'updated', 'reviewed'];
const collator = new Intl.Collator('zh-CN');

/** `courses/sub/x.md` → `courses/x` (the id is the file name stem); other files → undefined. */
export function entryKeyOfPath(file: string): string | undefined {
  const m = /^(courses|cases|sites|instructors|programs)\/(?:[^/.][^/]*\/)*([^/.][^/]*)\.mdx?$/.exec(file);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

const fileIndex = new WeakMap<GitHistory, Map<string, FileHistory>>();

/** The history's files by entry key, built once per history object. */
function byEntry(history: Extract<GitHistory, { source: 'git' }>): Map<string, FileHistory> {
  let index = fileIndex.get(history);
  if (!index) {
    index = new Map();
    for (const file of history.files.values()) {
      const key = entryKeyOfPath(file.path);
      if (key) index.set(key, file);
    }
    fileIndex.set(history, index);
  }
  return index;
}

function publicEntries(catalog: Catalog): Map<string, CatalogEntry> {
  const out = new Map<string, CatalogEntry>();
  for (const collection of COLLECTIONS) for (const e of catalog.listed(collection)) out.set(`${collection}/${e.id}`, e);
  return out;
}

/** The date an entry's page shows as 更新于: its file's last commit, else `reviewed`. */
export function lastUpdated(entry: CatalogEntry, history: GitHistory): { date: string; source: 'git' | 'reviewed' } {
  if (history.source === 'git') {
    const file = byEntry(history).get(`${entry.collection}/${entry.id}`);
    if (file?.changes.length) return { date: file.changes[0].date, source: 'git' };
  }
  return { date: String(entry.data.reviewed), source: 'reviewed' };
}

const itemsCache = new WeakMap<Catalog, WeakMap<GitHistory, Array<ChangeItem & { month: string }>>>();

/**
 * Every item, sorted, once per catalog and history: /changes/, its later pages and the
 * feed each build a log, and the sort compares names by collator over every entry.
 */
function sortedItems(catalog: Catalog, history: GitHistory): Array<ChangeItem & { month: string }> {
  let byHistory = itemsCache.get(catalog);
  if (!byHistory) {
    byHistory = new WeakMap();
    itemsCache.set(catalog, byHistory);
  }
  const cached = byHistory.get(history);
  if (cached) return cached;
  const entries = publicEntries(catalog);
  const buckets = new Map<string, { entry: CatalogEntry; key: string; kinds: Set<ChangeKind>; time: string }>();
  const add = (month: string, key: string, entry: CatalogEntry, kind: ChangeKind, time: string) => {
    const id = `${month}\0${key}`;
    const bucket = buckets.get(id) ?? { entry, key, kinds: new Set<ChangeKind>(), time };
    bucket.kinds.add(kind);
    if (time > bucket.time) bucket.time = time;
    buckets.set(id, bucket);
  };

  if (history.source === 'git') {
    for (const [key, file] of byEntry(history)) {
      const entry = entries.get(key);
      if (!entry) continue;
      for (const c of file.changes) {
        add(c.date.slice(0, 7), key, entry, c.kind, c.time);
        // Created already 已纳入 (or 停用, 退出, 暂停): both are news.
        const created = c.kind === 'added' ? statusKind(entry.collection, c.status) : undefined;
        if (created) add(c.date.slice(0, 7), key, entry, created, c.time);
      }
    }
  } else {
    for (const [key, entry] of entries) {
      const day = (d: string) => `${d}T00:00:00+08:00`;
      if (typeof entry.data.reviewed === 'string') add(entry.data.reviewed.slice(0, 7), key, entry, 'reviewed', day(entry.data.reviewed));
      if (entry.collection === 'sites' && typeof entry.data.admitted === 'string')
        add(entry.data.admitted.slice(0, 7), key, entry, 'admitted', day(entry.data.admitted));
    }
  }

  const items = [...buckets.entries()]
    .map(([id, b]): ChangeItem & { month: string } => {
      let kinds = ORDER.filter((k) => b.kinds.has(k));
      if (kinds.length > 1) kinds = kinds.filter((k) => k !== 'updated');
      return { month: id.split('\0')[0], entry: b.entry, key: b.key, kinds, date: b.time.slice(0, 10), time: b.time };
    })
    .sort(
      (a, b) =>
        b.month.localeCompare(a.month) ||
        b.time.localeCompare(a.time) ||
        collator.compare(displayName(a.entry), displayName(b.entry)) ||
        a.key.localeCompare(b.key),
    );
  byHistory.set(history, items);
  return items;
}

/**
 * The change log, newest first, grouped by month; one item per entry and month.
 * `limit` caps the number of items (the oldest are left out; `total` tells how many
 * there were).
 */
export function buildChangeLog(catalog: Catalog, history: GitHistory, { limit = Infinity }: { limit?: number } = {}): ChangeLog {
  const items = sortedItems(catalog, history);
  const kept = items.slice(0, limit);
  const months: ChangeMonth[] = [];
  for (const { month, ...item } of kept) {
    if (months.at(-1)?.month !== month) months.push({ month, items: [] });
    months.at(-1)!.items.push(item);
  }
  return {
    source: history.source === 'git' ? 'git' : 'dates',
    ...(history.source === 'none' ? { reason: history.reason } : {}),
    months,
    total: items.length,
    shown: kept.length,
  };
}

/** The word for a change, as on the page and in the feed. */
export function kindLabel(kind: ChangeKind, entry: CatalogEntry): string {
  switch (kind) {
    case 'added':
      return '新增';
    case 'updated':
      return '更新';
    case 'retired':
      return entry.collection === 'courses' ? '停用' : '退出';
    case 'admitted':
      return '纳入';
    case 'paused':
      return '暂停';
    case 'reviewed':
      return '复核';
  }
}

/** `2026-03` → `2026年3月`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** Items on /changes/ and its later pages (newest first; older ones are left out, and the pages say so). */
export const PAGE_LIMIT = 500;
/**
 * Items per page: the newest on /changes/, older ones on /changes/page/<n>/. A line is
 * about 400 bytes of HTML, so a page stays near 50 KB.
 */
export const CHANGES_PAGE_SIZE = 100;

/** One month on one page of /changes/. */
export interface ChangePageMonth extends ChangeMonth {
  /** The month's items on every page together. */
  count: number;
  /** The month began on an earlier page. */
  continued: boolean;
}

/** One page of /changes/. */
export interface ChangePage {
  page: number;
  pages: number;
  months: ChangePageMonth[];
}

/** The log's items cut into pages of `size`, months split where a page ends. Always at least one page. */
export function changePages(log: ChangeLog, size = CHANGES_PAGE_SIZE): ChangePage[] {
  const pages = pageGroups(log.months, (m) => m.items, size);
  return pages.map((slices, i) => ({
    page: i + 1,
    pages: pages.length,
    months: slices.map((s) => ({ month: s.group.month, items: s.items, count: s.group.items.length, continued: s.continued })),
  }));
}

/** Items in /changes.xml. */
export const FEED_LIMIT = 50;
