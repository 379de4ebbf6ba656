/**
 * The search page (/search/): runs the search in the URL on load, keeps the URL in
 * step with every change (shareable; Back and Forward work), and renders results,
 * facet counts and library tabs. Pagefind itself is behind ./search-engine.ts.
 */
import { decodeCharMap, normaliseQuery } from '../../shared/search/fold.ts';
import { facetDef } from '../../shared/search/facets.ts';
import { localCounts } from '../../shared/search/local.ts';
import { pageSearch } from '../../shared/search/page-sets.ts';
import type { SearchFiles, SearchPageConfig } from '../../shared/search/wire-types.ts';
import {
  hasFilters,
  hasSingleCharacter,
  needles as needlesOf,
  pagefindTerm,
  parseState,
  stateToSearch,
  type SearchState,
} from '../../shared/search/query.ts';
import { queryUnits } from '../../shared/search/verify.ts';
import { fileSearch, ListResults, loadEngine, localSearch, type Engine, type ResultPages } from './search-engine.ts';
import { facetGroupsFor, resultItem, tabCounts } from './search-view.ts';

const PAGE_SIZE = 10;

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
let results: ResultPages = new ListResults([]);
const bundleUrl = app.dataset.results || undefined;
const { facets, sorts, cards } = app.dataset;
// No card folder when the facet file carries the cards (a small catalog).
const files: SearchFiles | undefined = facets && sorts ? { facets, sorts, cards: cards || undefined } : undefined;
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

/** Said after the count when a one-character word was looked for in names and summaries only. */
const SINGLE_CHARACTER_NOTE = '只有一个字的词，只在名称和简介中查找。';

function describe(count: number, note = ''): string {
  const scope = [state.lib ? libraries[state.lib] : '', Object.values(state.filters).some((v) => v.length) ? '已筛选' : '']
    .filter(Boolean)
    .join('，');
  const what = state.q ? `“${state.q}”` : '';
  if (count === 0)
    return `没有找到${what ? `与${what}相关的` : '符合条件的'}资源${scope ? `（${scope}）` : ''}。${note}可以换个说法，或减少筛选条件。`;
  return `找到 ${count} 条${what ? `与${what}相关的` : ''}结果${scope ? `（${scope}）` : ''}。${note}`;
}

/** Results and facet counts for the current state, from the bundle or the search files. */
async function search(
  engine: Engine,
  term: string | null,
  normalised: string,
): Promise<{ results: ResultPages; counts: Map<string, Map<string, number>> }> {
  if (engine.bundle) return localSearch(engine.pf, engine.bundle, state, term, queryUnits(normalised), map, normalised);
  return fileSearch(engine.pf, engine.files!, state, term);
}

/** Facet counts of the whole catalog, for the page before any query. */
function allCounts(engine: Engine): Map<string, Map<string, number>> {
  if (engine.bundle) return localCounts([...engine.bundle.values()], state);
  return pageSearch(engine.files!.facets, null, state).counts;
}

async function run() {
  const token = ++seq;
  setBusy(true);
  status.textContent = '正在搜索…';
  try {
    const engine = await loadEngine(bundleUrl, files, app.dataset.engine || undefined);
    const normalised = normaliseQuery(state.q, map);
    // Every result of the bundle is checked against its text, so fewer pairs do; the search files have no text to check.
    const term = pagefindTerm(normalised, { fewest: engine.bundle !== undefined, phrases: engine.bundle !== undefined });
    needles = needlesOf(normalised);
    if (term === null && !hasFilters(state)) {
      const counts = allCounts(engine);
      if (token !== seq) return;
      results = new ListResults([]);
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
    status.textContent = describe(count, app.dataset.lean !== undefined && hasSingleCharacter(normalised) ? SINGLE_CHARACTER_NOTE : '');
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
