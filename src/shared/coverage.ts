/**
 * The catalog seen whole, for planners (`/coverage/`): where the usable courses are
 * thick or thin (专题 × 培训对象), how their 学时 fall across 内容板块 and 教学形式, and
 * the "1+N" 现场教学矩阵 of sites by category, status and region. Plain logic over the
 * `Catalog`; the page only lays the numbers out.
 *
 * Every non-empty cell carries a link to the filter-only search that lists exactly the
 * entries counted in it: the same facet keys and values the entry pages give Pagefind
 * (`searchRecord`), the URL written by the search page's own `stateToSearch`. Course
 * links also tick every course status but 停用, so 停用 courses (which the counts leave
 * out, as the menu and the plan builder do) stay out of the search too.
 */
import { COURSE_STATUSES, SITE_STATUSES } from '../schemas/index.ts';
import type { Catalog, CourseEntry, SiteEntry } from './catalog.ts';
import { courseInfo, usableCourses } from './plan/build-data.ts';
import { rulesFor } from './plan/rules.ts';
import { computeTotals } from './plan/totals.ts';
import { regionDisplay, regionValues, sortFacetValues } from './search/facets.ts';
import { foldHan, type CharMap } from './search/fold.ts';
import { stateToSearch } from './search/query.ts';
import { isUsable, usableStatuses } from './status.ts';

/** One cell: how many entries, their 学时 (course tables), and the search listing them. */
export interface CoverageCell {
  count: number;
  /** Sum of 学时; in the 板块 × 形式 table a multi-format course's share only. Course tables only. */
  hours?: number;
  /** The filter-only search listing the entries counted here; null when there are none. */
  href: string | null;
}

export interface CoverageRow {
  /** The vocabulary term or facet value the row stands for. */
  label: string;
  /** How the row is shown: the label, or for regions its last level (南海区). */
  text: string;
  /** Indentation level (regions: 0 province … 3 town). */
  depth: number;
  cells: CoverageCell[];
  /** The row's entries, each counted once. */
  total: CoverageCell;
  /** Site categories without any 已纳入 site. */
  gap?: boolean;
}

export interface CoverageColumn {
  label: string;
  /** The column's entries, each counted once. */
  total: CoverageCell;
}

export interface CoverageMatrix {
  columns: CoverageColumn[];
  rows: CoverageRow[];
  /** Every entry of the table, each counted once. */
  total: CoverageCell;
}

export interface Coverage {
  /** Usable courses (not 停用) by 专题 × 培训对象, taxonomy order. */
  topicAudience: CoverageMatrix;
  /** 学时 of usable courses by 内容板块 × 教学形式, multi-format hours split evenly. */
  pillarFormat: CoverageMatrix;
  /** Listed sites by 类别 × 状态. */
  siteCategory: CoverageMatrix;
  /** Listed sites by region (every level, as a tree) × 状态. */
  siteRegion: CoverageMatrix;
  /** Topic × audience cells with no usable course. */
  gaps: number;
  /** Site categories with no 已纳入 site. */
  categoryGaps: string[];
}

/** Course statuses that count as usable: every one but 停用 (see `usableCourses`), in the schema's order. */
export const USABLE_COURSE_STATUSES: readonly string[] = usableStatuses('courses', COURSE_STATUSES);

/** `/search/?lib=…&<facet>=…`: the search page's own URL for a filter-only search. */
export function searchHref(lib: string, filters: Record<string, string[]>): string {
  return `/search/${stateToSearch({ q: '', lib, filters, sort: '' })}`;
}

/** A search over usable courses only (停用 ones are not counted, so not listed either). */
export function courseSearchHref(filters: Record<string, string[]>): string {
  return searchHref('courses', { ...filters, status: [...USABLE_COURSE_STATUSES] });
}

function labels(catalog: Catalog, vocabulary: keyof Catalog['taxonomy']['vocabularies']): string[] {
  return catalog.taxonomy.vocabularies[vocabulary].terms.map((t) => t.label);
}

/** Whether a field of the entry's data is `value` or a list holding it. */
function has<D extends object>({ data }: { data: D }, field: keyof D, value: string): boolean {
  const v: unknown = data[field];
  return Array.isArray(v) ? v.includes(value) : v === value;
}

function hoursOf(courses: readonly CourseEntry[]): number {
  return courses.reduce((sum, c) => sum + c.data.hours, 0);
}

function courseCell(courses: readonly CourseEntry[], filters: Record<string, string[]>): CoverageCell {
  return { count: courses.length, hours: hoursOf(courses), href: courses.length ? courseSearchHref(filters) : null };
}

/** 专题 × 培训对象: a course with several topics or audiences counts in each of its cells. */
export function topicAudienceMatrix(catalog: Catalog): CoverageMatrix {
  const courses = usableCourses(catalog);
  const topics = labels(catalog, 'topics');
  const audiences = labels(catalog, 'audiences');
  return {
    columns: audiences.map((a) => ({
      label: a,
      total: courseCell(
        courses.filter((c) => has(c, 'audiences', a)),
        { audience: [a] },
      ),
    })),
    rows: topics.map((t) => {
      const inTopic = courses.filter((c) => has(c, 'topics', t));
      return {
        label: t,
        text: t,
        depth: 0,
        cells: audiences.map((a) =>
          courseCell(
            inTopic.filter((c) => has(c, 'audiences', a)),
            { topic: [t], audience: [a] },
          ),
        ),
        total: courseCell(inTopic, { topic: [t] }),
      };
    }),
    total: courseCell(courses, {}),
  };
}

