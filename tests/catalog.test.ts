import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../src/shared/catalog.ts';
import { addMonths, isReviewDue } from '../src/shared/dates.ts';
import { factsOf, mapLinks } from '../src/shared/facts.ts';
import { idsIn, referencesOf } from '../src/shared/refs.ts';
import { schoolTree } from '../src/shared/schools.ts';
import { loadFixtureCatalog } from './helpers/catalogs.ts';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadFixtureCatalog('basic');
});

const ids = (list: Array<{ id: string }>) => list.map((e) => e.id).sort();

describe('references', () => {
  it('lists every reference of a program with its field path', () => {
    const refs = referencesOf('programs', {
      owner: 'city-school',
      sessions: [{ course: 'a' }, { site: 's', instructors: ['x', 'y'] }],
    });
    expect(refs).toEqual([
      { path: ['owner'], to: 'schools', id: 'city-school' },
      { path: ['sessions', 0, 'course'], to: 'courses', id: 'a' },
      { path: ['sessions', 1, 'site'], to: 'sites', id: 's' },
      { path: ['sessions', 1, 'instructors', 0], to: 'instructors', id: 'x' },
      { path: ['sessions', 1, 'instructors', 1], to: 'instructors', id: 'y' },
    ]);
  });

  it('reads plain ids, once each (Astro reference objects are converted at load, not here)', () => {
    expect(idsIn('courses', { instructors: ['x', 'y', 'x'] }, 'instructors')).toEqual(['x', 'y']);
    expect(idsIn('courses', { instructors: [{ id: 'x', collection: 'instructors' }, 'y'] }, 'instructors')).toEqual(['y']);
  });
});

describe('catalog', () => {
  it('never publishes 内部 cases, not even as back-links', () => {
    expect(catalog.get('cases', 'neibu-fupan')).toBeUndefined();
    expect(ids(catalog.list('cases'))).toEqual(['cungai-anli', 'dengta-anli']);
    const author = catalog.get('instructors', 'lin-jiaoshou')!;
    expect(ids(catalog.backlinks(author).cases)).toEqual(['dengta-anli']);
  });

  it("builds an instructor's back-links: courses taught, sites served, cases written, programs", () => {
    const he = catalog.backlinks(catalog.get('instructors', 'he-juzhang')!);
    expect(ids(he.courses)).toEqual(['cungai-xianchang', 'wangge-zhili', 'zhizao-zhuanxing']);
    expect(ids(he.sites)).toEqual(['cungai-yuanqu']);
    expect(ids(he.cases)).toEqual(['cungai-anli']);
    const yin = catalog.backlinks(catalog.get('instructors', 'yin-gongjiang')!);
    expect(ids(yin.programs)).toEqual(['zhizao-ban']);
  });

  it("builds a case's and a site's back-links", () => {
    expect(ids(catalog.backlinks(catalog.get('cases', 'dengta-anli')!).courses)).toEqual(['zhizao-zhuanxing']);
    const site = catalog.backlinks(catalog.get('sites', 'dengta-gongchang')!);
    expect(ids(site.courses)).toEqual(['zhizao-zhuanxing']);
    expect(ids(site.cases)).toEqual(['dengta-anli']);
    expect(ids(site.programs)).toEqual(['zhizao-ban']);
    expect(ids(catalog.backlinks(catalog.get('courses', 'cungai-xianchang')!).programs)).toEqual(['zhizao-ban']);
  });

  it('keeps publish:false instructors as data but gives them no page', () => {
    const yin = catalog.get('instructors', 'yin-gongjiang')!;
    expect(catalog.hasPage(yin)).toBe(false);
    expect(catalog.href(yin)).toBeUndefined();
    expect(ids(catalog.listed('instructors'))).not.toContain('yin-gongjiang');
    const course = catalog.get('courses', 'cungai-xianchang')!;
    const teachers = factsOf(catalog, course).find((f) => f.label === '授课教师')!;
    expect(teachers.links).toContainEqual({ text: '殷师傅', href: undefined, note: undefined });
  });

  it('marks retired entries and reviews past review_months', () => {
    expect(catalog.isRetired(catalog.get('courses', 'dangxing-jiaoyu')!)).toBe(true);
    expect(catalog.isRetired(catalog.get('sites', 'hongse-jidi')!)).toBe(true);
    expect(catalog.isReviewDue(catalog.get('courses', 'dangxing-jiaoyu')!)).toBe(true);
    expect(catalog.isReviewDue(catalog.get('courses', 'zhizao-zhuanxing')!)).toBe(false);
  });

  it('groups entries by topic (aliases already mapped to labels) and by owner', () => {
    expect(ids(catalog.byTopic('基层治理').cases)).toEqual(['cungai-anli']);
    expect(ids(catalog.ownedBy('town-school').sites)).toEqual(['cungai-yuanqu']);
  });

  it('orders schools as a tree', () => {
    expect(schoolTree(catalog.schools).map((s) => [s.school.id, s.depth])).toEqual([
      ['city-school', 0],
      ['town-school', 1],
    ]);
  });
});

describe('facts and dates', () => {
  it('shows fields in human form', () => {
    const facts = Object.fromEntries(
      factsOf(catalog, catalog.get('sites', 'dengta-gongchang')!).map((f) => [f.label, f.text ?? f.links?.map((l) => l.text).join('、')]),
    );
    expect(facts).toMatchObject({
      时长: '1 小时 30 分钟',
      容纳人数: '每批 40 人',
      预约: '需提前 7 天预约',
      状态: '已纳入（2024年5月1日 纳入）',
    });
  });

  it('links maps in the coordinate system of the data', () => {
    expect(mapLinks({ lat: 22.6, lng: 113.1, crs: 'GCJ02' }, '点')[0].href).toContain('coordinate=gaode');
    const wgs = mapLinks({ lat: 22.6, lng: 113.1, crs: 'WGS84' }, '点');
    expect(wgs.map((l) => l.href)).toEqual([expect.stringContaining('coordinate=wgs84'), 'geo:22.6,113.1']);
  });

  it('adds calendar months and decides when a review is due', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 12)).toBe('2026-11-15');
    expect(isReviewDue('2025-11-15', 12, '2026-11-15')).toBe(false);
    expect(isReviewDue('2025-11-15', 12, '2026-11-16')).toBe(true);
  });
});
