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
