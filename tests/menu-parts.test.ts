/**
 * A long course menu in parts (src/shared/menu-parts.ts) and the paging of grouped lists
 * it shares with /changes/ (src/shared/paging.ts `pageGroups`): on the planner fixture's
 * menu, with page sizes small enough to cut it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../src/shared/catalog.ts';
import { ALL_AUDIENCES, audiencePages, menuGroups, pillarSegments, type MenuPillar } from '../src/shared/menu.ts';
import {
  isSplitMenu,
  MENU_PAGE_SIZE,
  pageSpanLabel,
  partHref,
  partPages,
  pillarSegment,
  topicAnchor,
  topicPages,
} from '../src/shared/menu-parts.ts';
import { pageGroups } from '../src/shared/paging.ts';
import { loadFixtureCatalog } from './helpers/catalogs.ts';

let catalog: Catalog;
let groups: MenuPillar[];

beforeAll(async () => {
  catalog = await loadFixtureCatalog('planner');
  groups = menuGroups(catalog);
});

/** A pillar with topics of the given sizes (course ids `t<topic>-<n>`). */
function pillar(sizes: number[]): MenuPillar {
  const topics = sizes.map((n, t) => ({
    label: `专题${t + 1}`,
    courses: Array.from({ length: n }, (_, i) => ({ id: `t${t + 1}-${i + 1}`, data: { hours: 1 } })),
    hours: n,
  })) as unknown as MenuPillar['topics'];
  return { label: '理论教育', topics, count: sizes.reduce((a, b) => a + b, 0), hours: sizes.reduce((a, b) => a + b, 0) };
}
const ids = (courses: { id: string }[]) => courses.map((c) => c.id);

describe('pageGroups', () => {
  it('cuts groups by item count and carries a cut group over to the next page', () => {
    const months = [
      { m: 'a', items: [1, 2, 3] },
      { m: 'b', items: [4, 5, 6, 7, 8] },
      { m: 'c', items: [9] },
    ];
    const pages = pageGroups(months, (g) => g.items, 4);
    expect(pages.map((p) => p.map((s) => [s.group.m, s.items, s.continued]))).toEqual([
      [
        ['a', [1, 2, 3], false],
        ['b', [4], false],
      ],
      [['b', [5, 6, 7, 8], true]],
      [['c', [9], false]],
    ]);
    expect(pages[1][0].index).toBe(1);
  });

  it('gives one empty page for nothing, and never an empty page after a full one', () => {
    expect(pageGroups([], (g: { items: number[] }) => g.items, 4)).toEqual([[]]);
    expect(pageGroups([{ items: [1, 2, 3, 4] }], (g) => g.items, 4)).toHaveLength(1);
  });
});

describe('menu parts', () => {
  it('keeps a menu of up to MENU_PAGE_SIZE courses on one page', () => {
    expect(MENU_PAGE_SIZE).toBeGreaterThanOrEqual(100);
    expect(isSplitMenu(groups)).toBe(false);
    expect(isSplitMenu(groups, 5)).toBe(false);
    expect(isSplitMenu(groups, 4)).toBe(true);
    expect(isSplitMenu([])).toBe(false);
  });

  it('pages a pillar in menu order, every course exactly once, topics continued across pages', () => {
    const p = pillar([3, 5, 1]);
    const pages = partPages(p, 4);
    expect(pages.map((pg) => [pg.page, pg.pages, pg.first, pg.last])).toEqual([
      [1, 3, 1, 4],
      [2, 3, 5, 8],
      [3, 3, 9, 9],
    ]);
    expect(pages.map((pg) => pg.slices.map((s) => [s.topic.label, s.index, ids(s.courses), s.continued]))).toEqual([
      [
        ['专题1', 0, ['t1-1', 't1-2', 't1-3'], false],
        ['专题2', 1, ['t2-1'], false],
      ],
      [['专题2', 1, ['t2-2', 't2-3', 't2-4', 't2-5'], true]],
      [['专题3', 2, ['t3-1'], false]],
    ]);
    expect(pages.flatMap((pg) => pg.slices.flatMap((s) => ids(s.courses)))).toEqual(p.topics.flatMap((t) => ids(t.courses)));
  });

  it('a pillar that fits is one page with whole topics', () => {
    const [only] = partPages(groups[0]);
    expect(only.pages).toBe(1);
    expect(only.slices.map((s) => s.topic)).toEqual(groups[0].topics);
    expect(only.slices.every((s) => !s.continued)).toBe(true);
  });

  it('tells on which pages each topic is, for the overview', () => {
    const spans = topicPages(pillar([3, 5, 1, 4]), 4);
    expect(spans).toEqual([
      { start: 1, end: 1 },
      { start: 1, end: 2 },
      { start: 3, end: 3 },
      { start: 3, end: 4 },
    ]);
    expect(spans.map(pageSpanLabel)).toEqual(['第 1 页', '第 1–2 页', '第 3 页', '第 3–4 页']);
  });

  it('links parts under the audience, or under /menu/all/ for every audience', () => {
    const pillars = pillarSegments(catalog.taxonomy.vocabularies.pillars.terms);
    const [first] = audiencePages(catalog.taxonomy.vocabularies.audiences.terms);
    const lilun = pillarSegment(pillars, '理论教育');
    expect(partHref(undefined, lilun)).toBe(`/menu/all/${encodeURIComponent('理论教育')}/`);
    expect(partHref(first, lilun, 3)).toBe(`/menu/${encodeURIComponent(first.segment)}/${encodeURIComponent('理论教育')}/page/3/`);
    expect(pillarSegment(pillars, '未知 板块').segment).toBe('未知-板块');
    expect(topicAnchor(0, 2)).toBe('topic-1-3');
  });

  it('keeps the all-audience segment free of audiences', () => {
    const pages = audiencePages([
      { label: '全体', slug: ALL_AUDIENCES, aliases: [] },
      { label: 'all', aliases: [] },
      { label: '县处级干部', slug: 'county', aliases: [] },
    ]);
    expect(pages.map((p) => p.segment)).toEqual(['all-2', 'all-3', 'county']);
  });
});
