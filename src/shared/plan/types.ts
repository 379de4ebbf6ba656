/**
 * What the plan builder knows about a course and about a plan. Shared by the build
 * (which writes the data file) and the browser (which reads it).
 */
import type { CourseStatus } from '../../schemas/index.ts';
import type { PlanRules } from './rules.ts';

/** One course as the planner sees it (only courses that are not 停用). */
export interface CourseInfo {
  id: string;
  title: string;
  hours: number;
  pillar: string;
  formats: string[];
  audiences: string[];
  /** 入库 or 试讲. */
  status: CourseStatus;
  featured: boolean;
  /** Name of the lead instructor (first of the teaching group). */
  lead: string;
  /** The lead's id when they have a profile page (publish is not false). */
  leadId?: string;
  /** `/courses/<id>/`. */
  url: string;
  /** Instructors of the group whose 聘期 had ended (or who had left the pool) at build time, as display text. */
  instructorIssues: string[];
  /** Sites of the course that are not 已纳入, as display text ("名称（培育中）"). */
  siteIssues: string[];
  /** 训后评估 out of 5, to one decimal (see src/shared/evaluation.ts); absent when never evaluated. */
  score?: number;
}

/** Everything the plan page needs, decoded from the data file. */
export interface PlanData {
  /** Build date, `YYYY-MM-DD`. */
  today: string;
  rules: PlanRules;
  pillars: string[];
  formats: string[];
  audiences: string[];
  courses: Map<string, CourseInfo>;
}

/** A plan as the user edits it. */
export interface Plan {
  title: string;
  /** One audience label, or '' for none chosen. */
  audience: string;
  /** Number of training days, or null when not set. */
  days: number | null;
  /** Course ids in teaching order, no repeats. */
  courses: string[];
}

/** A plan with nothing in it. */
export function emptyPlan(): Plan {
  return { title: '', audience: '', days: null, courses: [] };
}
