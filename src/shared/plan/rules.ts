/**
 * The planning rules in one place. They name vocabulary terms, so they are checked
 * against the taxonomy at build time: a rule whose term a school has renamed or
 * removed is simply left out (no share is shown) rather than silently wrong.
 */

/** 学时 one training day can hold (a morning and an afternoon of 3 学时 each). */
export const HOURS_PER_DAY = 6;

/** The 内容板块 whose share of a plan is reported (党性教育 is a required share in cadre training). */
export const PARTY_PILLAR = '党性教育';

/** 教学形式 counted as interactive (案例、现场、研讨、模拟). */
export const INTERACTIVE_FORMATS = ['案例教学', '现场教学', '结构化研讨', '情景模拟'] as const;

/** The rules as shipped to the browser, restricted to terms the taxonomy really has. */
export interface PlanRules {
  hoursPerDay: number;
  /** The pillar whose share is shown, or null when the taxonomy has no such pillar. */
  partyPillar: string | null;
  /** Interactive formats that exist in the taxonomy. */
  interactive: string[];
}

/** Rules for a taxonomy with these pillar and format labels. */
export function rulesFor(pillars: string[], formats: string[]): PlanRules {
  return {
    hoursPerDay: HOURS_PER_DAY,
    partyPillar: pillars.includes(PARTY_PILLAR) ? PARTY_PILLAR : null,
    interactive: INTERACTIVE_FORMATS.filter((f) => formats.includes(f)),
  };
}
