/**
 * The planner's data file (`/plan/courses.js`) on the wire. Vocabulary terms are
 * sent once and referred to by index, and default values are left out, so a course
 * costs well under 200 bytes even at 10,000 courses. The file assigns the JSON to
 * `self.SIKU_PLAN_DATA` so a plain deferred <script> has it ready before the page's
 * module script runs (no fetch race on /plan/).
 */
import type { CourseStatus } from '../../schemas/index.ts';
import { href } from '../href.ts';
import { DEFAULT_COURSE_STATUS } from '../status.ts';
import type { PlanRules } from './rules.ts';
import type { CourseInfo, PlanData } from './types.ts';

/** Global the data file assigns. */
export const DATA_GLOBAL = 'SIKU_PLAN_DATA';

/** One course on the wire. Optional keys are left out when they hold the default. */
export interface WireCourse {
  /** id */
  i: string;
  /** title */
  t: string;
  /** 学时 */
  h: number;
  /** index into `pillars` */
  p: number;
  /** indexes into `formats` */
  f: number[];
  /** indexes into `audiences` */
  a: number[];
  /** status when not 入库 (`DEFAULT_COURSE_STATUS`) */
  s?: CourseStatus;
  /** 1 when 精品 */
  ft?: 1;
  /** lead instructor's name */
  l: string;
  /** lead instructor's id when they have a page */
  li?: string;
  /** instructor issues (term ended, left the pool) */
  ti?: string[];
  /** sites not 已纳入 */
  si?: string[];
  /** 训后评估 out of 5 in tenths (4.6 → 46), when evaluated */
  e?: number;
}

/** The whole data file. */
export interface WireData {
  v: 1;
  today: string;
  rules: PlanRules;
  pillars: string[];
  formats: string[];
  audiences: string[];
  courses: WireCourse[];
}

function pick(list: string[], index: number): string {
  return list[index] ?? '';
}

/** Turns a course into its wire form (vocabulary labels become indexes). */
export function toWire(course: CourseInfo, vocab: Pick<WireData, 'pillars' | 'formats' | 'audiences'>): WireCourse {
  const w: WireCourse = {
    i: course.id,
    t: course.title,
    h: course.hours,
    p: vocab.pillars.indexOf(course.pillar),
    f: course.formats.map((f) => vocab.formats.indexOf(f)),
    a: course.audiences.map((a) => vocab.audiences.indexOf(a)),
    l: course.lead,
  };
  if (course.status !== DEFAULT_COURSE_STATUS) w.s = course.status;
  if (course.featured) w.ft = 1;
  if (course.leadId) w.li = course.leadId;
  if (course.instructorIssues.length) w.ti = course.instructorIssues;
  if (course.siteIssues.length) w.si = course.siteIssues;
  if (course.score !== undefined) w.e = Math.round(course.score * 10);
  return w;
}

/** Reads the data file's object back into readable records. */
export function decodeData(raw: WireData): PlanData {
  const courses = new Map<string, CourseInfo>();
  for (const w of raw.courses) {
    const info: CourseInfo = {
      id: w.i,
      title: w.t,
      hours: w.h,
      pillar: pick(raw.pillars, w.p),
      formats: w.f.map((i) => pick(raw.formats, i)),
      audiences: w.a.map((i) => pick(raw.audiences, i)),
      status: w.s ?? DEFAULT_COURSE_STATUS,
      featured: w.ft === 1,
      lead: w.l,
      leadId: w.li,
      url: href('courses', w.i),
      instructorIssues: w.ti ?? [],
      siteIssues: w.si ?? [],
    };
    if (typeof w.e === 'number') info.score = w.e / 10;
    courses.set(w.i, info);
  }
  return { today: raw.today, rules: raw.rules, pillars: raw.pillars, formats: raw.formats, audiences: raw.audiences, courses };
}

/** The data file's text: one assignment, so it runs as a classic script. */
export function dataScript(data: WireData): string {
  return `self.${DATA_GLOBAL}=${JSON.stringify(data)};\n`;
}
