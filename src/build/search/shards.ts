/**
 * How a big catalog's search index is split. One Pagefind process holds every page it
 * indexes in memory until it writes: about 230 KB a page here (2.3 GB at 10,000
 * entries), so 100,000 entries in one index need over 20 GB. Above `SHARD_PAGES` pages
 * the catalog is indexed in shards, each by a Pagefind process of its own that exits when
 * its shard is written; the search page merges them in the browser with Pagefind's
 * `mergeIndex`, which shares the first index's WebAssembly. Facets, sorts and cards
 * come from one set of search files over all shards (./search-files.ts).
 */
import { readEnv, type RawEnv } from '../env.ts';

/**
 * Most pages in one shard. Pagefind holds about 340 KB a page while it indexes, and two
 * shards are indexed at once (./shard-pool.ts): 8,000 pages each keep the build's
 * processes together under 8 GB. A catalog up to half as big again (12,000 entry pages)
 * stays one index: fewer files for the browser to load on every search.
 */
export const SHARD_PAGES = 8_000;

/** A catalog of up to this many times the shard size stays one index. */
export const ONE_INDEX_FACTOR = 1.5;

/** Overrides `SHARD_PAGES`; declared in src/build/env.ts. */
export const SHARD_PAGES_ENV = 'SIKU_SEARCH_SHARD_PAGES';

/** Shards after the first are written here, inside the main index: `pagefind/shards/<n>/`. */
export const SHARD_DIR = 'shards';

export function shardPages(env: RawEnv = process.env): number {
  return readEnv(SHARD_PAGES_ENV, env) ?? SHARD_PAGES;
}

/**
 * The pages in shards of at most `size`, or one index when there are no more than
 * `ONE_INDEX_FACTOR` times as many: each library's pages (the first path segment)
 * split as evenly as possible, in the given order. A library that fits in one shard
 * keeps its own (shards were split by library when each sorted within itself; the
 * search files now sort across shards, and the split is kept because it costs nothing).
 */
export function planShards(pages: readonly string[], size: number): string[][] {
  if (pages.length <= size * ONE_INDEX_FACTOR) return [[...pages]];
  const byLibrary = new Map<string, string[]>();
  for (const page of pages) {
    const library = page.split('/')[0];
    if (!byLibrary.has(library)) byLibrary.set(library, []);
    byLibrary.get(library)!.push(page);
  }
  return [...byLibrary.values()].flatMap((group) => {
    const count = Math.ceil(group.length / size);
    const per = Math.ceil(group.length / count);
    return Array.from({ length: count }, (_, i) => group.slice(i * per, (i + 1) * per));
  });
}

/** Where shard `n` goes, relative to the main index (shard 0 is the main index itself). */
export function shardFolder(n: number): string {
  return n === 0 ? '' : `${SHARD_DIR}/${n}`;
}
