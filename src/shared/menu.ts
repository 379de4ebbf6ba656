/**
 * The course menu (菜单式选学): usable courses grouped by 内容板块, then by 专题, for all
 * audiences or one. A course sits under its first topic only, so each course appears
 * once per menu and the printed menu has no duplicates.
 */
import type { Catalog, CourseEntry } from './catalog.ts';
import type { School } from './catalog.ts';
import type { Term } from '../schemas/index.ts';
import { topicHref } from './href.ts';
import { usableCourses } from './plan/build-data.ts';

/** A vocabulary term in a menu URL: `/menu/<audience>/`, `/menu/<audience>/<pillar>/`. */
export interface AudiencePage {
  label: string;
  /** URL segment: the term's slug, else the label with URL-breaking characters replaced. */
  segment: string;
}

/**
 * Where the all-audience menu's parts live (`/menu/all/<pillar>/`); no audience may take
 * this segment, so an audience called "all" becomes `all-2`.
 */
export const ALL_AUDIENCES = 'all';

/** One menu page per audience term, with unique URL segments. */
export function audiencePages(terms: Term[]): AudiencePage[] {
  return termSegments(terms, [ALL_AUDIENCES]);
}

/** The 内容板块 terms with their URL segments, for the parts of a long menu. */
export function pillarSegments(terms: Term[]): AudiencePage[] {
  return termSegments(terms);
}

/** Unique URL segments for terms, none of them in `reserved`. */
function termSegments(terms: Term[], reserved: string[] = []): AudiencePage[] {
  const used = new Set<string>(reserved);
  return terms.map((term) => {
    const base = term.slug ?? term.label.replace(/[/\\?#%\s]+/g, '-');
    let segment = base;
    for (let n = 2; used.has(segment); n++) segment = `${base}-${n}`;
    used.add(segment);
    return { label: term.label, segment };
  });
}

/** The page's URL, percent-encoded (labels may be Chinese). */
export function audienceHref(page: AudiencePage): string {
  return `/menu/${encodeURIComponent(page.segment)}/`;
}

/** A topic's courses within one 内容板块. */
export interface MenuTopic {
  label: string;
  /** `/topics/<slug>/` when the topic has a page. */
  href?: string;
  courses: CourseEntry[];
  hours: number;
}

/** One 内容板块 of the menu with its topics. */
export interface MenuPillar {
  label: string;
  topics: MenuTopic[];
  count: number;
  hours: number;
}

/** Vocabulary order first; labels the vocabulary lacks (never, after the checker) last. */
function ordered(labels: Iterable<string>, order: string[]): string[] {
  const set = new Set(labels);
  return [...order.filter((l) => set.has(l)), ...[...set].filter((l) => !order.includes(l))];
}

/** The menu for one audience (or all when `audience` is undefined). Empty groups are left out. */
export function menuGroups(catalog: Catalog, audience?: string): MenuPillar[] {
  const courses = usableCourses(catalog).filter((c) => audience === undefined || c.data.audiences.includes(audience));
  const topicTerms = catalog.taxonomy.vocabularies.topics.terms;
  const byPillar = new Map<string, Map<string, CourseEntry[]>>();
  for (const c of courses) {
    const topic = c.data.topics[0];
    if (!byPillar.has(c.data.pillar)) byPillar.set(c.data.pillar, new Map());
    const topics = byPillar.get(c.data.pillar)!;
    if (!topics.has(topic)) topics.set(topic, []);
    topics.get(topic)!.push(c);
  }
  const pillarOrder = catalog.taxonomy.vocabularies.pillars.terms.map((t) => t.label);
  const topicOrder = topicTerms.map((t) => t.label);
  return ordered(byPillar.keys(), pillarOrder).map((pillar) => {
    const topics = byPillar.get(pillar)!;
    const groups = ordered(topics.keys(), topicOrder).map((label) => {
      const list = topics.get(label)!;
      const slug = topicTerms.find((t) => t.label === label)?.slug;
      return { label, href: slug ? topicHref(slug) : undefined, courses: list, hours: sumHours(list) };
    });
    return {
      label: pillar,
      topics: groups,
      count: groups.reduce((n, g) => n + g.courses.length, 0),
      hours: groups.reduce((n, g) => n + g.hours, 0),
    };
  });
}

/** Sum of the courses' 学时. */
export function sumHours(courses: readonly CourseEntry[]): number {
  return courses.reduce((n, c) => n + c.data.hours, 0);
}

const countsCache = new WeakMap<Catalog, Map<string, number>>();

/** Number of usable courses per audience label. */
export function audienceCounts(catalog: Catalog): Map<string, number> {
  // Counted once per catalog: every menu page shows them, and each count walks every course.
  let counts = countsCache.get(catalog);
  if (!counts) {
    counts = new Map();
    for (const c of usableCourses(catalog)) for (const a of c.data.audiences) counts.set(a, (counts.get(a) ?? 0) + 1);
    countsCache.set(catalog, counts);
  }
  return new Map(counts);
}

/**
 * Who issues the menu: the top-level schools (those without a parent in
 * schools.yaml), which stand for the whole 共建共享 catalog.
 */
export function menuIssuers(schools: readonly School[]): School[] {
  const ids = new Set(schools.map((s) => s.id));
  return schools.filter((s) => !s.parent || !ids.has(s.parent));
}
