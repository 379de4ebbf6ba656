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

/**
 * A big catalog's search data (src/build/search/search-files.ts): Pagefind finds the
 * pages, and everything else comes from these files by page number (a result's `id`
 * in base 36). Facets and sorts are one file each; cards come with the facets (a small
 * catalog) or `CARDS_PER_FILE` to a file.
 */
export interface FacetFile {
  /** Pages indexed; page numbers run from 0. */
  pages: number;
  /** Facet key → its values, each with its pages as gaps (the first number, then the differences). */
  facets: Record<string, [value: string, gaps: number[]][]>;
  /**
   * Every page's card by number, when all of them together are small (a catalog of
   * about a thousand entries): one request for the cards of any results, and none for
   * later queries. A bigger catalog's cards are in card files instead.
   */
  cards?: Card[];
}

/** Sort key → value of each page by number (`null`: the page has none and drops out of that sort). Loaded when a sort is chosen. */
export interface SortFile {
  keys: Record<string, (number | null)[]>;
}

/** What a result shows: its address and card metadata (`SearchRecord.meta` without Pagefind's folded title). */
export interface Card {
  /** Left out when it is `/<lib>/<id>/`, as every entry's is (`cardUrl`): a tenth of the cards' bytes. */
  url?: string;
  meta: Record<string, string>;
}

/** An entry page's address from its card metadata. */
const entryUrl = (meta: Record<string, string>) => `/${meta.lib}/${meta.id}/`;

/** The card of a page at `url`, its address left out when the metadata gives it. */
export function cardOf(url: string, meta: Record<string, string>): Card {
  return url === entryUrl(meta) ? { meta } : { url, meta };
}

export function cardUrl(card: Card): string {
  return card.url ?? entryUrl(card.meta);
}

/** Cards of pages `n * CARDS_PER_FILE` up to the next file's, in `<cards>/<n>.bin`. */
export type CardFile = Card[];

/**
 * Cards in one file. A first page of ten results touches up to ten files: smaller files
 * waste fewer bytes on cards nobody asked for, bigger ones save requests.
 */
export const CARDS_PER_FILE = 8;

/** Where the search page finds a big catalog's files (attributes of its app element). */
export interface SearchFiles {
  facets: string;
  sorts: string;
  /** Folder of the card files, ending in `/`; none when the facet file carries the cards. */
  cards?: string;
}
