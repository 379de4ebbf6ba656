/**
 * Facet counts for a library's list page, computed at build time from the same values
 * the entry pages give Pagefind (`searchRecord`), so every count matches what the
 * linked filter-only search finds.
 */
import type { Library } from '../../schemas/index.ts';
import type { Catalog } from '../../shared/catalog.ts';
import { facetDef, regionDisplay, sortFacetValues } from '../../shared/search/facets.ts';
import type { CharMap } from '../../shared/search/fold.ts';
import { facetOrders } from './page-config.ts';
import { searchRecord } from '../../shared/search/record.ts';

/** Which facets each list page offers, in order. */
export const LIST_FACETS: Record<Library, string[]> = {
  courses: ['pillar', 'format', 'audience', 'topic'],
  cases: ['region', 'year', 'kind', 'topic'],
  sites: ['site_category', 'status', 'region'],
  instructors: ['instructor_category', 'employment'],
};

/** Values shown per group; the search page lists the rest. */
export const LIST_FACET_LIMIT = 24;

export interface ListFacetValue {
  text: string;
  depth: number;
  count: number;
  href: string;
}

export interface ListFacetGroup {
  key: string;
  label: string;
  values: ListFacetValue[];
  /** Values left out by the limit. */
  more: number;
}

/** `/search/?lib=cases&region=…`: a filter-only search on the search page. */
export function facetHref(library: Library, key: string, value: string): string {
  const params = new URLSearchParams({ lib: library });
  params.append(key, value);
  return `/search/?${params}`;
}

export function listFacets(catalog: Catalog, library: Library, map: CharMap): ListFacetGroup[] {
  const counts = new Map<string, Map<string, number>>(LIST_FACETS[library].map((k) => [k, new Map()]));
  for (const entry of catalog.listed(library)) {
    const { filters } = searchRecord(catalog, entry, map);
    for (const [key, values] of counts) for (const v of filters[key] ?? []) values.set(v, (values.get(v) ?? 0) + 1);
  }
  const orders = facetOrders(catalog);
  return [...counts].flatMap(([key, values]) => {
    if (values.size === 0) return [];
    // Most frequent values survive the limit; they are then shown in their natural order.
    const kept = new Set(
      [...values]
        .sort((a, b) => b[1] - a[1])
        .slice(0, LIST_FACET_LIMIT)
        .map(([v]) => v),
    );
    const shown = sortFacetValues(key, kept, orders[key] ?? []).map((value) => {
      const { text, depth } = key === 'region' ? regionDisplay(value) : { text: key === 'year' ? `${value} 年` : value, depth: 0 };
      return { text, depth, count: values.get(value)!, href: facetHref(library, key, value) };
    });
    return [{ key, label: facetDef(key)?.label ?? key, values: shown, more: values.size - kept.size }];
  });
}
