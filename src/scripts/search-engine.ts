/**
 * The search page's side of Pagefind: loading it, reading facet counts, and turning
 * Pagefind's candidates into checked, ordered results page by page.
 */
import { originalContent } from '../lib/search/excerpt.ts';
import { foldText, type CharMap } from '../lib/search/fold.ts';
import { FILTER, splitFilterValue } from '../lib/search/query.ts';
import { matchScore, prominence } from '../lib/search/verify.ts';
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
}

const PAGEFIND = '/pagefind/pagefind.js';
let loading: Promise<Pagefind> | undefined;

/**
 * Pagefind, once per page. It runs on the main thread: its worker would cost another
 * 40 KB before the first result, and searching this index takes milliseconds.
 */
export function loadPagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const pf = (await import(/* @vite-ignore */ PAGEFIND)) as Pagefind;
    await pf.options({ noWorker: true });
    await pf.init();
    // Facet counts come only from loaded filter data: load it (one file) up front.
    await pf.filters();
    return pf;
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

/** Candidates checked before concluding that a query matches nothing for real (rounded up to whole batches). */
const GIVE_UP_AFTER = 30;

/**
 * Pagefind's candidates for one search, checked in batches against the query (their
 * fragments are needed to show them anyway; see lib/search/verify.ts). Within a batch,
 * pages containing more of the query come first, then those where the whole query
 * stands in the name, summary or text (`prominence`), unless `keepOrder` (a chosen sort).
 */
export class CheckedResults {
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

  /** `matchScore` plus `prominence`, or null for a page that doesn't match. */
  private score(d: ResultData): number | null {
    if (!this.units.length) return 0;
    const text = foldText(`${originalContent(d.content)} ${Object.values(d.meta).join(' ')}`, this.map);
    const score = matchScore(text, this.units);
    if (score === null) return null;
    const fold = (s: string | undefined) => foldText(s ?? '', this.map);
    return score + prominence(this.query, { name: fold(d.meta.name || d.meta.title), summary: `${fold(d.meta.summary)} ${fold(d.meta.facts)}`, text });
  }

  /** The next `want` results (fewer at the end). */
  async next(want: number): Promise<ResultData[]> {
    while (this.ready.length < want && this.examined < this.candidates.length) {
      if (this.shown + this.ready.length === 0 && this.examined >= GIVE_UP_AFTER) break;
      const slice = this.candidates.slice(this.examined, this.examined + this.batch);
      this.examined += slice.length;
      const data = await Promise.all(slice.map((r) => r.data()));
      // Checked against the visible text only: the search-only part lists single characters.
      const checked = data.map((d) => ({ data: d, score: this.score(d) }));
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
