/**
 * Facets and sorts of a big catalog over page numbers (the search files of
 * src/build/search/search-files.ts), in the browser. The rules are those of ./local.ts:
 * within a facet any ticked value, across facets all; a group's own counts leave its
 * ticks out, so ticking a second value shows what it adds. Counts are exact for every
 * query: they are made from all of Pagefind's matches, not from the results shown.
 */
import type { SortDef } from './facets.ts';
import { chosenGroups, type SearchState } from './query.ts';
import type { FacetFile } from './wire-types.ts';

/** Facet key → value → its pages, ascending. */
export interface FacetIndex {
  pages: number;
  facets: Map<string, Map<string, Uint32Array>>;
}

export function facetIndex(file: FacetFile): FacetIndex {
  const facets = new Map<string, Map<string, Uint32Array>>();
  for (const [key, values] of Object.entries(file.facets)) {
    const byValue = new Map<string, Uint32Array>();
    for (const [value, gaps] of values) {
      const pages = new Uint32Array(gaps.length);
      let at = 0;
      for (const [i, gap] of gaps.entries()) {
        at = i === 0 ? gap : at + gap;
        pages[i] = at;
      }
      byValue.set(value, pages);
    }
    facets.set(key, byValue);
  }
  return { pages: file.pages, facets };
}

/** The ticked values of each chosen group (`lib` included), as a mark per page. */
function groupMasks(index: FacetIndex, state: SearchState): Map<string, Uint8Array> {
  const masks = new Map<string, Uint8Array>();
  for (const key of chosenGroups(state)) {
    const mask = new Uint8Array(index.pages);
    for (const value of key === 'lib' ? [state.lib] : state.filters[key])
      for (const p of index.facets.get(key)?.get(value) ?? []) mask[p] = 1;
    masks.set(key, mask);
  }
  return masks;
}

function passes(masks: Map<string, Uint8Array>, page: number, without?: string): boolean {
  for (const [key, mask] of masks) if (key !== without && !mask[page]) return false;
  return true;
}

export interface PageSearch {
  /** Matching pages in the candidates' order. */
  pages: number[];
  /** Facet key → value → count (library counts, for the tabs, under `lib`). */
  counts: Map<string, Map<string, number>>;
}

/**
 * The candidates (Pagefind's matches in its order, or `null` for every page by number)
 * that pass the state's library and facets, and the facet counts among them.
 */
export function pageSearch(index: FacetIndex, candidates: readonly number[] | null, state: SearchState): PageSearch {
  const all = candidates ?? Array.from({ length: index.pages }, (_, p) => p);
  const masks = groupMasks(index, state);
  const pages = all.filter((p) => passes(masks, p));
  const shown = new Uint8Array(index.pages);
  for (const p of pages) shown[p] = 1;
  const counts = new Map<string, Map<string, number>>();
  for (const [key, values] of index.facets) {
    // A chosen group is counted as if none of its values were ticked.
    let base = shown;
    if (masks.has(key)) {
      base = new Uint8Array(index.pages);
      for (const p of all) if (passes(masks, p, key)) base[p] = 1;
    }
    const out = new Map<string, number>();
    for (const [value, list] of values) {
      let n = 0;
      for (const p of list) n += base[p];
      if (n > 0) out.set(value, n);
    }
    if (out.size) counts.set(key, out);
  }
  return { pages, counts };
}

/**
 * `pages` in a chosen sort: pages without the key drop out, as in a sorted Pagefind
 * search; equal keys keep their order (relevance).
 */
export function sortPages(
  pages: readonly number[],
  values: readonly (number | null)[],
  direction: NonNullable<SortDef['direction']>,
): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return pages.filter((p) => values[p] !== null && values[p] !== undefined).sort((a, b) => sign * (values[a]! - values[b]!));
}
