/** List pagination: page 1 is the library's index, later pages live under `page/<n>/`. */
export const PAGE_SIZE = 60;

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

export function pageSlice<T>(items: T[], page: number, size = PAGE_SIZE): T[] {
  return items.slice((page - 1) * size, page * size);
}

export function pageHref(base: string, page: number): string {
  return page === 1 ? base : `${base}page/${page}/`;
}

/** How many entries per library a topic or school page shows before linking to the full list. */
export const PREVIEW_SIZE = 12;

/** Static paths for `<base>/<library>/` and `<base>/<library>/page/<n>/` of a group of entries. */
export function groupPages<T, P extends Record<string, string>, L extends string>(params: P, library: L, entries: T[]) {
  const pages = pageCount(entries.length);
  return Array.from({ length: pages }, (_, i) => ({
    params: { ...params, library, page: i === 0 ? undefined : `page/${i + 1}` },
    props: { library, entries: pageSlice(entries, i + 1), page: i + 1, pages, total: entries.length },
  }));
}

/** The items of one group that fall on one page, when a list of groups is paged by item. */
export interface GroupSlice<G, T> {
  group: G;
  /** The group's position in the list. */
  index: number;
  items: T[];
  /** The group began on an earlier page. */
  continued: boolean;
}

/**
 * Groups of items (a topic's courses, a month's changes) in pages of `size` items, in
 * order; a group cut by a page break goes on at the top of the next page. Always at
 * least one page.
 */
export function pageGroups<G, T>(groups: readonly G[], itemsOf: (group: G) => readonly T[], size = PAGE_SIZE): GroupSlice<G, T>[][] {
  const total = groups.reduce((n, g) => n + itemsOf(g).length, 0);
  const pages: GroupSlice<G, T>[][] = Array.from({ length: pageCount(total, size) }, () => []);
  let at = 0;
  groups.forEach((group, index) => {
    const items = itemsOf(group);
    for (let taken = 0; taken < items.length; ) {
      const slice = items.slice(taken, taken + size - (at % size));
      pages[Math.floor(at / size)].push({ group, index, items: slice, continued: taken > 0 });
      taken += slice.length;
      at += slice.length;
    }
  });
  return pages;
}
