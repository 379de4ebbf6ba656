/**
 * A plan as a share link: `/plan/#c=id1,id2&t=<title>&a=<audience>&d=<days>`.
 * The fragment never reaches the server, so a shared plan works on any static host
 * and leaves nothing in its logs. Course ids are URL-safe as they are; the title and
 * audience are percent-encoded UTF-8.
 */
import { emptyPlan, type Plan } from './types.ts';

/** Same rule as the content model's ids (kept here so the browser bundle stays free of zod). */
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Longest title or audience kept (the content model's title limit). */
export const MAX_TITLE = 80;
/** Most training days a plan may have. */
export const MAX_DAYS = 365;
/** Most courses a plan (and a share link) may hold. */
export const MAX_COURSES = 500;

/** Keeps only what a plan may hold: trimmed title, whole days in range, unique ids. */
export function normalizePlan(input: Partial<Plan>): Plan {
  const days = Number(input.days);
  return {
    title: String(input.title ?? '')
      .trim()
      .slice(0, MAX_TITLE),
    audience: String(input.audience ?? '')
      .trim()
      .slice(0, MAX_TITLE),
    days: Number.isInteger(days) && days >= 1 && days <= MAX_DAYS ? days : null,
    courses: [...new Set((input.courses ?? []).map(String))].slice(0, MAX_COURSES),
  };
}

/** The fragment (without "#") for a plan. Empty fields are left out. */
export function encodePlan(plan: Plan): string {
  const parts: string[] = [];
  if (plan.courses.length) parts.push(`c=${plan.courses.join(',')}`);
  if (plan.title) parts.push(`t=${encodeURIComponent(plan.title)}`);
  if (plan.audience) parts.push(`a=${encodeURIComponent(plan.audience)}`);
  if (plan.days) parts.push(`d=${plan.days}`);
  return parts.join('&');
}

/** Absolute share link for a plan on a site whose origin is `origin`. */
export function shareUrl(origin: string, plan: Plan): string {
  const fragment = encodePlan(plan);
  return `${origin.replace(/\/$/, '')}/plan/${fragment ? `#${fragment}` : ''}`;
}

function decodeValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** A plan read from a share link. */
export interface DecodedPlan {
  plan: Plan;
  /** Entries of `c` that cannot be course ids (mangled links). */
  invalid: string[];
}

/**
 * Reads a fragment or query string ("#c=…", "?c=…" or "c=…"). Returns null when it
 * names no plan at all, so an ordinary visit to /plan/ keeps the stored plan.
 */
export function decodePlan(text: string): DecodedPlan | null {
  const body = text.replace(/^[#?]/, '');
  if (!body) return null;
  const fields = new Map<string, string>();
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const value = decodeValue(part.slice(eq + 1));
    if (value !== undefined) fields.set(part.slice(0, eq), value);
  }
  if (!['c', 't', 'a', 'd'].some((k) => fields.has(k))) return null;
  const ids = (fields.get('c') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const plan = normalizePlan({
    ...emptyPlan(),
    title: fields.get('t') ?? '',
    audience: fields.get('a') ?? '',
    days: fields.has('d') ? Number(fields.get('d')) : null,
    courses: ids.filter((id) => ID.test(id)),
  });
  return { plan, invalid: ids.filter((id) => !ID.test(id)) };
}

/**
 * Splits a plan's courses into those the catalog still offers and those it does not
 * (deleted, renamed or 停用 since the link was made). The rest of the plan is kept.
 */
export function resolvePlan(plan: Plan, exists: (id: string) => boolean): { plan: Plan; missing: string[] } {
  return {
    plan: { ...plan, courses: plan.courses.filter(exists) },
    missing: plan.courses.filter((id) => !exists(id)),
  };
}
