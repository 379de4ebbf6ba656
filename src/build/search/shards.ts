/**
 * How a big catalog's search index is split while it is built. One Pagefind process holds
 * every page it indexes in memory until it writes: about 230 KB a page here (2.3 GB at
 * 10,000 entries), so 100,000 entries in one index need over 20 GB; and it indexes on one
 * thread. Above `SHARD_PAGES` pages, and for the second core from `PARALLEL_PAGES`, the
 * catalog is indexed in shards, each by a Pagefind process of its own that exits when
 * its shard is written (./shard-pool.ts), and the shards are then merged into one index
 * (./merge-index.ts): the search page always loads one.
 */
import { readEnv, type RawEnv } from '../env.ts';

/**
 * Most pages in one shard. Pagefind holds about 340 KB a page while it indexes, and two
 * shards are indexed at once (./shard-pool.ts): 8,000 pages each keep the build's
 * processes together under 8 GB. A catalog up to half as big again (12,000 entry pages)
 * needs no more than two shards.
 */
export const SHARD_PAGES = 8_000;

/** A catalog of up to this many times the shard size needs no more shards than the cores do. */
export const ONE_INDEX_FACTOR = 1.5;

/** Overrides `SHARD_PAGES`; declared in src/build/env.ts. */
export const SHARD_PAGES_ENV = 'SIKU_SEARCH_SHARD_PAGES';

export function shardPages(env: RawEnv = process.env): number {
  return readEnv(SHARD_PAGES_ENV, env) ?? SHARD_PAGES;
}

/**
 * A lean index of at least this many pages is split for the second core: two Pagefind
 * processes at once, then merged (./merge-index.ts). Below it the second process and the
 * merge cost more than they save.
 */
export const PARALLEL_PAGES = 2_000;

/**
 * The pages in shards: as many as memory needs (shards of at most `size`, or one index
 * up to `ONE_INDEX_FACTOR` times that), and at least `parallel` from `PARALLEL_PAGES`
 * pages on. Shards are even runs of the pages in order: they are merged into one index,
 * so what goes where only balances the work.
 */
export function planShards(pages: readonly string[], size: number, parallel = 1): string[][] {
  const bySize = pages.length <= size * ONE_INDEX_FACTOR ? 1 : Math.ceil(pages.length / size);
  const count = Math.max(bySize, pages.length >= PARALLEL_PAGES ? parallel : 1);
  const per = Math.ceil(pages.length / count);
  return Array.from({ length: count }, (_, i) => pages.slice(i * per, (i + 1) * per));
}
