/**
 * Everything search needs after `astro build`, in order: the Pagefind index, the result
 * bundle when the catalog is small enough, and the finished search page. Plain module:
 * the Astro integration (src/integrations/search-index.ts) calls it, and so do tests.
 */
import { buildSearchIndex, type IndexOptions } from './indexer.ts';
import { finishSearchPage } from './finish-page.ts';
import { BUNDLE_LIMIT, writeResultBundle, type WrittenBundle } from './result-bundle.ts';
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
}

/** Index, bundle, finish the page; `bundleLimit` defaults to the environment's (see `bundleLimit`). */
export async function buildSearch(options: IndexOptions & { bundleLimit?: number }): Promise<SearchBuild> {
  const { dir, log = () => {} } = options;
  const index = await buildSearchIndex(options);
  // A sharded index means a catalog far beyond any bundle; shards' page ids may also collide.
  const limit = index.shards.length > 0 ? 0 : (options.bundleLimit ?? bundleLimit());
  const bundle = writeResultBundle(dir, index.outputPath, limit);
  finishSearchPage(dir, bundle.url, index.shards);
  const kb = (bundle.bytes / 1024).toFixed(1);
  if (bundle.url) log(`搜索结果包：${bundle.pages} 个条目，${kb} KB → ${bundle.url.slice(1)}`);
  else if (index.shards.length > 0) log('分片索引：不生成搜索结果包，搜索页逐条加载 Pagefind 片段');
  else if (bundle.bytes > limit) log(`搜索结果包 ${kb} KB 超过上限，搜索页改为逐条加载 Pagefind 片段`);
  return { pages: index.pages, shards: index.shards, bundle };
}
