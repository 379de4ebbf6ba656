/**
 * The schemas' cross-field rules (a site 已纳入 needs `admitted`; program sessions lie
 * within the program and do not overlap; a program's 训后评估 is dated after it ended and
 * scores only courses it scheduled, each once and within the scale; a term starts before
 * it ends), run again on the raw front matter. zod skips an object's refinements once a
 * field has the wrong type, so without this a program with `capacity: 很多` would hide its
 * overlapping sessions until the next run. The orchestrator keeps these only for fields
 * the schema did not already report, so nothing is said twice.
 */
import { normalizeDate } from '../../../schemas/index.ts';
import type { Collection } from '../../../schemas/index.ts';
import { EVALUATION_PROBLEMS, EVALUATION_SCALES, scoreRange, type EvaluationScale } from '../../../schemas/program.ts';
import { refId, type FieldPath } from '../../../shared/refs.ts';

export interface RelationProblem {
  path: FieldPath;
  rule: string;
  message: string;
  hint?: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const asTime = (v: unknown) => (typeof v === 'string' && TIME.test(v) ? v : undefined);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function siteProblems(data: Record<string, unknown>): RelationProblem[] {
  if (data.status === '已纳入' && (data.admitted === undefined || data.admitted === null || data.admitted === '')) {
    return [
      {
        path: ['admitted'],
        rule: 'admitted-required',
        message: '状态为 “已纳入” 的教学点必须填写纳入日期 admitted（YYYY-MM-DD）',
        hint: '写上纳入现场教学库的日期，如 admitted: 2025-05-01；尚未纳入的请把 status 改为 培育中',
      },
    ];
  }
  return [];
}

const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * 训后评估 (`evaluation`) on raw front matter. Only values of the right type are judged
 * (a wrong type is the schema's to report); "not in the future" is the schema's own,
 * field by field, so it is never skipped.
 */
function evaluationProblems(data: Record<string, unknown>, end: string | null): RelationProblem[] {
  const out: RelationProblem[] = [];
  const evaluation = data.evaluation;
  if (!isObject(evaluation)) return out;
  const problem = (path: FieldPath, rule: string, { message, hint }: { message: string; hint: string }) =>
    out.push({ path: ['evaluation', ...path], rule, message, hint });
  const date = normalizeDate(evaluation.date);
  if (date && end && date < end) problem(['date'], 'evaluation-date', EVALUATION_PROBLEMS.dateBeforeEnd(date, end));
  const scale = evaluation.scale === undefined ? 5 : EVALUATION_SCALES.find((s) => s === evaluation.scale);
  const inRange = (what: string, value: unknown, path: FieldPath) => {
    if (scale === undefined || !isScore(value)) return;
    const [low, high] = scoreRange(scale as EvaluationScale);
    if (value < low || value > high) problem(path, 'evaluation-score-range', EVALUATION_PROBLEMS.scoreRange(what, value, scale));
  };
  inRange('总体评分', evaluation.overall, ['overall']);
  if (!Array.isArray(evaluation.courses)) return out;
  const scheduled = Array.isArray(data.sessions)
    ? [...new Set(data.sessions.map((s) => (isObject(s) ? refId(s.course) : undefined)).filter((id) => id !== undefined))]
    : undefined;
  const first = new Map<string, number>();
  evaluation.courses.forEach((c, i) => {
    if (!isObject(c)) return;
    inRange('课程评分', c.score, ['courses', i, 'score']);
    const id = refId(c.course);
    if (id === undefined) return;
    if (scheduled && !scheduled.includes(id))
      problem(['courses', i, 'course'], 'evaluation-course-not-scheduled', EVALUATION_PROBLEMS.notScheduled(id, scheduled));
    if (first.has(id))
      problem(['courses', i, 'course'], 'evaluation-duplicate-course', EVALUATION_PROBLEMS.duplicateCourse(id, first.get(id)!));
    else first.set(id, i);
  });
  return out;
}

function programProblems(data: Record<string, unknown>): RelationProblem[] {
  const out: RelationProblem[] = [];
  const start = normalizeDate(data.start);
  const end = normalizeDate(data.end);
  if (start && end && start > end) out.push({ path: ['end'], rule: 'date-order', message: `结束日期 ${end} 早于开始日期 ${start}` });
  out.push(...evaluationProblems(data, end));
  if (!Array.isArray(data.sessions)) return out;
  const sessions = data.sessions.map((s) =>
    isObject(s) ? { date: normalizeDate(s.date), from: asTime(s.from), to: asTime(s.to), raw: s } : undefined,
  );
  sessions.forEach((s, i) => {
    if (!s) return;
    if (s.raw.course === undefined && s.raw.site === undefined && s.raw.title === undefined) {
      out.push({ path: ['sessions', i], rule: 'session-empty', message: '每节课至少填写 course、site、title 之一' });
    }
    if (s.from && s.to && s.from >= s.to)
      out.push({ path: ['sessions', i, 'to'], rule: 'session-time', message: `结束时间 ${s.to} 应晚于开始时间 ${s.from}` });
    if (s.date && start && end && (s.date < start || s.date > end)) {
      out.push({
        path: ['sessions', i, 'date'],
        rule: 'session-outside-program',
        message: `${s.date} 不在班次日期 ${start} 至 ${end} 之内`,
        hint: '改正日期，或调整班次的 start / end',
      });
    }
    for (let j = 0; j < i; j++) {
      const o = sessions[j];
      if (o && s.date && o.date === s.date && s.from && s.to && o.from && o.to && s.from < o.to && o.from < s.to) {
        out.push({
          path: ['sessions', i, 'from'],
          rule: 'session-overlap',
          message: `与第 ${j + 1} 节（${o.date} ${o.from}–${o.to}）时间重叠`,
          hint: '调整其中一节的时间，同一天的课程不能交叠',
        });
      }
    }
  });
  return out;
}

function instructorProblems(data: Record<string, unknown>): RelationProblem[] {
  const out: RelationProblem[] = [];
  if (isObject(data.term)) {
    const start = normalizeDate(data.term.start);
    const end = normalizeDate(data.term.end);
    if (start && end && start > end) out.push({ path: ['term', 'end'], rule: 'date-order', message: '聘期开始日期不能晚于结束日期' });
  }
  if (
    typeof data.photo === 'string' &&
    data.photo.trim() &&
    (data.photo_alt === undefined || data.photo_alt === null || data.photo_alt === '')
  ) {
    out.push({ path: ['photo_alt'], rule: 'photo-alt-required', message: '有照片时必须填写 photo_alt（照片的文字说明，供读屏软件使用）' });
  }
  return out;
}

/** Cross-field problems of one entry's raw front matter. */
export function relationProblems(collection: Collection, data: Record<string, unknown>): RelationProblem[] {
  if (collection === 'sites') return siteProblems(data);
  if (collection === 'programs') return programProblems(data);
  if (collection === 'instructors') return instructorProblems(data);
  return [];
}
