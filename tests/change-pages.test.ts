/** The pages of /changes/ (`changePages`): newest first, months cut where a page ends. */
import { describe, expect, it } from 'vitest';
import { CHANGES_PAGE_SIZE, changePages, PAGE_LIMIT, type ChangeLog, type ChangeMonth } from '../src/build/changes.ts';

function log(sizes: Record<string, number>): ChangeLog {
  const months: ChangeMonth[] = Object.entries(sizes).map(([month, n]) => ({
    month,
    items: Array.from({ length: n }, (_, i) => ({ key: `courses/${month}-${i}` }) as ChangeMonth['items'][number]),
  }));
  const shown = months.reduce((a, m) => a + m.items.length, 0);
  return { source: 'git', months, total: shown, shown };
}

describe('changePages', () => {
  it('cuts the log into pages, a month carried over keeps its full count', () => {
    const pages = changePages(log({ '2026-05': 2, '2026-04': 3, '2026-03': 1 }), 4);
    expect(pages.map((p) => [p.page, p.pages])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(pages.map((p) => p.months.map((m) => [m.month, m.items.length, m.count, m.continued]))).toEqual([
      [
        ['2026-05', 2, 2, false],
        ['2026-04', 2, 3, false],
      ],
      [
        ['2026-04', 1, 3, true],
        ['2026-03', 1, 1, false],
      ],
    ]);
  });

  it('an empty log is one empty page', () => {
    expect(changePages(log({}))).toEqual([{ page: 1, pages: 1, months: [] }]);
  });

  it('the newest PAGE_LIMIT items take a handful of pages', () => {
    const pages = changePages(log({ '2026-05': PAGE_LIMIT }));
    expect(pages).toHaveLength(Math.ceil(PAGE_LIMIT / CHANGES_PAGE_SIZE));
    expect(pages.every((p) => p.months[0].items.length <= CHANGES_PAGE_SIZE)).toBe(true);
  });
});
