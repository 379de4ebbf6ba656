/**
 * Builds the Pagefind index of a built site with Pagefind's Node API. Plain module:
 * the Astro integration (src/integrations/search-index.ts) calls it after the build,
 * and tests call it directly.
 *
 * Only pages with a `data-pagefind-body` element (entry pages) are indexed, as
 * `indexableHtml` prepares them (./shadow.ts). Any error Pagefind reports is fatal, and the Pagefind
 * service is always closed. A catalog above the shard size is indexed in several indexes,
 * one Pagefind process after another (./shards.ts). If the Pagefind process dies (out of memory on a huge catalog),
 * the build fails at once with the reason (./pagefind-service.ts) instead of waiting out
 * the timeout.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { CharMap } from '../../shared/search/fold.ts';
import { fullCharMap } from './fold-map.ts';
import { spawnedBy, watchService, type ServiceWatch } from './pagefind-service.ts';
import { indexableHtml, leanIndexableHtml } from '../../shared/search/shadow.ts';
import { mergeIndexes, mergedChunkSize } from './merge-index.ts';
import { indexInWorkers, SHARD_WORKERS } from './shard-pool.ts';
import { planShards, shardPages } from './shards.ts';
import { readPrepared, takePrepared, type PreparedPages } from './prepare-ahead.ts';
import { makeScratch } from './scratch.ts';

/** One index for the whole site: content may be simplified or traditional, never mixed up. */
export const INDEX_LANGUAGE = 'zh-cn';

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
}

/** The indexed pages (relative paths) and where the Pagefind bundle went. */
export interface IndexResult {
  pages: string[];
  outputPath: string;
  /** Whether the index is lean (see `IndexOptions.lean`). */
  lean: boolean;
}

/**
 * Index chunk size, in word positions (Pagefind's default is 20000). Chinese text
 * yields many short words, and a query split into character pairs touches several
 * chunks: with default chunks (~33 KB each here) a follow-up search blows its 20 KB
 * budget, with 1000 they weigh ~2 KB. Small chunks are safe only because every page
 * also lists its characters as words (see `characterWords` in ./shadow.ts); the recall
 * on the sample catalog is the same at 20000, 4000 and 1000. Pagefind reads the value
 * from the indexing service's environment (an unstable knob: without it search still
 * works, with bigger downloads); an explicit environment value wins.
 */
export const INDEX_CHUNK_SIZE = '1000';
const CHUNK_SIZE_ENV = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

/** Pagefind bundles we never load (we ship our own UI and search on the main thread). */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight|worker)\.(?:js|css)$/;

/** Any failure to build the search index; the message is for the user (Chinese). */
export class SearchIndexError extends Error {
  constructor(message: string) {
    super(message);
    // Astro prints an integration's error with its stack; our frames would only bury the reason.
    this.stack = message;
  }
}

/** Throws when Pagefind reported errors: any error fails the build. */
export function check(step: string, errors: string[] | undefined): void {
  if (errors && errors.length > 0) throw new SearchIndexError(`Pagefind ${step} 出错：\n  ${errors.join('\n  ')}`);
}

/**
 * If the Pagefind binary crashes, its Node wrapper never answers. The service watch
 * catches the process dying; the deadline is the backstop for a live but stuck process
 * (or a service we could not watch).
 */
