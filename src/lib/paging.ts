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
