/**
 * Sort keys travel to the search files (src/build/search/search-files.ts) as one item of
 * Pagefind metadata, `reviewed:20260817 hours:1.5`: Pagefind keeps sort values only as
 * orders inside each index, which can't be merged across shards.
 */

/** The metadata key; never shown on a card. */
export const SORT_META = 'sorts';

export function sortMeta(sort: Record<string, string>): string {
  return Object.entries(sort)
    .map(([key, value]) => `${key}:${value}`)
    .join(' ');
}

/** Key → number; values that aren't numbers are left out. */
export function parseSortMeta(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.split(' ')) {
    const at = item.indexOf(':');
    const value = Number(item.slice(at + 1));
    if (at > 0 && item.slice(at + 1) !== '' && Number.isFinite(value)) out[item.slice(0, at)] = value;
  }
  return out;
}
