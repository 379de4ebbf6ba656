/**
 * Running totals of a plan. A course with several 教学形式 has its 学时 split equally
 * among them, so the per-format table adds up to the plan's total and a
 * "专题讲授 + 案例教学" course of 3 学时 counts 1.5 学时 as interactive.
 */
import type { PlanRules } from './rules.ts';
import type { CourseInfo } from './types.ts';

/** One line of a breakdown table. */
export interface HoursRow {
  label: string;
  hours: number;
  /** Share of the plan's total, 0…1 (0 for an empty plan). */
  share: number;
}

/** Everything the plan page shows under 学时统计. */
export interface PlanTotals {
  count: number;
  /** Sum of 学时 (exact: 学时 are multiples of 0.5). */
  total: number;
  byPillar: HoursRow[];
  byFormat: HoursRow[];
  /** 学时 of the rules' party pillar; null when the taxonomy has none. */
  party: HoursRow | null;
  /** 学时 taught in interactive formats (split as above). */
  interactive: HoursRow;
  /** days × hoursPerDay, or null when the plan has no number of days. */
  capacity: number | null;
}

function share(hours: number, total: number): number {
  return total > 0 ? hours / total : 0;
}

/** Rows in vocabulary order first, then any label the vocabulary lacks, zero rows dropped. */
function rows(sums: Map<string, number>, order: string[], total: number): HoursRow[] {
  const labels = [...order.filter((l) => sums.has(l)), ...[...sums.keys()].filter((l) => !order.includes(l))];
  return labels.map((label) => ({ label, hours: sums.get(label)!, share: share(sums.get(label)!, total) }));
}

/**
 * Totals of the courses in a plan, in plan order. `order` gives the vocabulary order
 * of the breakdown rows; `days` (when set) gives the capacity at `rules.hoursPerDay`.
 */
export function computeTotals(
  courses: CourseInfo[],
  rules: PlanRules,
  order: { pillars: string[]; formats: string[] } = { pillars: [], formats: [] },
  days: number | null = null,
): PlanTotals {
  const byPillar = new Map<string, number>();
  const byFormat = new Map<string, number>();
  let total = 0;
  let interactive = 0;
  for (const c of courses) {
    total += c.hours;
    byPillar.set(c.pillar, (byPillar.get(c.pillar) ?? 0) + c.hours);
    const formats = c.formats.length ? c.formats : ['（未注明）'];
    const part = c.hours / formats.length;
    for (const f of formats) {
      byFormat.set(f, (byFormat.get(f) ?? 0) + part);
      if (rules.interactive.includes(f)) interactive += part;
    }
  }
  const partyHours = rules.partyPillar ? (byPillar.get(rules.partyPillar) ?? 0) : 0;
  return {
    count: courses.length,
    total,
    byPillar: rows(byPillar, order.pillars, total),
    byFormat: rows(byFormat, order.formats, total),
    party: rules.partyPillar ? { label: rules.partyPillar, hours: partyHours, share: share(partyHours, total) } : null,
    interactive: { label: '互动式教学', hours: interactive, share: share(interactive, total) },
    capacity: days && days > 0 ? days * rules.hoursPerDay : null,
  };
}

/** 7.5 → "7.5", 7 → "7", 0.4285… → "0.43" (split hours can be fractions). */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** 0.375 → "37.5%". */
export function formatShare(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}
