/**
 * A big catalog's search files. Pagefind's own files cost a first search at 10,000
 * entries about 430 KB: its metadata (146 KB, mostly a hash per page and every sort
 * order), its one filter file (147 KB, read whole to count facets) and one fragment per
 * checked result. After Pagefind has run, this module replaces them with:
 *   - `search/facets.<hash>.bin`: every facet value with its pages, as gaps — facet
 *     counts and filters for any query, exactly, in the browser — and, when all cards
 *     together compress to at most `CARD_PACK_LIMIT`, every result card;
 *   - `search/sorts.<hash>.bin`: each page's sort keys, loaded only for a chosen sort;
 *   - `search/cards.<hash>/<n>.bin`: otherwise, result cards, `CARDS_PER_FILE` pages to
 *     a file.
 * Pages are numbered in the index's order, and its metadata is rewritten so a result's
 * id is that number (./pagefind-meta.ts); an index built in shards is one index by now
 * (./merge-index.ts). Fragments, filter
 * files and sort orders are then deleted: nothing loads them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { splitFilterValue, FILTER } from '../../shared/search/query.ts';
import { parseSortMeta, SORT_META } from '../../shared/search/sort-meta.ts';
import { CARDS_PER_FILE, cardOf, type Card, type FacetFile, type SearchFiles, type SortFile } from '../../shared/search/wire-types.ts';
import { SearchIndexError } from './search-error.ts';
import { compactMeta } from './pagefind-meta.ts';
import { readFragments } from './result-bundle.ts';

/** Files this module writes into `search/`, removed before writing anew. */
const OURS = /^(?:facets\.[0-9a-f]+\.bin|sorts\.[0-9a-f]+\.bin|cards\.[0-9a-f]+)$/;

const gzip = (value: unknown) => gzipSync(JSON.stringify(value), { level: 9 });
const hashOf = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 10);
};

/**
 * Most compressed bytes of all cards that still go into the facet file. Ten results sit
 * in about ten card files, so card files cost a first search ten requests and every
 * later query as many again; packed, the cards cost one request in all. At 1,000
 * generated entries they are about 26 KB (a first search's card files there: about
 * 7 KB); with this limit a first search stays within 150 KB.
 */
export const CARD_PACK_LIMIT = 40 * 1024;

/**
 * Each page's number: its place in address order. Pagefind numbers pages as it reads
 * them, in the order a folder lists its files; numbered by address, a library's pages
 * and a school's stay together, and the facet file's gaps stay small (10,000 entries:
 * 5 KB instead of 31).
 */
export function ranksByUrl(urls: string[]): number[] {
  const order = urls.map((_, i) => i).sort((a, b) => (urls[a] < urls[b] ? -1 : urls[a] > urls[b] ? 1 : 0));
  const ranks: number[] = [];
  for (const [rank, i] of order.entries()) ranks[i] = rank;
  return ranks;
}

/** The written files (site paths) and their sizes, compressed. */
export interface WrittenFiles extends SearchFiles {
  pages: number;
  /** `cards` is their share of the facet file when it carries them (`packed`). */
  bytes: { facets: number; sorts: number; cards: number };
  packed: boolean;
}

/**
 * Writes the search files of the index in `folder` into `<dir>/search/`, and rewrites
 * the index to match; cards go into the facet file up to `cardPackLimit` compressed bytes.
 */
