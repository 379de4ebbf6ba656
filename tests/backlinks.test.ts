/** The 关联资源 of an entry page (src/shared/backlinks.ts) on the basic fixture. */
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKLINK_LIMIT, backlinkListHref, backlinkSections } from '../src/shared/backlinks.ts';
import type { Catalog } from '../src/shared/catalog.ts';
import { loadFixtureCatalog } from './helpers/catalogs.ts';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadFixtureCatalog('basic');
});

describe('backlink sections', () => {
  it("lists an instructor's courses, sites and cases, in that order, only kinds that have any", () => {
    const he = catalog.get('instructors', 'he-juzhang')!;
    const sections = backlinkSections(catalog, he);
    expect(sections.map((s) => [s.collection, s.heading])).toEqual([
      ['courses', '讲授的课程'],
      ['sites', '服务的现场教学点'],
      ['cases', '编写的案例'],
    ]);
    expect(sections[0].entries.map((e) => e.id).sort()).toEqual(['cungai-xianchang', 'wangge-zhili', 'zhizao-zhuanxing']);
  });

  it('gives a case its courses, and nothing to a course no program offers', () => {
    expect(backlinkSections(catalog, catalog.get('cases', 'dengta-anli')!).map((s) => s.heading)).toEqual(['使用本案例的课程']);
    expect(backlinkSections(catalog, catalog.get('courses', 'wangge-zhili')!)).toEqual([]);
  });

  it('links the full list under the entry', () => {
    expect(BACKLINK_LIMIT).toBeGreaterThanOrEqual(20);
    expect(backlinkListHref(catalog.get('instructors', 'he-juzhang')!, 'courses')).toBe('/instructors/he-juzhang/courses/');
  });
});
