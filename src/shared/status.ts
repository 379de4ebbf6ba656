/**
 * What the content model's statuses mean, in one table: per library and status value,
 * whether the entry is retired (停用, 退出: it keeps its page, visibly marked), usable
 * (a course can be taught and planned, a site booked, an instructor asked), on the course
 * menu and in the plan builder, still on trial, and the mark it carries. Beside it, the
 * two publishing rules: 内部 cases are never published, `publish: false` instructors have
 * no page of their own.
 *
 * Every page, card, search record, calendar, open-data file and the plan builder asks
 * here instead of comparing status strings. Browser-safe: only types come from the
 * schemas, so the plan and search scripts can use it without bundling zod.
 */
import type { CourseStatus, InstructorStatus, SiteStatus, Visibility } from '../schemas/index.ts';
import type { CatalogEntry } from './catalog.ts';

/** Classes of the marks (`badge badge-<class>`) on cards, entry pages, menus, plans and search results. */
export type BadgeClass = 'retired' | 'trial' | 'paused' | 'growing' | 'featured' | 'due';

/** What one status value means. */
export interface StatusRule {
  /** 停用 / 退出: the entry keeps its page, visibly marked, with a note saying why. */
  retired: boolean;
  /** Usable now: a course can be taught, a site booked (已纳入 only), an instructor asked to teach. */
  usable: boolean;
  /** Listed on the course menu and offered to the plan builder (courses that are not 停用). */
  menu: boolean;
  /** Usable, but not yet formally in the library (试讲): the plan builder warns. */
  trial: boolean;
  /**
   * The entry's mark, labelled with the status itself. The normal state (入库, 已纳入, 在库)
   * has none and goes without remark next to links, in timetables and calendars.
   */
  badge?: BadgeClass;
}

/** The libraries whose entries have a `status`. */
export type StatusLibrary = 'courses' | 'sites' | 'instructors';

interface StatusTable {
  courses: Record<CourseStatus, StatusRule>;
  sites: Record<SiteStatus, StatusRule>;
  instructors: Record<InstructorStatus, StatusRule>;
}

const NONE = { retired: false, usable: false, menu: false, trial: false } as const;

/** The table. Every status value of the schemas must have its row (the compiler checks). */
export const STATUS_RULES = {
  courses: {
    入库: { ...NONE, usable: true, menu: true },
    试讲: { ...NONE, usable: true, menu: true, trial: true, badge: 'trial' },
    停用: { ...NONE, retired: true, badge: 'retired' },
  },
  sites: {
    培育中: { ...NONE, badge: 'growing' },
    已纳入: { ...NONE, usable: true },
    暂停: { ...NONE, badge: 'paused' },
    退出: { ...NONE, retired: true, badge: 'retired' },
  },
  instructors: {
    在库: { ...NONE, usable: true },
    暂停: { ...NONE, badge: 'paused' },
    退出: { ...NONE, retired: true, badge: 'retired' },
  },
} as const satisfies StatusTable;

/** A course's normal state: 入库 (the plan builder's data file leaves it out). */
export const DEFAULT_COURSE_STATUS = '入库' satisfies CourseStatus;

/** The rule of a status value given as text (the browser reads statuses from data files); undefined if unknown. */
export function statusRule(library: StatusLibrary, status: string | undefined): StatusRule | undefined {
  const rules: Readonly<Record<string, StatusRule>> = STATUS_RULES[library];
  return status !== undefined && Object.hasOwn(rules, status) ? rules[status] : undefined;
}

/** An entry's status and what it means; undefined for cases and programs, which have none. */
export function statusOf(entry: CatalogEntry): (StatusRule & { status: string }) | undefined {
  if (entry.collection !== 'courses' && entry.collection !== 'sites' && entry.collection !== 'instructors') return undefined;
  const rule = statusRule(entry.collection, entry.data.status);
  return rule && { ...rule, status: entry.data.status };
}

/** 停用 courses, 退出 sites and instructors: kept, but visibly marked. */
export function isRetired(entry: CatalogEntry): boolean {
  return statusOf(entry)?.retired === true;
}

/** A course that can be taught, a site that can be booked, an instructor in the pool (see `StatusRule.usable`). */
export function isUsable(entry: CatalogEntry): boolean {
  return statusOf(entry)?.usable === true;
}

/** A course on the menu and in the plan builder (停用 ones leave both). */
export function isOnMenu(entry: CatalogEntry): boolean {
  return statusOf(entry)?.menu === true;
}

/** The statuses of a library that are usable, in the order given (e.g. the schema's). */
export function usableStatuses<S extends string>(library: StatusLibrary, statuses: readonly S[]): S[] {
  return statuses.filter((s) => statusRule(library, s)?.usable);
}

/** The status worth a remark beside a link to the entry ("（试讲）"): any but the normal one. */
export function statusRemark(entry: CatalogEntry): string | undefined {
  const s = statusOf(entry);
  return s?.badge ? s.status : undefined;
}

/** A mark on an entry: its text and its class. */
export interface Badge {
  label: string;
  class: BadgeClass;
}

/** 精品 courses. */
export const FEATURED_BADGE: Badge = { label: '精品', class: 'featured' };
/** Entries past their review period. */
export const REVIEW_DUE_BADGE: Badge = { label: '待复核', class: 'due' };

/** The mark of a status value (the status is its label), if it has one. */
export function statusBadge(library: StatusLibrary, status: string | undefined): Badge | undefined {
  const badge = statusRule(library, status)?.badge;
  return badge && status !== undefined ? { label: status, class: badge } : undefined;
}

/** An entry's marks in the order pages and results show them: status, 精品, 待复核. */
export function entryBadges(entry: CatalogEntry, reviewDue: boolean): Badge[] {
  const out: Badge[] = [];
  const s = statusOf(entry);
  if (s?.badge) out.push({ label: s.status, class: s.badge });
  if (entry.collection === 'courses' && entry.data.featured) out.push(FEATURED_BADGE);
  if (reviewDue) out.push(REVIEW_DUE_BADGE);
  return out;
}

/** Every mark's label → its class (search results carry the labels only). */
export const BADGE_CLASSES: Readonly<Record<string, BadgeClass>> = (() => {
  const out: Record<string, BadgeClass> = {};
  for (const rules of Object.values(STATUS_RULES) as Record<string, StatusRule>[])
    for (const [status, rule] of Object.entries(rules)) if (rule.badge) out[status] = rule.badge;
  for (const badge of [FEATURED_BADGE, REVIEW_DUE_BADGE]) out[badge.label] = badge.class;
  return out;
})();

/** What a case's `visibility` means. */
export const VISIBILITY_RULES = {
  公开: { published: true },
  内部: { published: false },
} as const satisfies Record<Visibility, { published: boolean }>;

/**
 * A 内部 case: validated like any other, never published — in no list, page, back-link,
 * search index or data file.
 */
export function isInternal(entry: CatalogEntry): boolean {
  return entry.collection === 'cases' && VISIBILITY_RULES[entry.data.visibility]?.published === false;
}

/**
 * Whether an entry has a page of its own. `publish: false` instructors are published
 * data (their names show on their courses) but get no page, no search record and no
 * open-data record.
 */
export function hasOwnPage(entry: CatalogEntry): boolean {
  return !(entry.collection === 'instructors' && entry.data.publish === false);
}