/**
 * 内容板块 × 教学形式 in 学时: the plan builder's `computeTotals` splits each course's
 * hours evenly across its formats, so a row adds up to the pillar's hours and the whole
 * table to the hours of all usable courses. A cell's count (and its link) is the
 * courses of that pillar taught in that format at all.
 */
export function pillarFormatMatrix(catalog: Catalog): CoverageMatrix {
  const courses = usableCourses(catalog);
  const pillars = labels(catalog, 'pillars');
  const formats = labels(catalog, 'formats');
  const order = { pillars, formats };
  const rules = rulesFor(pillars, formats);
  const infos = new Map(courses.map((c) => [c, courseInfo(catalog, c)]));
  const formatHours = (list: readonly CourseEntry[]) => {
    const totals = computeTotals(
      list.map((c) => infos.get(c)!),
      rules,
      order,
    );
    return new Map(totals.byFormat.map((r) => [r.label, r.hours]));
  };
  const cell = (list: readonly CourseEntry[], hours: number, filters: Record<string, string[]>): CoverageCell => ({
    count: list.length,
    hours: list.length ? hours : 0,
    href: list.length ? courseSearchHref(filters) : null,
  });
  const all = formatHours(courses);
  return {
    columns: formats.map((f) => ({
      label: f,
      total: cell(
        courses.filter((c) => has(c, 'formats', f)),
        all.get(f) ?? 0,
        { format: [f] },
      ),
    })),
    rows: pillars.map((p) => {
      const inPillar = courses.filter((c) => has(c, 'pillar', p));
      const split = formatHours(inPillar);
      return {
        label: p,
        text: p,
        depth: 0,
        cells: formats.map((f) =>
          cell(
            inPillar.filter((c) => has(c, 'formats', f)),
            split.get(f) ?? 0,
            { pillar: [p], format: [f] },
          ),
        ),
        total: courseCell(inPillar, { pillar: [p] }),
      };
    }),
    total: courseCell(courses, {}),
  };
}

function siteCell(sites: readonly SiteEntry[], filters: Record<string, string[]>): CoverageCell {
  return { count: sites.length, href: sites.length ? searchHref('sites', filters) : null };
}

/** The statuses of the site tables, in the content model's order. */
export const SITE_STATUS_COLUMNS: readonly string[] = SITE_STATUSES;

/** 现场教学点类别 × 状态, every listed site (退出 ones too: they keep their page). */
export function siteCategoryMatrix(catalog: Catalog): CoverageMatrix {
  const sites = catalog.listed('sites');
  const statuses = SITE_STATUS_COLUMNS;
  return {
    columns: statuses.map((s) => ({
      label: s,
      total: siteCell(
        sites.filter((e) => has(e, 'status', s)),
        { status: [s] },
      ),
    })),
    rows: labels(catalog, 'site_categories').map((category) => {
      const inCategory = sites.filter((e) => has(e, 'category', category));
      return {
        label: category,
        text: category,
        depth: 0,
        cells: statuses.map((s) =>
          siteCell(
            inCategory.filter((e) => has(e, 'status', s)),
            { site_category: [category], status: [s] },
          ),
        ),
        total: siteCell(inCategory, { site_category: [category] }),
        // No bookable (已纳入) site in the category: a gap of the matrix.
        gap: !inCategory.some(isUsable),
      };
    }),
    total: siteCell(sites, {}),
  };
}

/**
 * Sites by region × 状态. Regions are the search's region facet values: folded to
 * simplified script and split into levels, every level a row (广东省, 广东省佛山市, …),
 * each followed by the places inside it, so a row counts everything within it. `label`
 * is the full value; `depth` and `regionDisplay` give the short form.
 */
export function siteRegionMatrix(catalog: Catalog, map: CharMap): CoverageMatrix {
  const sites = catalog.listed('sites');
  const statuses = SITE_STATUS_COLUMNS;
  const regions = new Map(sites.map((e) => [e, regionValues(foldHan(e.data.region, map))]));
  const values = sortFacetValues('region', [...regions.values()].flat());
  return {
    columns: statuses.map((s) => ({
      label: s,
      total: siteCell(
        sites.filter((e) => has(e, 'status', s)),
        { status: [s] },
      ),
    })),
    rows: values.map((value) => {
      const inRegion = sites.filter((e) => regions.get(e)!.includes(value));
      return {
        label: value,
        text: regionDisplay(value).text,
        depth: regionDisplay(value).depth,
        cells: statuses.map((s) =>
          siteCell(
            inRegion.filter((e) => has(e, 'status', s)),
            { region: [value], status: [s] },
          ),
        ),
        total: siteCell(inRegion, { region: [value] }),
      };
    }),
    total: siteCell(sites, {}),
  };
}

/** Everything `/coverage/` shows. `map` folds traditional regions as the search index does. */
export function coverage(catalog: Catalog, map: CharMap): Coverage {
  const topicAudience = topicAudienceMatrix(catalog);
  const siteCategory = siteCategoryMatrix(catalog);
  return {
    topicAudience,
    pillarFormat: pillarFormatMatrix(catalog),
    siteCategory,
    siteRegion: siteRegionMatrix(catalog, map),
    gaps: topicAudience.rows.reduce((n, r) => n + r.cells.filter((c) => c.count === 0).length, 0),
    categoryGaps: siteCategory.rows.filter((r) => r.gap).map((r) => r.label),
  };
}
