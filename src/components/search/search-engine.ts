/**
 * The search page's side of Pagefind: loading it (and the result bundle when the site
 * has one), reading facet counts, and turning Pagefind's candidates into checked,
 * ordered results page by page.
 */
import type { CharMap } from '../../shared/search/fold.ts';
import { localCounts, matchesState } from '../../shared/search/local.ts';
import { FILTER, pagefindSort, splitFilterValue, type SearchState } from '../../shared/search/query.ts';
import type { BundlePage, ResultBundle } from '../../shared/search/wire-types.ts';
import { resultScore } from '../../shared/search/verify.ts';
import type { ResultData } from './search-view.ts';

export interface PagefindResult {
  id: string;
  data: () => Promise<ResultData>;
}
export interface PagefindResponse {
  results: PagefindResult[];
  filters: Record<string, Record<string, number>>;
}
export interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string | null, o?: Record<string, unknown>) => Promise<PagefindResponse | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  mergeIndex: (path: string) => Promise<void>;
}

const PAGEFIND = '/pagefind/pagefind.js';

export interface Engine {
  pf: Pagefind;
  /** The result bundle's pages by Pagefind id, when the site has a bundle and it loaded. */
  bundle?: Map<string, BundlePage>;
}

let loading: Promise<Engine> | undefined;

async function loadBundle(url: string): Promise<Map<string, BundlePage>> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const json = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
  return new Map((JSON.parse(json) as ResultBundle).pages.map((p) => [p.id, p]));
}

/**
 * Pagefind, once per page, and the result bundle at the same time. Pagefind runs on the
 * main thread: its worker would cost another 40 KB before the first result, and
 * searching this index takes milliseconds. Without a bundle (a big catalog, or a
 * browser without `DecompressionStream`) results come from Pagefind's fragments and
 * facet counts from its filter file, loaded up front. A catalog indexed in shards
 * (src/build/search/shards.ts) has them merged here: Pagefind searches all of them and
 * adds up their facet counts.
 */
export function loadEngine(bundleUrl: string | undefined, shards: readonly string[] = []): Promise<Engine> {
  loading ??= (async () => {
    const bundle =
      bundleUrl && typeof DecompressionStream === 'function'
        ? loadBundle(bundleUrl).catch((error) => {
            console.error('搜索结果包加载失败，改为逐条加载', error);
            return undefined;
          })
        : Promise.resolve(undefined);
    const pf = (await import(/* @vite-ignore */ PAGEFIND)) as Pagefind;
    await pf.options({ noWorker: true });
    await pf.init();
    await Promise.all(shards.map((shard) => pf.mergeIndex(shard)));
    const pages = await bundle;
    if (!pages) await pf.filters();
    return { pf, bundle: pages };
  })();
  return loading;
}

/** Facet key → value → count, from Pagefind's counts of the single `FILTER`. */
export function countsOf(filters: PagefindResponse['filters'] | undefined): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [encoded, count] of Object.entries(filters?.[FILTER] ?? {})) {
    const split = splitFilterValue(encoded);
    if (!split) continue;
    if (!out.has(split[0])) out.set(split[0], new Map());
    out.get(split[0])!.set(split[1], count);
  }
  return out;
}

/** Results shown page by page. */
export interface ResultPages {
  next(want: number): Promise<ResultData[]>;
  readonly hasMore: boolean;
  /** Results in all (an estimate while unchecked candidates remain). */
  readonly count: number;
}

/** Candidates checked before concluding that a query matches nothing for real (rounded up to whole batches). */
const GIVE_UP_AFTER = 30;

/**
 * Pagefind's candidates for one search, checked in batches against the query (their
 * fragments are needed to show them anyway; see lib/search/verify.ts). Within a batch,
 * pages containing more of the query come first, then those where the whole query
 * stands in the name, summary or text (`prominence`), unless `keepOrder` (a chosen sort).
 */
