/**
 * The search page's state and how it maps to the URL and to Pagefind. Pure and
 * browser-safe, so the page script and the unit tests share it.
 *
 * URL: `/search/?q=网格&lib=cases&topic=基层治理&topic=数字政府&sort=reviewed-desc`.
 * Within a facet the values are alternatives (any), across facets all must hold.
 */
import { FACET_KEYS, SORTS } from './facets.ts';
import { pairToken } from './pair-tokens.ts';

export interface SearchState {
  q: string;
  /** Library key (`courses` …) or '' for all. */
  lib: string;
  /** Facet key → selected values (never `lib`). */
  filters: Record<string, string[]>;
  /** A `SORTS` value; '' is relevance. */
  sort: string;
}

/**
 * All facets travel in one Pagefind filter as `key:value` strings: Pagefind keeps one
 * file per filter and loads every file to count facets, so one filter is one request
 * instead of thirteen.
 */
export const FILTER = 'f';

export function filterValue(key: string, value: string): string {
  return `${key}:${value}`;
}

export function splitFilterValue(encoded: string): [string, string] | undefined {
  const at = encoded.indexOf(':');
  return at > 0 ? [encoded.slice(0, at), encoded.slice(at + 1)] : undefined;
}

export function emptyState(): SearchState {
  return { q: '', lib: '', filters: {}, sort: '' };
}

export function parseState(params: URLSearchParams): SearchState {
  const state = emptyState();
  state.q = (params.get('q') ?? '').trim();
  state.lib = (params.get('lib') ?? '').trim();
  const sort = params.get('sort') ?? '';
  state.sort = SORTS.some((s) => s.value === sort) ? sort : '';
  for (const key of FACET_KEYS) {
    if (key === 'lib') continue;
    const values = [
      ...new Set(
        params
          .getAll(key)
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ];
    if (values.length) state.filters[key] = values;
  }
  return state;
}

/** The query string for a state, facets in `FACETS` order so equal states give equal URLs. */
export function stateToSearch(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.lib) params.set('lib', state.lib);
  for (const key of FACET_KEYS) for (const value of state.filters[key] ?? []) params.append(key, value);
  if (state.sort) params.set('sort', state.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The groups with a choice made (ticked facets, and `lib` when a library is chosen). */
export function chosenGroups(state: SearchState): string[] {
  return [...Object.keys(state.filters).filter((k) => state.filters[k].length), ...(state.lib ? ['lib'] : [])];
}

export function hasFilters(state: SearchState): boolean {
  return state.lib !== '' || Object.values(state.filters).some((v) => v.length > 0);
}

export function pagefindSort(state: SearchState): Record<string, string> {
  const def = SORTS.find((s) => s.value === state.sort);
  return def?.key && def.direction ? { [def.key]: def.direction } : {};
}

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Most words sent to Pagefind: each may load an index chunk, and a pasted paragraph
 * would otherwise fetch dozens. With the result bundle, results are still checked
 * against every pair.
 */
export const MAX_TERMS = 16;

/** Keeps at most `max` items, spread evenly over the list (first and last included). */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))]);
}

/** Overlapping character pairs of a Han run (党性教育 → 党性 性教 教育). */
export function allPairs(run: string): string[] {
  const chars = [...run];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
  return pairs;
}

/**
 * Pairs that cover a Han run with as few as possible, left to right, the last one
 * overlapping when the length is odd (党性教育基地 → 党性 教育 基地; 北滘镇 → 北滘 滘镇).
 */
export function coveringPairs(run: string): string[] {
  const chars = [...run];
  const picked: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) picked.push(chars[i] + chars[i + 1]);
  if (chars.length > 2 && chars.length % 2 === 1) picked.push(chars[chars.length - 2] + chars[chars.length - 1]);
  return picked;
}

/** A pair as Pagefind finds it: its token, or the two characters when it has none. */
function pairWord(pair: string): string {
  return pairToken(pair) ?? [...pair].join(' ');
}

/**
 * The term sent to Pagefind for a normalised (folded) query. A Han run of two or more
 * characters becomes the tokens of its pairs (./pair-tokens.ts), which every page lists
 * for each pair of its text: Pagefind wants every word of a term, so its candidates are
 * the pages holding every pair. By default every overlapping pair (the fewest false
 * candidates, and Pagefind's order favours pages with the whole run); with `fewest`
 * (every candidate will be checked against the text, as with the result bundle) only
 * `coveringPairs`, one index chunk less for each pair left out. A single character is
 * sent as itself (every page lists its characters as words). A query in double quotes
 * is left as Pagefind's exact-phrase search, unless `phrases` is false (a big catalog's
 * index holds no Chinese text to match a phrase against, see `leanIndexableHtml` in
 * ./shadow.ts: its quotes are dropped). A very long query is thinned to `MAX_TERMS`.
 */
export function pagefindTerm(normalised: string, options: { fewest?: boolean; phrases?: boolean } = {}): string | null {
  const text = normalised.trim();
  if (!text) return null;
  if (options.phrases !== false && /^".+"$/.test(text)) return text;
  const pairs = options.fewest ? coveringPairs : allPairs;
  const expanded = text.replace(HAN_RUN, (run) => ` ${[...run].length < 2 ? run : pairs(run).map(pairWord).join(' ')} `);
  // Punctuation splits words (7·18 → 7 18): Pagefind would drop it and glue the rest.
  const words = expanded
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.length ? spread(words, MAX_TERMS).join(' ') : null;
}

/**
 * Whether a normalised query has a word of one Han character. A big catalog's index
 * lists the characters of names and summaries only (`leanWordMarkup` in ./shadow.ts),
 * so the search page says where such a word was looked for.
 */
export function hasSingleCharacter(normalised: string): boolean {
  return (normalised.match(HAN_RUN) ?? []).some((run) => [...run].length === 1);
}

/**
 * What to highlight in results for a normalised query: each word, and for long Han
 * runs also their pairs (a page can match 党性 … 教育 without the whole run).
 */
export function needles(normalised: string): string[] {
  const out = new Set<string>();
  for (const word of normalised.replace(/["“”]/g, ' ').split(/\s+/)) {
    if (!word) continue;
    out.add(word);
    for (const run of word.match(/[^\p{Script=Han}\p{P}\p{S}\s]+/gu) ?? []) out.add(run);
    for (const run of word.match(HAN_RUN) ?? []) {
      out.add(run);
      const chars = [...run];
      if (chars.length >= 3) for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}
