/**
 * The 关联资源 section of an entry page: who points at the entry (an instructor's
 * courses, sites and cases; a case's courses …). An instructor may teach hundreds of
 * courses, so the page lists the first `BACKLINK_LIMIT` of a kind and links the rest
 * to a paged list under the entry, `/<library>/<id>/<collection>/`.
 */
import type { Catalog, CatalogEntry } from './catalog.ts';
import type { Collection } from '../schemas/index.ts';

/** Links of one kind an entry page shows before linking to the full list. */
export const BACKLINK_LIMIT = 50;

const HEADINGS: Partial<Record<Collection, Partial<Record<Collection, string>>>> = {
  instructors: { courses: '讲授的课程', sites: '服务的现场教学点', cases: '编写的案例', programs: '参与的培训班次' },
  cases: { courses: '使用本案例的课程' },
  sites: { courses: '安排本教学点的课程', cases: '相关案例', programs: '安排本教学点的培训班次' },
  courses: { programs: '开设本课程的培训班次' },
};

/** One kind of backlink: its heading and every entry of that kind. */
export interface BacklinkSection {
  collection: Collection;
  heading: string;
  entries: CatalogEntry[];
}

/** The entry's non-empty backlink sections, in display order. */
export function backlinkSections(catalog: Catalog, entry: CatalogEntry): BacklinkSection[] {
  const links = catalog.backlinks(entry);
  return Object.entries(HEADINGS[entry.collection] ?? {})
    .map(([collection, heading]) => ({ collection: collection as Collection, heading, entries: links[collection as Collection] }))
    .filter((s) => s.entries.length > 0);
}

/** The full list of one kind of backlink: `/<library>/<id>/<collection>/`. */
export function backlinkListHref(entry: CatalogEntry, collection: Collection): string {
  return `/${entry.collection}/${entry.id}/${collection}/`;
}
