/**
 * Everything search needs after `astro build`, in order: the Pagefind index, then the
 * result bundle when the catalog is small enough or else the search files of a big one
 * (./search-files.ts), and the finished search page. Plain module:
 * the Astro integration (src/integrations/search-index.ts) calls it, and so do tests.
 */
import { buildSearchIndex, type IndexOptions } from './indexer.ts';
import { finishSearchPage, SEARCH_PAGE } from './finish-page.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_LIMIT, writeResultBundle, type WrittenBundle } from './result-bundle.ts';
import { removeSearchFiles, writeSearchFiles, type WrittenFiles } from './search-files.ts';
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
  /** Site paths of the index shards after the first (see ./shards.ts). */
  shards: string[];
  bundle: WrittenBundle;
  /** A big catalog's search files, when there is no bundle. */
  files?: WrittenFiles;
}

/** Index, bundle, finish the page; `bundleLimit` defaults to the environment's (see `bundleLimit`). */
export async function buildSearch(options: IndexOptions & { bundleLimit?: number }): Promise<SearchBuild> {
  const { dir, log = () => {} } = options;
  const index = await buildSearchIndex(options);
  // A sharded index means a catalog far beyond any bundle; shards' page ids may also collide.
  const limit = index.shards.length > 0 ? 0 : (options.bundleLimit ?? bundleLimit());
  const bundle = writeResultBundle(dir, index.outputPath, limit);
  const folders = [index.outputPath, ...index.shards.map((shard) => path.join(dir, shard))];
  removeSearchFiles(dir);
  // Like the bundle, only for a site with a search page.
  const writing = performance.now();
  const files = bundle.url || !existsSync(path.join(dir, SEARCH_PAGE)) ? undefined : writeSearchFiles(dir, folders);
  const seconds = ((performance.now() - writing) / 1000).toFixed(1);
  finishSearchPage(dir, bundle.url, index.shards, files);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  if (bundle.url) log(`搜索结果包：${bundle.pages} 个条目，${kb(bundle.bytes)} → ${bundle.url.slice(1)}`);
  else if (files) {
    const why = index.shards.length > 0 ? '分片索引' : `搜索结果包 ${kb(bundle.bytes)} 超过上限`;
    log(
      `${why}：改用搜索文件，${files.pages} 个条目，分面 ${kb(files.bytes.facets)}，排序 ${kb(files.bytes.sorts)}，` +
        `结果卡片 ${kb(files.bytes.cards)} → search/（${seconds} 秒）`,
    );
  }
  return { pages: index.pages, shards: index.shards, bundle, files };
}
