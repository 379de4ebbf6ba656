/**
 * Build side of the planner: the catalog's usable courses as `CourseInfo`, and the
 * data file the plan page loads. Only course, instructor and site fields are read;
 * cases are never looked at, so nothing of a 内部 case can reach the file.
 */
import type { Catalog, CourseEntry, InstructorEntry } from '../catalog.ts';
import { displayName } from '../catalog.ts';
import { courseEvaluation, scoreTenths } from '../evaluation.ts';
import { href } from '../href.ts';
import { isOnMenu, isRetired, isUsable } from '../status.ts';
import { rulesFor } from './rules.ts';
import type { CourseInfo } from './types.ts';
import { toWire, type WireData } from './wire.ts';

const usable = new WeakMap<Catalog, CourseEntry[]>();

/** Courses that can go on a menu or into a plan (停用 ones leave both). */
export function usableCourses(catalog: Catalog): CourseEntry[] {
  // Once per catalog: every menu page asks (its count and audience counts), over all courses.
  let courses = usable.get(catalog);
  if (!courses) {
    courses = catalog.list('courses').filter(isOnMenu);
    usable.set(catalog, courses);
  }
  // A copy, so no caller can reorder another's.
  return [...courses];
}

function instructorIssue(catalog: Catalog, instructor: InstructorEntry): string | undefined {
  const name = displayName(instructor);
  if (isRetired(instructor)) return `${name}（已退出师资库）`;
  const end = instructor.data.term?.end;
  if (end && end < catalog.today) return `${name}（聘期已于 ${end} 到期）`;
  return undefined;
}

/** What the planner shows of one course. */
export function courseInfo(catalog: Catalog, course: CourseEntry): CourseInfo {
  const d = course.data;
  const team = catalog.resolve('instructors', d.instructors);
  const lead = team[0];
  const evaluation = courseEvaluation(catalog, course.id);
  const info: CourseInfo = {
    id: course.id,
    title: d.title,
    hours: d.hours,
    pillar: d.pillar,
    formats: [...d.formats],
    audiences: [...d.audiences],
    status: d.status,
    featured: d.featured,
    lead: lead ? displayName(lead) : '',
    leadId: lead && catalog.hasPage(lead) ? lead.id : undefined,
    url: href('courses', course.id),
    instructorIssues: team.map((i) => instructorIssue(catalog, i)).filter((s): s is string => s !== undefined),
    siteIssues: catalog
      .resolve('sites', d.sites)
      .filter((s) => !isUsable(s))
      .map((s) => `${displayName(s)}（${s.data.status}）`),
  };
  if (evaluation) info.score = scoreTenths(evaluation.score) / 10;
  return info;
}

/** The whole data file for `/plan/courses.js`. */
export function planWireData(catalog: Catalog): WireData {
  const v = catalog.taxonomy.vocabularies;
  const vocab = {
    pillars: v.pillars.terms.map((t) => t.label),
    formats: v.formats.terms.map((t) => t.label),
    audiences: v.audiences.terms.map((t) => t.label),
  };
  return {
    v: 1,
    today: catalog.today,
    rules: rulesFor(vocab.pillars, vocab.formats),
    ...vocab,
    courses: usableCourses(catalog).map((c) => toWire(courseInfo(catalog, c), vocab)),
  };
}
