/**
 * Everything search needs after `astro build`, in order: the Pagefind index, then the
 * result bundle when the catalog is small enough or else the search files of a big one
 * (./search-files.ts), and the finished search page. Plain module:
 * the Astro integration (src/integrations/search-index.ts) calls it, and so do tests.
 */
import { buildSearchIndex, indexablePages, SearchIndexError, type IndexOptions } from './indexer.ts';
import { makeScratch } from './scratch.ts';
import { finishSearchPage, SEARCH_PAGE } from './finish-page.ts';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_LIMIT, mayFitBundle, removeResultBundle, writeResultBundle, type WrittenBundle } from './result-bundle.ts';
import { removeSearchFiles, writeSearchFiles, type WrittenFiles } from './search-files.ts';
import { writeEntryScript } from './pagefind-script.ts';
import { readEnv, type RawEnv } from '../env.ts';

/** Overrides `BUNDLE_LIMIT` (compressed bytes; 0 never writes a bundle). Declared in src/build/env.ts. */
export const BUNDLE_LIMIT_ENV = 'SIKU_SEARCH_BUNDLE_LIMIT';

/** The bundle limit in compressed bytes; throws an `EnvError` when `SIKU_SEARCH_BUNDLE_LIMIT` is malformed. */
export function bundleLimit(env: RawEnv = process.env): number {
  return readEnv(BUNDLE_LIMIT_ENV, env) ?? BUNDLE_LIMIT;
}

/** What one search build produced: the indexed pages and the result bundle (if any). */
export interface SearchBuild {
  pages: string[];
  /** No bundle when the catalog is too big for one (`bytes` 0 when not even tried). */
  bundle: WrittenBundle;
  /** A big catalog's search files, when there is no bundle. */
  files?: WrittenFiles;
  /** Pagefind's script with the entry inline (site path), when it could be written. */
  engine?: string;
}

/**
 * Room the index takes while it is built, per entry page: Pagefind writes a fragment for
 * every page, which the site never serves (10,000 entries: 40 MB of fragments, 4 MB of index).
 */
const BUILD_BYTES_PER_PAGE = 16 * 1024;

/** Moves a finished index folder to where the site serves it, replacing what was there. */
function moveInto(from: string, to: string): void {
  try {
    rmSync(to, { recursive: true, force: true });
    try {
      renameSync(from, to);
    } catch {
      // Another file system (RAM): copied, and the scratch folder goes with the rest.
      cpSync(from, to, { recursive: true });
    }
  } catch (error) {
    throw new SearchIndexError(`无法把搜索索引写入 ${to}：${error instanceof Error ? error.message : error}`);
  }
}

/**
 * Index, bundle, finish the page; `bundleLimit` defaults to the environment's (see
 * `bundleLimit`), `cardPackLimit` to `CARD_PACK_LIMIT` (./search-files.ts). A catalog too big for any bundle gets a lean index (./indexer.ts) and
 * no bundle is tried; a smaller one gets the full index and a bundle when it fits.
 *
 * The index is built in a scratch folder (in RAM when there is room, see ./scratch.ts)
 * and only what the site serves is moved into place: on a disk, writing the fragments
 * that are deleted again cost about a second for each 5,000 pages.
 */
export async function buildSearch(options: IndexOptions & { bundleLimit?: number; cardPackLimit?: number }): Promise<SearchBuild> {
  const { dir, log = () => {} } = options;
  const limit = options.bundleLimit ?? bundleLimit();
  const pages = options.pages ?? indexablePages(dir);
  const lean = options.lean ?? !mayFitBundle(pages.length, limit);
  const served = options.outputPath ?? path.join(dir, 'pagefind');
  // What was read ahead is a lean index: of no use to a catalog that turned out small.
  if (!lean) options.ahead?.stop();
  const ahead = lean ? options.ahead : undefined;
  const work = makeScratch(pages.length * BUILD_BYTES_PER_PAGE);
  try {
    const index = await buildSearchIndex({ ...options, ahead, pages, lean, outputPath: path.join(work, 'pagefind'), servedFrom: served });
    return finish(index);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  function finish(index: Awaited<ReturnType<typeof buildSearchIndex>>): SearchBuild {
    const bundle: WrittenBundle = lean ? { pages: pages.length, bytes: 0 } : writeResultBundle(dir, index.outputPath, limit);
    if (lean) removeResultBundle(dir);
    removeSearchFiles(dir);
    // Like the bundle, only for a site with a search page.
    const writing = performance.now();
    const files =
      bundle.url || !existsSync(path.join(dir, SEARCH_PAGE)) ? undefined : writeSearchFiles(dir, index.outputPath, options.cardPackLimit);
    const seconds = ((performance.now() - writing) / 1000).toFixed(1);
    const script = writeEntryScript(index.outputPath);
    moveInto(index.outputPath, served);
    const folder = path.relative(dir, served).split(path.sep).join('/');
    // An index outside the site (a test's) has no site path to load its script from.
    const engine = 'file' in script && !folder.startsWith('..') ? `/${folder}/${script.file}` : undefined;
    if ('kept' in script) log(`搜索页使用 Pagefind 原有的脚本（多一个请求）：${script.kept}`);
    finishSearchPage(dir, { bundle: bundle.url, files, engine, lean });
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    if (bundle.url) log(`搜索结果包：${bundle.pages} 个条目，${kb(bundle.bytes)} → ${bundle.url.slice(1)}`);
    else if (files) {
      const why = lean ? `${pages.length} 个条目页，放不进搜索结果包` : `搜索结果包 ${kb(bundle.bytes)} 超过上限`;
      log(
        `${why}：改用搜索文件，${files.pages} 个条目，分面 ${kb(files.bytes.facets)}，排序 ${kb(files.bytes.sorts)}，` +
          `结果卡片 ${kb(files.bytes.cards)}${files.packed ? '（与分面同一文件）' : ''} → search/（${seconds} 秒）`,
      );
    }
    return { pages: index.pages, bundle, files, engine };
  }
}
