/**
 * The order Astro renders the site's pages in: entry pages first. Astro renders routes
 * in priority order, and `/[library]/[id]` (two dynamic segments) comes last, after every
 * list, menu, school and topic page. The search index is read while Astro renders
 * (src/build/search/index-ahead.ts): with the entry pages first, the index shards have
 * all their pages while Astro still renders the others, and write their index then,
 * instead of after Astro. The pages themselves do not change.
 */

/** The route file of the entry pages (src/pages/[library]/[id].astro). */
export const ENTRY_ROUTE = 'src/pages/[library]/[id].astro';

/** `paths` with the entry pages first, each part in the order it had (a stable partition). */
export function entryPagesFirst<T extends { route: { component: string } }>(paths: readonly T[]): T[] {
  const entries: T[] = [];
  const others: T[] = [];
  for (const path of paths) (path.route.component === ENTRY_ROUTE ? entries : others).push(path);
  return [...entries, ...others];
}
