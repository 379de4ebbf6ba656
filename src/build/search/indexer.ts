/**
 * Builds the Pagefind index of a built site with Pagefind's Node API. Plain module:
 * the Astro integration (src/integrations/search-index.ts) calls it after the build,
 * and tests call it directly.
 *
 * Only pages with a `data-pagefind-body` element (entry pages) are indexed, as
 * `indexableHtml` prepares them (src/shared/search/shadow.ts). Any error Pagefind reports
 * is fatal, and the Pagefind service is always closed (./pagefind-session.ts). A big
 * catalog is indexed in shards, two at a time in worker processes, and merged into one
 * (./shards.ts); `npm run build` may have started them while Astro rendered
 * (./index-ahead.ts), and this finishes them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CharMap } from '../../shared/search/fold.ts';
import { fullCharMap } from './fold-map.ts';
import { PagefindSession } from './pagefind-session.ts';
import { indexableHtml, leanIndexableHtml } from '../../shared/search/shadow.ts';
import { mergeIndexes, mergedChunkSize } from './merge-index.ts';
import { indexInWorkers, SHARD_WORKERS } from './shard-pool.ts';
import { planShards, shardPages } from './shards.ts';
import { readPrepared, takePrepared, type PreparedPages } from './prepare-ahead.ts';
import { makeScratch } from './scratch.ts';
import type { IndexAhead } from './index-ahead.ts';

export { check, SearchIndexError } from './search-error.ts';

/** What to index and where to put it. */
export interface IndexOptions {
  /** The built site. */
  dir: string;
  /** Where the bundle goes; default `<dir>/pagefind`. */
  outputPath?: string;
  /** Where the site serves the index from, when it is built elsewhere and moved there (for the log). */
  servedFrom?: string;
  /** t→s map for the shadow copies; default: the full OpenCC map. */
  map?: CharMap;
  log?: (message: string) => void;
  /** Longest wait for one Pagefind call, in ms (default 5 minutes). */
  timeout?: number;
  /** Most pages in one index; default `SIKU_SEARCH_SHARD_PAGES` or `SHARD_PAGES` (./shards.ts). */
  shardPages?: number;
  /** Shards indexed at once in worker processes; default `SHARD_WORKERS` (./shard-pool.ts). */
  workers?: number;
  /** The entry pages (relative paths); default: `indexablePages(dir)`. */
  pages?: string[];
  /**
   * Index only what the search files' queries match (`leanIndexableHtml` in
   * src/shared/search/shadow.ts): for a catalog that gets no result bundle. Only such an
   * index is split for speed (./shards.ts); default false.
   */
  lean?: boolean;
  /** A manifest of lean pages prepared while Astro rendered (./prepare-ahead.ts), used where still current. */
  prepared?: string;
  /**
   * The lean index already being read while Astro rendered (./index-ahead.ts): it is
   * finished and merged, or, if it cannot be used, stopped and the index built as usual.
   */
  ahead?: IndexAhead;
}

/** The indexed pages (relative paths) and where the Pagefind bundle went. */
export interface IndexResult {
  pages: string[];
  outputPath: string;
  /** Whether the index is lean (see `IndexOptions.lean`). */
  lean: boolean;
}

/** Pagefind bundles we never load (we ship our own UI and search on the main thread). */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight|worker)\.(?:js|css)$/;

function htmlFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) return r === 'pagefind' ? [] : htmlFiles(dir, r);
    return d.name.endsWith('.html') ? [r] : [];
  });
}

/** `cases/x/index.html` → `/cases/x/` (the site uses directory URLs). */
export function urlOf(rel: string): string {
  return `/${rel.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '/')}`;
}

/** The entry pages of a built site: HTML files with a `data-pagefind-body` element. */
export function indexablePages(dir: string): string[] {
  // The bytes are searched as they are: decoding every page first took twice as long.
  return htmlFiles(dir)
    .filter((rel) => readFileSync(path.join(dir, rel)).includes('data-pagefind-body'))
    .sort();
}

/**
 * Pages prepared, written to a scratch folder and handed to Pagefind's `addDirectory` at
 * a time. Pagefind reads a folder of files far faster than pages sent one by one through
 * its Node API (10,000 lean pages: 4.3 s instead of 14.1 s), and a batch bounds the
 * scratch space and still names the pages Pagefind was on if it dies.
 */
const BATCH_PAGES = 500;

