/**
 * Everything search needs after `astro build`, in order: the Pagefind index, the result
 * bundle when the catalog is small enough, and the finished search page. Plain module:
 * the Astro integration (src/integrations/search-index.ts) calls it, and so do tests.
 */
import { buildSearchIndex, type IndexOptions } from './indexer.ts';
import { finishSearchPage } from './finish-page.ts';
import { BUNDLE_LIMIT, writeResultBundle, type WrittenBundle } from './result-bundle.ts';

/** Overrides `BUNDLE_LIMIT` (compressed bytes; 0 never writes a bundle). */
export const BUNDLE_LIMIT_ENV = 'SIKU_SEARCH_BUNDLE_LIMIT';

export function bundleLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[BUNDLE_LIMIT_ENV]?.trim();
  if (!raw) return BUNDLE_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${BUNDLE_LIMIT_ENV} 应为非负整数（字节数），实际为“${raw}”`);
  return n;
}

export interface SearchBuild {
  pages: string[];
  bundle: WrittenBundle;
}

export async function buildSearch(options: IndexOptions & { bundleLimit?: number }): Promise<SearchBuild> {
  const { dir, log = () => {} } = options;
  const index = await buildSearchIndex(options);
  const limit = options.bundleLimit ?? bundleLimit();
  const bundle = writeResultBundle(dir, index.outputPath, limit);
  finishSearchPage(dir, bundle.url);
  const kb = (bundle.bytes / 1024).toFixed(1);
  if (bundle.url) log(`搜索结果包：${bundle.pages} 个条目，${kb} KB → ${bundle.url.slice(1)}`);
  else if (bundle.bytes > limit) log(`搜索结果包 ${kb} KB 超过上限，搜索页改为逐条加载 Pagefind 片段`);
  return { pages: index.pages, bundle };
}
