/**
 * Facets over the result bundle (./result-bundle.ts), in the browser: with every page's
 * facet values at hand, filtering and counting need no Pagefind filter file. Same rules
 * as `pageSearch` (./page-sets.ts): within a facet any ticked value, across facets all; a group's
 * own counts leave its ticks out, so ticking a second value shows what it adds.
 */
import { FACET_KEYS } from './facets.ts';
import { chosenGroups, filterValue, splitFilterValue, type SearchState } from './query.ts';

export interface Faceted {
  filters: string[];
}

/** Whether a page passes the state's library and facets, `without` one of them (a facet key or `lib`). */
export function matchesState(page: Faceted, state: SearchState, without?: string): boolean {
  if (state.lib && without !== 'lib' && !page.filters.includes(filterValue('lib', state.lib))) return false;
  for (const key of FACET_KEYS) {
    const values = state.filters[key];
    if (key === 'lib' || key === without || !values?.length) continue;
    if (!values.some((v) => page.filters.includes(filterValue(key, v)))) return false;
  }
  return true;
}

function countInto(out: Map<string, Map<string, number>>, pages: Faceted[], only?: string): void {
  for (const page of pages) {
    for (const encoded of page.filters) {
      const split = splitFilterValue(encoded);
      if (!split || (only && split[0] !== only)) continue;
      if (!out.has(split[0])) out.set(split[0], new Map());
      const values = out.get(split[0])!;
      values.set(split[1], (values.get(split[1]) ?? 0) + 1);
    }
  }
}

/** Facet key → value → count among `pages` for `state` (library counts for the tabs under `lib`). */
export function localCounts(pages: Faceted[], state: SearchState): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  countInto(
    out,
    pages.filter((p) => matchesState(p, state)),
  );
  for (const key of chosenGroups(state)) {
    out.delete(key);
    countInto(
      out,
      pages.filter((p) => matchesState(p, state, key)),
      key,
    );
  }
  return out;
}
