/**
 * The search page's side of Pagefind: loading it with the result bundle (a small
 * catalog) or the search files (a big one), and turning Pagefind's matches into
 * ordered, counted results page by page.
 */
import { gunzipSync } from 'fflate';
import type { CharMap } from '../../shared/search/fold.ts';
import { localCounts, matchesState } from '../../shared/search/local.ts';
import { SORTS } from '../../shared/search/facets.ts';
import { facetIndex, pageSearch, sortPages, type FacetIndex } from '../../shared/search/page-sets.ts';
import { pagefindSort, type SearchState } from '../../shared/search/query.ts';
import {
  CARDS_PER_FILE,
  cardUrl,
  type BundlePage,
  type Card,
  type CardFile,
  type FacetFile,
  type ResultBundle,
  type SearchFiles,
  type SortFile,
} from '../../shared/search/wire-types.ts';
import { resultScore } from '../../shared/search/verify.ts';
import type { ResultData } from './search-view.ts';

/** The parts of Pagefind's browser API the page uses: a result's id only (its fragment is never loaded). */
export interface PagefindResult {
  id: string;
}
export interface PagefindResponse {
  results: PagefindResult[];
}
export interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string | null, o?: Record<string, unknown>) => Promise<PagefindResponse | null>;
}

/** Pagefind's stock script, for a build that could not write one with the entry inline (src/build/search/pagefind-script.ts). */
const STOCK_PAGEFIND = '/pagefind/pagefind.js';

/** A big catalog's search files, loaded: facets (with a small catalog's cards) at once, sort keys and card files when asked for. */
export interface Files {
  facets: FacetIndex;
  sorts: () => Promise<SortFile>;
  card: (page: number) => Promise<Card>;
}

export interface Engine {
  pf: Pagefind;
  /** The result bundle's pages by Pagefind id, when the site has a bundle. */
  bundle?: Map<string, BundlePage>;
  /** The search files, when the site has them instead. */
  files?: Files;
}

let loading: Promise<Engine> | undefined;

/**
 * A gzip JSON file of the build (the bundle and the search files are written so,
 * whatever the server compresses). Browsers unpack it with `DecompressionStream`;
 * older ones (Safari before 16.4, Firefox before 113) with fflate's inflate, about 3 KB
 * of this script, so search works there too.
 */
async function fetchGzipJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const text =
    typeof DecompressionStream === 'function'
      ? await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text()
      : new TextDecoder().decode(gunzipSync(new Uint8Array(await response.arrayBuffer())));
  return JSON.parse(text) as T;
}

async function loadBundle(url: string): Promise<Map<string, BundlePage>> {
  return new Map((await fetchGzipJson<ResultBundle>(url)).pages.map((p) => [p.id, p]));
}

async function loadFiles(files: SearchFiles): Promise<Files> {
  const facetFile = await fetchGzipJson<FacetFile>(files.facets);
  const facets = facetIndex(facetFile);
  const packed = facetFile.cards;
  let sorts: Promise<SortFile> | undefined;
  const cardFiles = new Map<number, Promise<CardFile>>();
  const cardFile = (n: number) => {
    let file = cardFiles.get(n);
    if (!file) {
      file = fetchGzipJson<CardFile>(`${files.cards}${n}.bin`);
      // A failed file may load on the next try.
      file.catch(() => cardFiles.delete(n));
      cardFiles.set(n, file);
    }
    return file;
  };
  return {
    facets,
    sorts: () => (sorts ??= fetchGzipJson<SortFile>(files.sorts)),
    card: async (page) => {
      const card = packed
        ? packed[page]
        : files.cards
          ? (await cardFile(Math.floor(page / CARDS_PER_FILE)))[page % CARDS_PER_FILE]
          : undefined;
      if (!card) throw new Error(`搜索文件缺少第 ${page} 页的结果卡片`);
      return card;
    },
  };
}

/**
 * Pagefind, once per page, with the result bundle or the facet file at the same time;
 * `script` is Pagefind's script with the index entry inline, when the build wrote one.
 * Pagefind runs on the main thread: its worker would cost another 40 KB before the first
 * result, and searching this index takes milliseconds. A catalog indexed in shards is
 * one index by now (src/build/search/merge-index.ts).
 */
export function loadEngine(bundleUrl: string | undefined, files?: SearchFiles, script = STOCK_PAGEFIND): Promise<Engine> {
  loading ??= (async () => {
    const data = bundleUrl ? loadBundle(bundleUrl) : files ? loadFiles(files) : undefined;
    // Settled here, so a failed load is reported once, by the await below.
    data?.catch(() => {});
    const pf = (await import(/* @vite-ignore */ script)) as Pagefind;
    // Pagefind finds its folder from its script's name, which a hashed copy does not have.
    await pf.options({ noWorker: true, basePath: new URL('.', new URL(script, location.href)).pathname });
    await pf.init();
    if (bundleUrl) return { pf, bundle: (await data) as Map<string, BundlePage> };
    if (files) return { pf, files: (await data) as Files };
    throw new Error('搜索页既没有结果包，也没有搜索文件');
  })();
  // A failed load may succeed on the next search.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Results shown page by page. */
export interface ResultPages {
  next(want: number): Promise<ResultData[]>;
  readonly hasMore: boolean;
  /** Results in all. */
  readonly count: number;
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

/** Results from the search files: the matching pages known, their cards loaded a page at a time. */
export class CardResults implements ResultPages {
  private readonly pages: readonly number[];
  private readonly files: Files;
  private shown = 0;

  constructor(pages: readonly number[], files: Files) {
    this.pages = pages;
    this.files = files;
  }

  async next(want: number): Promise<ResultData[]> {
    const slice = this.pages.slice(this.shown, this.shown + want);
    const cards = await Promise.all(slice.map((p) => this.files.card(p)));
    this.shown += slice.length;
    return cards.map((card) => ({ url: cardUrl(card), content: '', meta: card.meta }));
  }

  get hasMore(): boolean {
    return this.shown < this.pages.length;
  }

  get count(): number {
    return this.pages.length;
  }
}

/**
 * A search answered with the search files: Pagefind finds the pages holding every pair
 * of the query, in its order (weighted so names come first), or every page when there
 * is no query; facets filter and count here, and a chosen sort orders by the sort file.
 * With no text to check against, a match is what Pagefind matched.
 */
export async function fileSearch(
  pf: Pagefind,
  files: Files,
  state: SearchState,
  term: string | null,
): Promise<{ results: CardResults; counts: Map<string, Map<string, number>> }> {
  let ids = term === null ? null : ((await pf.search(term))?.results ?? []).map((r) => Number.parseInt(r.id, 36));
  // Sorted first, so pages without the key are out of the counts too (as in a sorted Pagefind search).
  const sort = SORTS.find((s) => s.value === state.sort);
  if (sort?.key && sort.direction) {
    const all = ids ?? Array.from({ length: files.facets.pages }, (_, p) => p);
    ids = sortPages(all, (await files.sorts()).keys[sort.key] ?? [], sort.direction);
  }
  const found = pageSearch(files.facets, ids, state);
  return { results: new CardResults(found.pages, files), counts: found.counts };
}