/** Writes `pages` (prepared) under `folder`, at their paths in the site: prepared ahead if they were (./prepare-ahead.ts). */
function writeBatch(dir: string, pages: string[], folder: string, prepare: (html: string) => string, ahead?: PreparedPages): void {
  rmSync(folder, { recursive: true, force: true });
  for (const rel of pages) {
    const file = path.join(folder, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    if (!takePrepared(ahead, dir, rel, file)) writeFileSync(file, prepare(readFileSync(path.join(dir, rel), 'utf8')));
  }
}

/**
 * One Pagefind index of `pages`, written to `outputPath`: a service of its own, closed
 * (and its memory freed) before this returns, failing or not.
 */
export async function indexShard(
  dir: string,
  pages: string[],
  outputPath: string,
  map: CharMap,
  timeout: number,
  label: string,
  lean = false,
  prepared?: string,
): Promise<void> {
  const prepare = lean ? leanIndexableHtml : indexableHtml;
  // Pages prepared ahead are lean ones.
  const ahead = lean && prepared ? readPrepared(prepared) : undefined;
  const session = await PagefindSession.open(label, timeout);
  // Two folders in turn: the next batch is prepared while Pagefind reads this one.
  const scratch = makeScratch();
  const folders = [path.join(scratch, 'a'), path.join(scratch, 'b')];
  try {
    const batches = Array.from({ length: Math.ceil(pages.length / BATCH_PAGES) }, (_, n) =>
      pages.slice(n * BATCH_PAGES, (n + 1) * BATCH_PAGES),
    );
    const html = (text: string) => prepare(text, map);
    if (batches.length) writeBatch(dir, batches[0], folders[0], html, ahead);
    for (const [n, batch] of batches.entries()) {
      const first = n * BATCH_PAGES + 1;
      const doing = `索引第 ${first}–${first + batch.length - 1}/${pages.length} 个页面（${batch[0]} 起）`;
      const adding = session.addFolder(folders[n % 2], batch.length, batch[0], doing);
      adding.catch(() => {});
      // Let the request go out before this process is busy writing the next batch.
      await new Promise(setImmediate);
      if (n + 1 < batches.length) writeBatch(dir, batches[n + 1], folders[(n + 1) % 2], html, ahead);
      await adding;
    }
    await session.write(outputPath, pages.length);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await session.close();
  }
}

/**
 * Indexes the entry pages of the built site in `options.dir`. A lean index of more than
 * `PARALLEL_PAGES` pages is indexed in shards, two at a time in worker processes, and
 * merged into one (see ./shards.ts); throws `SearchIndexError` on any failure.
 */
export async function buildSearchIndex(options: IndexOptions): Promise<IndexResult> {
  const { dir, log = () => {}, timeout = 300_000, lean = false } = options;
  const outputPath = options.outputPath ?? path.join(dir, 'pagefind');
  const map = options.map ?? fullCharMap();
  const started = performance.now();
  const pages = options.pages ?? indexablePages(dir);
  const workers = options.workers ?? SHARD_WORKERS;
  let plan = options.ahead ? options.ahead.split(pages) : planShards(pages, options.shardPages ?? shardPages(), lean ? workers : 1);
  // Shards after the first are written beside the index, merged into it and deleted.
  const staging = `${outputPath}.shards-${process.pid}`;
  const folderOf = (n: number) => (n === 0 ? outputPath : path.join(staging, String(n)));
  // Pagefind writes into the folder without clearing it: an earlier index's files would stay.
  const clear = (folder: string) => existsSync(folder) && rmSync(folder, { recursive: true, force: true });
  clear(outputPath);
  clear(staging);
  let early: { early: number; written: number } | undefined;
  try {
    const read =
      options.ahead &&
      (await options.ahead.finish(
        pages,
        plan.map((_, n) => folderOf(n)),
      ));
    if (read && 'early' in read) early = read;
    else {
      if (read) {
        log(`Astro 渲染时读入的索引不能用（${read.stale}），重新建索引`);
        plan = planShards(pages, options.shardPages ?? shardPages(), lean ? workers : 1);
        clear(outputPath);
        clear(staging);
      }
      await indexPlan(
        plan,
        plan.map((_, n) => folderOf(n)),
      );
    }
    if (plan.length > 1) {
      const merging = performance.now();
      await mergeIndexes(
        outputPath,
        plan.slice(1).map((_, n) => folderOf(n + 1)),
        mergedChunkSize(pages.length),
      );
      log(`合并索引分片：${plan.length} 个分片合并为一个索引（${((performance.now() - merging) / 1000).toFixed(1)} 秒）`);
    }
  } finally {
    clear(staging);
  }
  for (const name of readdirSync(outputPath)) if (UNUSED.test(name)) rmSync(path.join(outputPath, name));
  const shown = options.servedFrom ?? outputPath;
  const where = path.relative(dir, shown) || shown;
  const split = plan.length > 1 ? `，${plan.length} 个分片` : '';
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const overlap = !early?.early
    ? ''
    : `；此前 Astro 渲染时已读入其中 ${early.early} 个${early.written ? `，写好了 ${early.written} 个分片` : ''}`;
  log(`搜索索引：${pages.length} 个条目页 → ${where}/${split}（${seconds} 秒${overlap}）`);
  return { pages, outputPath, lean };

  /** Indexes each part of `plan` into its folder: in worker processes when it is split, else here. */
  async function indexPlan(plan: string[][], folders: string[]): Promise<void> {
    const labels = plan.map((_, n) => (plan.length > 1 ? `分片 ${n + 1}/${plan.length}：` : ''));
    if (plan.length > 1 && !options.map && workers > 1) {
      const jobs = plan.map((part, n) => ({
        dir,
        pages: part,
        outputPath: folders[n],
        timeout,
        label: labels[n],
        lean,
        prepared: options.prepared,
      }));
      await indexInWorkers(jobs, workers);
    } else {
      // One index, or a map passed in (tests), which cannot travel to a worker: here, one by one.
      for (const [n, part] of plan.entries()) await indexShard(dir, part, folders[n], map, timeout, labels[n], lean, options.prepared);
    }
  }
}