export function writeSearchFiles(dir: string, folder: string, cardPackLimit = CARD_PACK_LIMIT): WrittenFiles {
  const cards: Card[] = [];
  const facets = new Map<string, Map<string, number[]>>();
  const sortValues: Record<string, (number | null)[]> = {};
  const fragments = readFragments(folder);
  for (const [g, hash] of compactMeta(folder, (hashes) => ranksByUrl(hashes.map((h) => fragments.get(h)?.url ?? ''))).entries()) {
    const fragment = fragments.get(hash);
    if (!fragment) throw new SearchIndexError(`Pagefind 索引 ${folder} 缺少页面 ${hash} 的片段`);
    const { title: _folded, [SORT_META]: sorts, ...meta } = fragment.meta ?? {};
    cards.push(cardOf(fragment.url, meta));
    for (const encoded of fragment.filters?.[FILTER] ?? []) {
      const split = splitFilterValue(encoded);
      if (!split) continue;
      if (!facets.has(split[0])) facets.set(split[0], new Map());
      const values = facets.get(split[0])!;
      if (!values.has(split[1])) values.set(split[1], []);
      values.get(split[1])!.push(g);
    }
    for (const [key, value] of Object.entries(parseSortMeta(sorts ?? ''))) {
      sortValues[key] ??= [];
      sortValues[key][g] = value;
    }
  }
  // Nothing loads them now; at 10,000 entries the fragments alone are 40 MB.
  for (const gone of ['fragment', 'filter']) rmSync(path.join(folder, gone), { recursive: true, force: true });

  const facetFile: FacetFile = { pages: cards.length, facets: {} };
  for (const [key, values] of facets)
    facetFile.facets[key] = [...values].map(([value, pages]) => [value, pages.map((p, i) => (i === 0 ? p : p - pages[i - 1]))]);
  const sortFile: SortFile = { keys: {} };
  for (const [key, values] of Object.entries(sortValues))
    sortFile.keys[key] = Array.from({ length: cards.length }, (_, g) => values[g] ?? null);

  const out = path.join(dir, 'search');
  removeSearchFiles(dir);
  const sortBytes = gzip(sortFile);
  const sorts = `sorts.${hashOf(sortBytes)}.bin`;
  writeFileSync(path.join(out, sorts), sortBytes);
  const written = (facetFileBytes: Buffer, facetBytes: number, cardBytes: number, cardsFolder?: string): WrittenFiles => {
    const facets = `facets.${hashOf(facetFileBytes)}.bin`;
    writeFileSync(path.join(out, facets), facetFileBytes);
    return {
      facets: `/search/${facets}`,
      sorts: `/search/${sorts}`,
      ...(cardsFolder ? { cards: `/search/${cardsFolder}/` } : {}),
      pages: cards.length,
      bytes: { facets: facetBytes, sorts: sortBytes.length, cards: cardBytes },
      packed: !cardsFolder,
    };
  };

  const facetBytes = gzip(facetFile);
  if (cards.length * MIN_CARD_BYTES <= cardPackLimit) {
    const packed = gzip({ ...facetFile, cards });
    // The cards' share is what they add to the compressed facets.
    const share = packed.length - facetBytes.length;
    if (share <= cardPackLimit) return written(packed, facetBytes.length, share);
  }
  const cardFiles = Array.from({ length: Math.ceil(cards.length / CARDS_PER_FILE) }, (_, n) =>
    gzip(cards.slice(n * CARDS_PER_FILE, (n + 1) * CARDS_PER_FILE)),
  );
  const cardsFolder = `cards.${hashOf(...cardFiles)}`;
  mkdirSync(path.join(out, cardsFolder));
  for (const [n, bytes] of cardFiles.entries()) writeFileSync(path.join(out, cardsFolder, `${n}.bin`), bytes);
  const cardBytes = cardFiles.reduce((sum, b) => sum + b.length, 0);
  return written(facetBytes, facetBytes.length, cardBytes, cardsFolder);
}

/** Fewer compressed bytes than any card takes (an address, a name, a library): more cards than `limit / MIN_CARD_BYTES` are not tried as a pack. */
const MIN_CARD_BYTES = 10;

/** Removes search files of an earlier build into the same folder (a catalog that shrank to a bundle). */
export function removeSearchFiles(dir: string): void {
  const out = path.join(dir, 'search');
  if (!existsSync(out)) return;
  for (const name of readdirSync(out)) if (OURS.test(name)) rmSync(path.join(out, name), { recursive: true });
}
