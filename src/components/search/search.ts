/**
 * The search page (/search/): runs the search in the URL on load, keeps the URL in
 * step with every change (shareable; Back and Forward work), and renders results,
 * facet counts and library tabs. Pagefind itself is behind ./search-engine.ts.
 */
import { decodeCharMap, normaliseQuery } from '../../shared/search/fold.ts';
import { facetDef } from '../../shared/search/facets.ts';
import { localCounts } from '../../shared/search/local.ts';
import type { SearchPageConfig } from '../../shared/search/wire-types.ts';
import {
  chosenGroups,
  hasFilters,
  needles as needlesOf,
  pagefindFilters,
  pagefindSort,
  pagefindTerm,
  parseState,
  stateToSearch,
  type SearchState,
} from '../../shared/search/query.ts';
import { queryUnits } from '../../shared/search/verify.ts';
import { CheckedResults, countsOf, loadEngine, localSearch, type Engine, type ResultPages } from './search-engine.ts';
import { facetGroupsFor, resultItem, tabCounts } from './search-view.ts';

const PAGE_SIZE = 10;
/**
 * Candidates checked at a time without the result bundle: twice a page, so the first page is the best ten of
 * Pagefind's first twenty. For a query found in many entries Pagefind's order (by
 * word counts) often has the entry where the query stands whole, in the name or
 * summary, just past tenth; the check ranks it back in (scripts/bench/search-recall.ts:
 * fair queries in the top ten 99.1% → 99.7% on the sample). Costs up to ten more
 * fragment requests on a broad first search; the extra ten are the next page.
 */
const CHECK_BATCH = 2 * PAGE_SIZE;

const app = document.querySelector<HTMLElement>('[data-search-app]')!;
const config: SearchPageConfig = JSON.parse(document.getElementById('search-config')!.textContent!);
const map = decodeCharMap(config.fold);
const libraries = Object.fromEntries(config.libraries.map((l) => [l.key, l.label]));
const form = app.querySelector<HTMLFormElement>('[data-search-form]')!;
const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
const sortSelect = app.querySelector<HTMLSelectElement>('[data-search-sort]')!;
const tabs = [...app.querySelectorAll<HTMLAnchorElement>('[data-search-tab]')];
const facetBox = app.querySelector<HTMLElement>('[data-search-facets]')!;
const resultsBox = app.querySelector<HTMLElement>('[data-search-results]')!;
const list = resultsBox.querySelector<HTMLOListElement>('ol')!;
const status = app.querySelector<HTMLElement>('[data-search-status]')!;
const more = app.querySelector<HTMLButtonElement>('[data-search-more]')!;
const empty = resultsBox.querySelector<HTMLElement>('[data-search-empty]')!;

let state: SearchState = parseState(new URLSearchParams(location.search));
let seq = 0;
let results: ResultPages = new CheckedResults([], [], new Map(), false);
const bundleUrl = app.dataset.results || undefined;
const shards = (app.dataset.shards ?? '').split(' ').filter(Boolean);
let needles: string[] = [];
const openGroups = new Set<string>();

function showEmpty(message: string) {
  empty.textContent = message;
  empty.hidden = message === '';
}

function setBusy(busy: boolean, failed = false) {
  resultsBox.dataset.searchState = failed ? 'error' : busy ? 'searching' : 'done';
  resultsBox.setAttribute('aria-busy', String(busy));
}

/** URL → controls (on load and on back/forward). */
function syncControls() {
  input.value = state.q;
  sortSelect.value = state.sort;
  for (const tab of tabs) {
    const lib = tab.dataset.searchTab ?? '';
    const next: SearchState = { ...state, lib, filters: keepApplicable(state.filters, lib) };
    tab.href = `/search/${stateToSearch(next)}`;
    if (lib === state.lib) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
}

/** Facets that don't exist in a library are dropped when switching to it. */
function keepApplicable(filters: SearchState['filters'], lib: string): SearchState['filters'] {
  if (!lib) return filters;
  return Object.fromEntries(Object.entries(filters).filter(([key]) => facetDef(key)?.libraries.includes(lib as never)));
}

function navigate(next: SearchState, mode: 'push' | 'replace') {
  state = next;
  const url = `${location.pathname}${stateToSearch(state)}`;
  if (url !== `${location.pathname}${location.search}`) history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url);
  syncControls();
  void run();
}

function renderFacets(counts: Map<string, Map<string, number>>) {
  const focused =
    document.activeElement instanceof HTMLInputElement && facetBox.contains(document.activeElement) ? document.activeElement : null;
  facetBox.replaceChildren(facetGroupsFor(config.orders, state, counts, openGroups, libraries));
  if (focused)
    facetBox.querySelector<HTMLInputElement>(`input[name="${CSS.escape(focused.name)}"][value="${CSS.escape(focused.value)}"]`)?.focus();
}

async function showPage(token: number) {
  const data = await results.next(PAGE_SIZE);
  if (token !== seq) return;
  list.append(...data.map((d) => resultItem(d, needles, map, libraries, config.badges)));
  more.hidden = !results.hasMore;
}