async function within<T>(ms: number, step: string, work: Promise<T>, watch?: ServiceWatch): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new SearchIndexError(`Pagefind ${step} 超过 ${Math.round(ms / 1000)} 秒没有响应（索引进程可能卡住或已崩溃，见上方输出）`)),
      ms,
    );
  });
  try {
    return await Promise.race(watch ? [work, deadline, watch.exited] : [work, deadline]);
  } catch (error) {
    // Our own errors (the deadline, the exit) are already as clear as they get.
    if (!watch || error instanceof SearchIndexError) throw error;
    throw await watch.explain(error);
  } finally {
    clearTimeout(timer);
  }
}

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
  let doing = `${label}创建索引`;
  const { result: creating, service } = spawnedBy(() => pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE }));
  const watch =
    service &&
    watchService(
      service,
      () => doing,
      (message) => new SearchIndexError(message),
    );
  // Two folders in turn: the next batch is prepared while Pagefind reads this one.
  const scratch = makeScratch();
  const folders = [path.join(scratch, 'a'), path.join(scratch, 'b')];
  try {
    const created = await within(timeout, '创建索引', creating, watch);
    check('创建索引', created.errors);
    const index = created.index;
    if (!index) throw new SearchIndexError('Pagefind 没有返回索引');
    const batches = Array.from({ length: Math.ceil(pages.length / BATCH_PAGES) }, (_, n) =>
      pages.slice(n * BATCH_PAGES, (n + 1) * BATCH_PAGES),
    );
    const html = (text: string) => prepare(text, map);
    if (batches.length) writeBatch(dir, batches[0], folders[0], html, ahead);
    for (const [n, batch] of batches.entries()) {
      const first = n * BATCH_PAGES + 1;
      doing = `${label}索引第 ${first}–${first + batch.length - 1}/${pages.length} 个页面（${batch[0]} 起）`;
      const adding = within(timeout, `索引 ${batch[0]} 起的 ${batch.length} 个页面`, index.addDirectory({ path: folders[n % 2] }), watch);
      adding.catch(() => {});
      // Let the request go out before this process is busy writing the next batch.
      await new Promise(setImmediate);
      if (n + 1 < batches.length) writeBatch(dir, batches[n + 1], folders[(n + 1) % 2], html, ahead);
      const added = await adding;
      check(`索引 ${batch[0]} 起的 ${batch.length} 个页面`, added.errors);
      if (added.page_count !== batch.length)
        throw new SearchIndexError(`Pagefind 只索引了 ${batch[0]} 起的 ${batch.length} 个页面中的 ${added.page_count} 个`);
    }
    doing = `${label}把 ${pages.length} 个页面的索引写入 ${outputPath}`;
    const written = await within(timeout, '写入索引', index.writeFiles({ outputPath }), watch);
    check('写入索引', written.errors);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    // Closing kills the service on purpose: not a crash.
    watch?.stop();
    await within(timeout, '关闭', pagefind.close()).catch(() => {});
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
  process.env[CHUNK_SIZE_ENV] ??= INDEX_CHUNK_SIZE;
  const workers = options.workers ?? SHARD_WORKERS;
  const plan = planShards(pages, options.shardPages ?? shardPages(), lean ? workers : 1);
  const labels = plan.map((_, n) => (plan.length > 1 ? `分片 ${n + 1}/${plan.length}：` : ''));
  // Shards after the first are written beside the index, merged into it and deleted.
  const staging = `${outputPath}.shards-${process.pid}`;
  const folders = plan.map((_, n) => (n === 0 ? outputPath : path.join(staging, String(n))));
  // Pagefind writes into the folder without clearing it: an earlier index's files would stay.
  if (existsSync(outputPath)) rmSync(outputPath, { recursive: true, force: true });
  if (plan.length > 1) rmSync(staging, { recursive: true, force: true });
  try {
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
    if (plan.length > 1) {
      const merging = performance.now();
      await mergeIndexes(outputPath, folders.slice(1), mergedChunkSize(pages.length));
      log(`合并索引分片：${plan.length} 个分片合并为一个索引（${((performance.now() - merging) / 1000).toFixed(1)} 秒）`);
    }
  } finally {
    if (plan.length > 1) rmSync(staging, { recursive: true, force: true });
  }
  for (const name of readdirSync(outputPath)) if (UNUSED.test(name)) rmSync(path.join(outputPath, name));
  const shown = options.servedFrom ?? outputPath;
  const where = path.relative(dir, shown) || shown;
  const split = plan.length > 1 ? `，${plan.length} 个分片` : '';
  log(`搜索索引：${pages.length} 个条目页 → ${where}/${split}（${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
  return { pages, outputPath, lean };
}