export class CheckedResults implements ResultPages {
  private readonly candidates: PagefindResult[];
  private readonly units: string[][];
  private readonly query: string;
  private readonly map: CharMap;
  private readonly keepOrder: boolean;
  private readonly batch: number;
  private examined = 0;
  private dropped = 0;
  private shown = 0;
  private ready: { data: ResultData; score: number }[] = [];

  /** `query` is the normalised query (for `prominence`). */
  constructor(candidates: PagefindResult[], units: string[][], map: CharMap, keepOrder: boolean, batch = 10, query = '') {
    this.candidates = candidates;
    this.units = units;
    this.query = query;
    this.map = map;
    this.keepOrder = keepOrder;
    this.batch = batch;
  }

  /** The next `want` results (fewer at the end). */
  async next(want: number): Promise<ResultData[]> {
    while (this.ready.length < want && this.examined < this.candidates.length) {
      if (this.shown + this.ready.length === 0 && this.examined >= GIVE_UP_AFTER) break;
      const slice = this.candidates.slice(this.examined, this.examined + this.batch);
      this.examined += slice.length;
      const data = await Promise.all(slice.map((r) => r.data()));
      const checked = data.map((d) => ({ data: d, score: resultScore(d, this.units, this.map, this.query) }));
      const kept = checked.filter((c): c is { data: ResultData; score: number } => c.score !== null);
      this.dropped += checked.length - kept.length;
      this.ready.push(...(this.keepOrder ? kept : kept.sort((a, b) => b.score - a.score)));
    }
    const out = this.ready.splice(0, want).map((r) => r.data);
    this.shown += out.length;
    return out;
  }

  /** Whether `next` can give more. */
  get hasMore(): boolean {
    return this.ready.length > 0 || (this.examined < this.candidates.length && (this.shown > 0 || this.examined < GIVE_UP_AFTER));
  }

  /** Results known so far: unchecked candidates count as matches until checked. */
  get count(): number {
    return this.shown === 0 && this.ready.length === 0 && !this.hasMore ? 0 : this.candidates.length - this.dropped;
  }
}

/** Results known in full (from the bundle). */
export class ListResults implements ResultPages {
  private readonly items: ResultData[];
  private shown = 0;

  constructor(items: ResultData[]) {
    this.items = items;
  }

  async next(want: number): Promise<ResultData[]> {
    const out = this.items.slice(this.shown, this.shown + want);
    this.shown += out.length;
    return out;
  }

  get hasMore(): boolean {
    return this.shown < this.items.length;
  }

  get count(): number {
    return this.items.length;
  }
}

export interface LocalSearch {
  results: ListResults;
  counts: Map<string, Map<string, number>>;
}

/**
 * A search answered with the bundle: Pagefind finds the candidates (in its order, or
 * the chosen sort), every candidate is checked and ranked at once, and facets are
 * filtered and counted here. No term lists every page (in the chosen sort).
 */
export async function localSearch(
  pf: Pagefind,
  bundle: Map<string, BundlePage>,
  state: SearchState,
  term: string | null,
  units: string[][],
  map: CharMap,
  query: string,
): Promise<LocalSearch> {
  const sort = pagefindSort(state);
  const ids =
    term === null && !Object.keys(sort).length ? [...bundle.keys()] : ((await pf.search(term, { sort }))?.results ?? []).map((r) => r.id);
  const scored: { data: BundlePage; score: number; at: number }[] = [];
  ids.forEach((id, at) => {
    const data = bundle.get(id);
    const score = data ? resultScore(data, units, map, query) : null;
    if (data && score !== null) scored.push({ data, score, at });
  });
  // A chosen sort order is kept as Pagefind returns it; relevance puts the best checked first.
  if (!state.sort) scored.sort((a, b) => b.score - a.score || a.at - b.at);
  const pages = scored.map((s) => s.data);
  return { results: new ListResults(pages.filter((p) => matchesState(p, state))), counts: localCounts(pages, state) };
}
