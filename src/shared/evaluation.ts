/**
 * 训后评估 per course: the aggregate results of every program's questionnaire
 * (`evaluation` in programs/*.md) folded into one shown score per course. Plain logic
 * over loaded entries; `evaluationsOf` computes it once per catalog (once per build),
 * however many pages ask.
 *
 * A course's score is the respondent-weighted mean of its scores over all programs that
 * evaluated it, each first scaled to 5 points (a 100-point score s counts as s / 20).
 * A program's respondents weigh every course it scored: the questionnaire gives one
 * respondent count for the whole program.
 */
import type { Catalog, ProgramEntry } from './catalog.ts';

/** The scale every shown score is on. */
export const SHOWN_SCALE = 5;

/** One program's score of a course. */
export interface ProgramScore {
  /** The program's id. */
  program: string;
  /** When its questionnaire closed (`YYYY-MM-DD`). */
  date: string;
  respondents: number;
  /** The score as written, on the program's scale. */
  score: number;
  scale: 5 | 100;
  /** The score on the 5-point scale. */
  scaled: number;
}

/** What a course page, the menu, the planner and search show of a course's evaluations. */
export interface CourseEvaluation {
  /** Respondent-weighted mean over the programs, on the 5-point scale (not rounded). */
  score: number;
  /** How many programs evaluated the course. */
  programs: number;
  /** Respondents of those programs together. */
  respondents: number;
  /** The latest questionnaire date (`YYYY-MM-DD`). */
  latest: string;
  /** Each program's score, latest first. */
  scores: ProgramScore[];
}

/** A score on `scale` as a score out of 5. */
export function toFivePoint(score: number, scale: 5 | 100): number {
  return scale === 100 ? score / 20 : score;
}

/** Course id → its evaluation, for every course at least one of `programs` evaluated. */
export function courseEvaluations(programs: readonly ProgramEntry[]): Map<string, CourseEvaluation> {
  const byCourse = new Map<string, ProgramScore[]>();
  for (const program of programs) {
    const e = program.data.evaluation;
    if (!e) continue;
    const scale = e.scale;
    for (const item of e.courses) {
      if (!byCourse.has(item.course)) byCourse.set(item.course, []);
      byCourse.get(item.course)!.push({
        program: program.id,
        date: e.date,
        respondents: e.respondents,
        score: item.score,
        scale,
        scaled: toFivePoint(item.score, scale),
      });
    }
  }
  const out = new Map<string, CourseEvaluation>();
  for (const [id, scores] of byCourse) {
    scores.sort((a, b) => (a.date === b.date ? a.program.localeCompare(b.program) : a.date < b.date ? 1 : -1));
    const respondents = scores.reduce((n, s) => n + s.respondents, 0);
    const weighted = scores.reduce((n, s) => n + s.scaled * s.respondents, 0);
    out.set(id, { score: weighted / respondents, programs: scores.length, respondents, latest: scores[0].date, scores });
  }
  return out;
}

const cache = new WeakMap<Catalog, Map<string, CourseEvaluation>>();

/** Every course's evaluation in a catalog, computed once per catalog (the build loads one). */
export function evaluationsOf(catalog: Catalog): Map<string, CourseEvaluation> {
  let map = cache.get(catalog);
  if (!map) {
    map = courseEvaluations(catalog.list('programs'));
    cache.set(catalog, map);
  }
  return map;
}

/** The evaluation of one course, or undefined when no program evaluated it. */
export function courseEvaluation(catalog: Catalog, courseId: string): CourseEvaluation | undefined {
  return evaluationsOf(catalog).get(courseId);
}

/** The score rounded to one decimal, in tenths (4.59 → 46): the planner's data file carries this. */
export function scoreTenths(score: number): number {
  return Math.round(score * 10 + 1e-9);
}

/** The shown score: one decimal (4.5928 → "4.6", 4 → "4.0"). */
export function formatScore(score: number): string {
  return (scoreTenths(score) / 10).toFixed(1);
}

/** "4.6 / 5" */
export function scoreOutOfFive(score: number): string {
  return `${formatScore(score)} / ${SHOWN_SCALE}`;
}

/** The course page's fact: "4.6 / 5（2 个班次、83 人评价，最近 2026-10-20）". */
export function evaluationText(e: CourseEvaluation): string {
  return `${scoreOutOfFive(e.score)}（${e.programs} 个班次、${e.respondents} 人评价，最近 ${e.latest}）`;
}

/**
 * The search sort key (`data-pagefind-sort="score"`): the mean to two decimals, and -1
 * for a course never evaluated. Every course carries the key, since Pagefind leaves
 * pages without it out of a sorted search: unevaluated courses come last instead.
 */
export function scoreSortKey(e: CourseEvaluation | undefined): string {
  return e ? (Math.round(e.score * 100 + 1e-9) / 100).toFixed(2) : '-1';
}
