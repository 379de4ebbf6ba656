/**
 * The site's URLs for entries and the pages around them, in one place: pages, cards,
 * facts, the timetable, calendars, open data and the planner's data file all link
 * through these. Browser-safe (the plan page builds course links with `href`).
 */
import type { Collection, Library } from '../schemas/index.ts';

/** The page of an entry: `/courses/<id>/`, `/programs/<id>/` … (ids are URL-safe by the content model). */
export function href(collection: Collection, id: string): string {
  return `/${collection}/${id}/`;
}

/** A library's list: `/courses/` … */
export function libraryHref(library: Library): string {
  return `/${library}/`;
}

/** A program's calendar file: `/programs/<id>.ics`. */
export function calendarHref(programId: string): string {
  return `/programs/${programId}.ics`;
}

/** A school's page: `/schools/<id>/`. */
export function schoolHref(schoolId: string): string {
  return `/schools/${schoolId}/`;
}

/** A topic's page: `/topics/<slug>/`. */
export function topicHref(slug: string): string {
  return `/topics/${slug}/`;
}
