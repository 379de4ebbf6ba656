/**
 * The shapes the build hands the search page: the inline page config and the result
 * bundle. Declared here, on the browser-safe side, so the browser scripts need nothing
 * from src/build/ (which writes them).
 */

/** What the search page's script gets inline at build time. */
export interface SearchPageConfig {
  /** `encodeCharMap` of the pairs this catalog needs. */
  fold: string;
  libraries: { key: string; label: string }[];
  /** Facet key → display order of its known values (labels and scope are in `FACETS`). */
  orders: Record<string, string[]>;
  /**
   * A result's mark (`meta.badges` carries the labels) → its class, from src/shared/status.ts.
   * Handed over here so the search script stays free of imports (inline on the page).
   */
  badges: Record<string, string>;
}

/** One indexed page as the search page reads it from the bundle. */
export interface BundlePage {
  /** Pagefind's page id (a search result's `id`). */
  id: string;
  url: string;
  /** The visible text (without the search-only shadow). */
  content: string;
  /** `SearchRecord.meta` without Pagefind's folded `title`. */
  meta: Record<string, string>;
  /** `key:value` facet values (`filterValue`). */
  filters: string[];
}

export interface ResultBundle {
  pages: BundlePage[];
}
