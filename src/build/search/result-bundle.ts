/**
 * The result bundle: for a catalog small enough, everything the search page needs to
 * check, rank, filter, count and show results — every page's visible text, metadata and
 * facet values — in one gzip file written next to the search page after Pagefind has
 * run. A first search then costs one request for all results instead of one Pagefind
 * fragment per result (see BENCHMARKS.md); Pagefind still finds the candidates.
 *
 * Above `BUNDLE_LIMIT` no bundle is written; the search files of ./search-files.ts,
 * which scale to any size, take its place.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { originalContent } from '../../shared/search/excerpt.ts';
import { FILTER } from '../../shared/search/query.ts';
import { SORT_META } from '../../shared/search/sort-meta.ts';
import type { BundlePage, ResultBundle } from '../../shared/search/wire-types.ts';

export type { BundlePage, ResultBundle } from '../../shared/search/wire-types.ts';

/**
 * Largest bundle written, compressed: with the page, Pagefind's script and wasm and a
 * few index chunks, a first search stays within 150 KB. On the sample catalog (76
 * pages) the bundle is about 35 KB, so this covers catalogs of roughly 100–150 entries.
 */
export const BUNDLE_LIMIT = 60 * 1024;

/**
 * Fewest compressed bytes one entry adds to a bundle: its name, summary, facts and facet
 * values, before any body text (the sample's entries average about 460). A catalog with
 * more entry pages than `limit / MIN_ENTRY_BYTES` can't get a bundle, so its index is
 * built lean from the start (src/build/search/indexer.ts).
 */
export const MIN_ENTRY_BYTES = 100;

/** Whether a catalog of `pages` entry pages may still get a bundle within `limit` bytes. */
export function mayFitBundle(pages: number, limit: number): boolean {
  return limit > 0 && pages * MIN_ENTRY_BYTES <= limit;
}

/** Removes a bundle an earlier build left in `dir`. */
export function removeResultBundle(dir: string): void {
  const out = path.join(dir, BUNDLE_DIR);
  if (existsSync(out)) for (const name of readdirSync(out)) if (BUNDLE_FILE.test(name)) rmSync(path.join(out, name));
}

/** Bundle files are `search/results.<hash>.bin` (a new name whenever the content changes). */
export const BUNDLE_DIR = 'search';
const BUNDLE_FILE = /^results\.[0-9a-f]+\.bin$/;

/** Pagefind's compressed files are gzip of this signature followed by JSON. */
const SIGNATURE = 'pagefind_dcd';

interface Fragment {
  url: string;
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
}

function readPagefindJson(file: string): unknown {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  return JSON.parse(text.startsWith(SIGNATURE) ? text.slice(SIGNATURE.length) : text);
}

/**
 * Every fragment Pagefind wrote, by page id. Pagefind writes one file per page, or for
 * a large index groups of them in shared files (an object of id → fragment).
 */
export function readFragments(pagefindDir: string): Map<string, Fragment> {
  const dir = path.join(pagefindDir, 'fragment');
  const out = new Map<string, Fragment>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.pf_fragment')) continue;
    const json = readPagefindJson(path.join(dir, name)) as Fragment | Record<string, Fragment>;
    if (typeof json.url === 'string') out.set(name.slice(0, -'.pf_fragment'.length), json as Fragment);
    else for (const [id, fragment] of Object.entries(json as Record<string, Fragment>)) out.set(id, fragment);
  }
  return out;
}

export function resultBundle(pagefindDir: string): ResultBundle {
  const pages: BundlePage[] = [];
  for (const [id, f] of readFragments(pagefindDir)) {
    const { title: _folded, [SORT_META]: _sorts, ...meta } = f.meta ?? {};
    pages.push({ id, url: f.url, content: originalContent(f.content), meta, filters: f.filters?.[FILTER] ?? [] });
  }
  return { pages: pages.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)) };
}

export interface WrittenBundle {
  /** Site path of the bundle, or undefined when the catalog is too big for one. */
  url?: string;
  pages: number;
  /** Compressed size in bytes (also when too big to write). */
  bytes: number;
}

/**
 * Writes the bundle of the Pagefind index in `pagefindDir` into `<dir>/search/`,
 * replacing earlier ones, unless it would be bigger than `limit` compressed bytes or
 * the site has no search page.
 */
export function writeResultBundle(dir: string, pagefindDir: string, limit = BUNDLE_LIMIT): WrittenBundle {
  const bundle = resultBundle(pagefindDir);
  const bytes = gzipSync(JSON.stringify(bundle), { level: 9 });
  const out = path.join(dir, BUNDLE_DIR);
  if (!existsSync(out)) return { pages: bundle.pages.length, bytes: bytes.length };
  removeResultBundle(dir);
  if (bytes.length > limit) return { pages: bundle.pages.length, bytes: bytes.length };
  const name = `results.${createHash('sha256').update(bytes).digest('hex').slice(0, 10)}.bin`;
  writeFileSync(path.join(out, name), bytes);
  return { url: `/${BUNDLE_DIR}/${name}`, pages: bundle.pages.length, bytes: bytes.length };
}
