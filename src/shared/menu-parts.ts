/**
 * A long course menu in parts. Up to `MENU_PAGE_SIZE` courses a menu is one page, as it
 * always was; beyond that (a catalog of thousands of courses would make a page of
 * megabytes) `/menu/<audience>/` becomes an overview of the 内容板块 and their 专题, and
 * each 内容板块 gets its own part, `/menu/<audience>/<pillar>/`, paged within by
 * `page/<n>/` like the library lists. A 专题 that runs over a page break continues on
 * the next page under the same heading, marked 续.
 */
import type { CourseEntry } from './catalog.ts';
import { ALL_AUDIENCES, type AudiencePage, type MenuPillar, type MenuTopic } from './menu.ts';
import { pageGroups, pageHref } from './paging.ts';

/**
 * Most courses on one menu page. A row is about 300 bytes of HTML, so a full page stays
 * near 80 KB, well under the 200 KB page budget, and prints as a handful of A4 sheets.
 */
export const MENU_PAGE_SIZE = 200;

/** Whether a menu is too long for one page and is shown as an overview with parts. */
export function isSplitMenu(groups: readonly MenuPillar[], size = MENU_PAGE_SIZE): boolean {
  return groups.reduce((n, g) => n + g.count, 0) > size;
}

/** The courses of one 专题 that fall on one page of its 内容板块. */
export interface MenuTopicSlice {
  topic: MenuTopic;
  /** The topic's position in its pillar (0-based), for stable anchors. */
  index: number;
  courses: CourseEntry[];
  /** The topic began on an earlier page. */
  continued: boolean;
}

/** One page of a 内容板块's part. */
export interface MenuPartPage {
  page: number;
  pages: number;
  slices: MenuTopicSlice[];
  /** 1-based positions of the page's first and last course within the pillar. */
  first: number;
  last: number;
}

/** A pillar's courses, in menu order, cut into pages of `size`. */
export function partPages(pillar: MenuPillar, size = MENU_PAGE_SIZE): MenuPartPage[] {
  const pages = pageGroups(pillar.topics, (t) => t.courses, size);
  return pages.map((slices, i) => ({
    page: i + 1,
    pages: pages.length,
    slices: slices.map((s) => ({ topic: s.group, index: s.index, courses: s.items, continued: s.continued })),
    first: i * size + 1,
    last: Math.min(pillar.count, (i + 1) * size),
  }));
}

/** The pages of a pillar's part each of its topics spans (1-based), by topic position. */
export function topicPages(pillar: MenuPillar, size = MENU_PAGE_SIZE): { start: number; end: number }[] {
  let before = 0;
  return pillar.topics.map((topic) => {
    const start = Math.floor(before / size) + 1;
    before += topic.courses.length;
    return { start, end: Math.max(start, Math.floor((before - 1) / size) + 1) };
  });
}

/** 第 n 页, or 第 n–m 页 for a topic over several pages. */
export function pageSpanLabel({ start, end }: { start: number; end: number }): string {
  return start === end ? `第 ${start} 页` : `第 ${start}–${end} 页`;
}

/** `/menu/<audience>/<pillar>/` (all audiences: `/menu/all/<pillar>/`), then `page/<n>/`. */
export function partHref(audience: AudiencePage | undefined, pillar: AudiencePage, page = 1): string {
  const base = `/menu/${encodeURIComponent(audience?.segment ?? ALL_AUDIENCES)}/${encodeURIComponent(pillar.segment)}/`;
  return pageHref(base, page);
}

/** The anchor of a topic's table: the same on the one-page menu and on a part. */
export function topicAnchor(pillarIndex: number, topicIndex: number): string {
  return `topic-${pillarIndex + 1}-${topicIndex + 1}`;
}

/** A pillar's URL segment; a label the vocabulary lacks (never, after the checker) stands for itself. */
export function pillarSegment(segments: readonly AudiencePage[], label: string): AudiencePage {
  return segments.find((s) => s.label === label) ?? { label, segment: label.replace(/[/\\?#%\s]+/g, '-') };
}