function describe(count: number): string {
  const scope = [state.lib ? libraries[state.lib] : '', Object.values(state.filters).some((v) => v.length) ? '已筛选' : '']
    .filter(Boolean)
    .join('，');
  const what = state.q ? `“${state.q}”` : '';
  if (count === 0)
    return `没有找到${what ? `与${what}相关的` : '符合条件的'}资源${scope ? `（${scope}）` : ''}。可以换个说法，或减少筛选条件。`;
  return `找到 ${count} 条${what ? `与${what}相关的` : ''}结果${scope ? `（${scope}）` : ''}。`;
}

/** Results and facet counts for the current state, from the bundle or from Pagefind. */
async function search(
  engine: Engine,
  term: string | null,
  normalised: string,
): Promise<{ results: ResultPages; counts: Map<string, Map<string, number>> }> {
  const units = queryUnits(normalised);
  if (engine.bundle) return localSearch(engine.pf, engine.bundle, state, term, units, map, normalised);
  const { pf } = engine;
  const sort = pagefindSort(state);
  const main = await pf.search(term, { filters: pagefindFilters(state), sort });
  // Counts for a group with ticked values (and for the tabs) leave that group out.
  const counts = countsOf(main?.filters);
  for (const key of chosenGroups(state)) {
    const other = countsOf((await pf.search(term, { filters: pagefindFilters(state, key), sort }))?.filters);
    counts.set(key, other.get(key) ?? new Map());
  }
  // A chosen sort order is kept as Pagefind returns it.
  return { results: new CheckedResults(main?.results ?? [], units, map, state.sort !== '', CHECK_BATCH, normalised), counts };
}

/** Facet counts of the whole catalog, for the page before any query. */
async function allCounts(engine: Engine): Promise<Map<string, Map<string, number>>> {
  if (engine.bundle) return localCounts([...engine.bundle.values()], state);
  return countsOf(await engine.pf.filters());
}

async function run() {
  const token = ++seq;
  setBusy(true);
  status.textContent = '正在搜索…';
  try {
    const engine = await loadEngine(bundleUrl, shards);
    const normalised = normaliseQuery(state.q, map);
    const term = pagefindTerm(normalised, { fewest: engine.bundle !== undefined });
    needles = needlesOf(normalised);
    if (term === null && !hasFilters(state)) {
      const counts = await allCounts(engine);
      if (token !== seq) return;
      results = new CheckedResults([], [], map, false);
      list.replaceChildren();
      more.hidden = true;
      tabCounts(tabs, counts.get('lib'));
      renderFacets(counts);
      status.textContent = '输入关键词搜索全部资源，或在左侧按分类浏览。';
      showEmpty('请输入关键词。');
      setBusy(false);
      return;
    }
    const found = await search(engine, term, normalised);
    if (token !== seq) return;
    results = found.results;
    list.replaceChildren();
    await showPage(token);
    if (token !== seq) return;
    const count = results.count;
    tabCounts(tabs, count ? found.counts.get('lib') : new Map());
    renderFacets(count ? found.counts : new Map());
    status.textContent = describe(count);
    showEmpty(count === 0 ? '没有找到结果。请检查用字，换一个说法，或减少筛选条件。' : '');
    setBusy(false);
  } catch (error) {
    if (token !== seq) return;
    console.error(error);
    status.textContent = '搜索暂时不可用：搜索索引没有加载成功。请稍后重试，或直接浏览各资源库。';
    showEmpty(status.textContent);
    setBusy(false, true);
  }
}

let typing: ReturnType<typeof setTimeout> | undefined;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  navigate({ ...state, q: input.value.trim() }, 'push');
});

// Results follow typing; the URL is replaced rather than pushed, so Back doesn't
// step through every keystroke.
input.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => navigate({ ...state, q: input.value.trim() }, 'replace'), 350);
});

sortSelect.addEventListener('change', () => navigate({ ...state, sort: sortSelect.value }, 'push'));

for (const tab of tabs) {
  tab.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const lib = tab.dataset.searchTab ?? '';
    navigate({ ...state, lib, filters: keepApplicable(state.filters, lib) }, 'push');
  });
}

facetBox.addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
  const current = state.filters[box.name] ?? [];
  const values = box.checked ? [...current, box.value] : current.filter((v) => v !== box.value);
  const filters = { ...state.filters, [box.name]: values };
  if (values.length === 0) delete filters[box.name];
  navigate({ ...state, filters }, 'push');
});

facetBox.addEventListener(
  'toggle',
  (event) => {
    const details = event.target as HTMLDetailsElement;
    const key = details.dataset?.facet;
    if (key) details.open ? openGroups.add(key) : openGroups.delete(key);
  },
  true,
);

more.addEventListener('click', async () => {
  const token = seq;
  setBusy(true);
  await showPage(token);
  if (token === seq) setBusy(false);
});

window.addEventListener('popstate', () => {
  state = parseState(new URLSearchParams(location.search));
  syncControls();
  void run();
});

// On a phone the filters start folded, so the results come first.
const filterPane = app.querySelector<HTMLDetailsElement>('[data-search-facet-box]');
if (filterPane && matchMedia('(max-width: 48rem)').matches) filterPane.open = false;

syncControls();
void run();
