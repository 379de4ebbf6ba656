/**
 * DOM rendering for the search page: result cards, facet groups, library tabs. Text
 * always goes in as text nodes (never innerHTML), so content can't inject markup.
 */
import { excerpt, hasMatch, highlight, originalContent, type Segment } from '../../shared/search/excerpt.ts';
import { FACETS, regionDisplay, sortFacetValues, type FacetDef } from '../../shared/search/facets.ts';
import type { CharMap } from '../../shared/search/fold.ts';
import type { SearchState } from '../../shared/search/query.ts';

/** What Pagefind's `data()` gives us (the parts we use). */
export interface ResultData {
  url: string;
  content: string;
  meta: Record<string, string>;
}

export interface FacetValue {
  value: string;
  count: number;
  checked: boolean;
}

export interface FacetGroup {
  def: FacetDef;
  values: FacetValue[];
}

/**
 * Its own tiny element builder rather than ../browser.ts's `h`: the search page's
 * script is inlined only while it imports no chunk shared with other pages, and a
 * shared helper would cost a request on every first search.
 */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function segmentsTo(parent: HTMLElement, segments: Segment[]): HTMLElement {
  for (const s of segments) parent.append(s.mark ? el('mark', {}, s.text) : s.text);
  return parent;
}

/**
 * One result: the title is the row's only link (tests and users count on the first ten
 * links being the first ten results), then library and key facts, the summary, and a
 * body excerpt when the match is not in the title or summary.
 */
export function resultItem(
  data: ResultData,
  needles: string[],
  map: CharMap,
  libraries: Record<string, string>,
  /** Mark label → class (`SearchPageConfig.badges`, from src/shared/status.ts). */
  badgeClasses: Record<string, string>,
): HTMLLIElement {
  const meta = data.meta;
  const name = meta.name || meta.title || data.url;
  const summary = meta.summary ?? '';
  const item = el('li', { class: 'result' });
  const heading = el('h3');
  heading.append(segmentsTo(el('a', { href: data.url }), highlight(name, needles, map)));
  const badges = (meta.badges ?? '').split(' ').filter(Boolean);
  if (badges.length)
    heading.append(
      ' ',
      el(
        'span',
        { class: 'badges' },
        ...badges.map((b) => el('span', { class: `badge badge-${Object.hasOwn(badgeClasses, b) ? badgeClasses[b] : 'trial'}` }, b)),
      ),
    );
  item.append(heading);
  const facts = [libraries[meta.lib] ?? '', ...(meta.facts ? [meta.facts] : [])].filter(Boolean).join(' · ');
  item.append(el('p', { class: 'result-meta' }, facts));
  if (summary)
    item.append(segmentsTo(el('p', { class: 'result-summary' }), excerpt(summary, needles, map, 140) ?? [{ text: summary, mark: false }]));
  if (needles.length && !hasMatch(name, needles, map) && !hasMatch(summary, needles, map)) {
    let text = originalContent(data.content);
    for (const known of [name, summary]) if (known && text.startsWith(known)) text = text.slice(known.length).replace(/^[\s.]+/, '');
    const body = excerpt(text, needles, map, 90);
    if (body) item.append(segmentsTo(el('p', { class: 'result-excerpt' }, el('span', { class: 'visually-hidden' }, '匹配内容：')), body));
  }
  if (meta.plan === '1' && meta.id) {
    item.append(
      el(
        'p',
        { class: 'result-actions no-print' },
        el('button', { type: 'button', class: 'plan-add', 'data-plan-add': meta.id }, '加入培训方案'),
      ),
    );
  }
  return item;
}

/** How a facet value reads in the list: library names, regions by their last level. */
export function valueText(key: string, value: string, libraries: Record<string, string>): { text: string; depth: number } {
  if (key === 'lib') return { text: libraries[value] ?? value, depth: 0 };
  if (key === 'region') return regionDisplay(value);
  if (key === 'year') return { text: `${value} 年`, depth: 0 };
  return { text: value, depth: 0 };
}

/**
 * Facet groups as collapsible fieldsets of checkboxes with counts. `open` keeps the
 * groups the user opened; a group with a ticked value is always open.
 */
export function facetGroups(groups: FacetGroup[], open: Set<string>, libraries: Record<string, string>): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const { def, values } of groups) {
    const ticked = values.filter((v) => v.checked).length;
    const details = el('details', { class: 'facet', 'data-facet': def.key });
    details.open = ticked > 0 || open.has(def.key);
    details.append(el('summary', {}, def.label, ticked ? el('span', { class: 'count' }, `（已选 ${ticked}）`) : ''));
    const fieldset = el('fieldset', {}, el('legend', { class: 'visually-hidden' }, def.label));
    const list = el('ul');
    for (const v of values) {
      const { text, depth } = valueText(def.key, v.value, libraries);
      const input = el('input', { type: 'checkbox', name: def.key, value: v.value });
      input.checked = v.checked;
      const label = el(
        'label',
        def.key === 'region' ? { title: v.value } : {},
        input,
        ` ${text} `,
        el('span', { class: 'count' }, `(${v.count})`),
      );
      list.append(el('li', depth ? { style: `padding-left:${depth}em` } : {}, label));
    }
    fieldset.append(list);
    details.append(fieldset);
    out.append(details);
  }
  return out;
}

/**
 * The facet pane for a state: groups that apply to the chosen library, values with a
 * count (and ticked ones even at zero) in display order.
 */
export function facetGroupsFor(
  orders: Record<string, string[]>,
  state: SearchState,
  counts: Map<string, Map<string, number>>,
  open: Set<string>,
  libraries: Record<string, string>,
): Node {
  const groups: FacetGroup[] = [];
  for (const def of FACETS) {
    if (def.key === 'lib' || (state.lib && !def.libraries.includes(state.lib as never))) continue;
    const values = counts.get(def.key) ?? new Map<string, number>();
    const selected = state.filters[def.key] ?? [];
    const names = sortFacetValues(def.key, [...[...values].filter(([, n]) => n > 0).map(([v]) => v), ...selected], orders[def.key]);
    if (names.length)
      groups.push({ def, values: names.map((value) => ({ value, count: values.get(value) ?? 0, checked: selected.includes(value) })) });
  }
  return groups.length ? facetGroups(groups, open, libraries) : document.createTextNode('没有可用的筛选项。');
}

/** Result counts on the library tabs ("全部" is their sum). */
export function tabCounts(tabs: HTMLAnchorElement[], counts: Map<string, number> | undefined): void {
  let total = 0;
  for (const n of counts?.values() ?? []) total += n;
  for (const tab of tabs) {
    const lib = tab.dataset.searchTab ?? '';
    const badge = tab.querySelector('.count');
    if (badge) badge.textContent = counts ? `(${lib ? (counts.get(lib) ?? 0) : total})` : '';
  }
}
