/**
 * The render order (src/build/render-order.ts): entry pages first, nothing lost, each
 * part in the order Astro gave it (the entry pages' own order is their address order).
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_ROUTE, entryPagesFirst } from '../src/build/render-order.ts';

const path = (pathname: string, component: string) => ({ pathname, route: { component } });

describe('entryPagesFirst', () => {
  it('puts the entry pages first and keeps both parts in their order', () => {
    const paths = [
      path('/404.html', 'src/pages/404.astro'),
      path('/menu/', 'src/pages/menu/index.astro'),
      path('/cases/a/', ENTRY_ROUTE),
      path('/topics/x/', 'src/pages/topics/[topic].astro'),
      path('/cases/b/', ENTRY_ROUTE),
      path('/sites/c/', ENTRY_ROUTE),
    ];
    expect(entryPagesFirst(paths).map((p) => p.pathname)).toEqual([
      '/cases/a/',
      '/cases/b/',
      '/sites/c/',
      '/404.html',
      '/menu/',
      '/topics/x/',
    ]);
    expect(entryPagesFirst([])).toEqual([]);
  });

  it('names the route file that exists', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(ENTRY_ROUTE)).toBe(true);
  });
});
