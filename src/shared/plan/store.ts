/**
 * The plan kept in the browser (localStorage), and the edits made to it. Every page
 * with a 加入培训方案 button writes here, and /plan/ reads it, so adding a course never
 * needs the plan page to be open. The storage is passed in, so the same functions run
 * against `window.localStorage` in the browser and anything Storage-shaped elsewhere.
 */
import { normalizePlan } from './codec.ts';
import { emptyPlan, type Plan } from './types.ts';

/** localStorage key of the current plan (JSON of a `Plan`). */
export const STORAGE_KEY = 'siku-plan';
/** DOM event fired on `document` after a page changed the stored plan (detail: the plan). */
export const PLAN_CHANGE = 'siku:plan-change';
/** The plan a shared link replaced, so it can be restored. */
export const PREVIOUS_KEY = 'siku-plan-previous';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A stored plan, tolerating anything (old versions, hand edits, garbage). */
export function parsePlan(text: string | null): Plan {
  if (!text) return emptyPlan();
  try {
    const raw = JSON.parse(text);
    return raw && typeof raw === 'object' && Array.isArray(raw.courses) ? normalizePlan(raw) : emptyPlan();
  } catch {
    return emptyPlan();
  }
}

/** The plan stored under `key`; an empty plan when there is none or storage is blocked. */
export function readPlan(storage: KeyValueStore, key = STORAGE_KEY): Plan {
  try {
    return parsePlan(storage.getItem(key));
  } catch {
    return emptyPlan();
  }
}

/** Saves a plan; false when the browser refuses (private mode, storage full). */
export function writePlan(storage: KeyValueStore, plan: Plan, key = STORAGE_KEY): boolean {
  try {
    storage.setItem(key, JSON.stringify(normalizePlan(plan)));
    return true;
  } catch {
    return false;
  }
}

/** No courses, title, audience or days. */
export function isEmpty(plan: Plan): boolean {
  return plan.courses.length === 0 && !plan.title && !plan.audience && !plan.days;
}

/** Same plan after normalisation (course order matters). */
export function samePlan(a: Plan, b: Plan): boolean {
  return JSON.stringify(normalizePlan(a)) === JSON.stringify(normalizePlan(b));
}

/** Appends a course (a course is in a plan at most once). */
export function addCourse(plan: Plan, id: string): Plan {
  return plan.courses.includes(id) ? plan : { ...plan, courses: [...plan.courses, id] };
}

/** Drops a course from the plan. */
export function removeCourse(plan: Plan, id: string): Plan {
  return { ...plan, courses: plan.courses.filter((c) => c !== id) };
}

/** Moves a course `delta` places (−1 up, +1 down), clamped to the list. */
export function moveCourse(plan: Plan, id: string, delta: number): Plan {
  const from = plan.courses.indexOf(id);
  if (from < 0) return plan;
  const to = Math.max(0, Math.min(plan.courses.length - 1, from + delta));
  if (to === from) return plan;
  const courses = [...plan.courses];
  courses.splice(from, 1);
  courses.splice(to, 0, id);
  return { ...plan, courses };
}
