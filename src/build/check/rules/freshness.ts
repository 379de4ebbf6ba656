/**
 * Dates that age: a review older than `review_months` (待复核) and an instructor's
 * ended term are warnings. Read from the raw front matter, so an entry with other
 * errors still gets them in the same run.
 */
import { normalizeDate } from '../../../schemas/index.ts';
import { addMonths, isReviewDue } from '../../../shared/dates.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { CheckedEntry } from '../entry.ts';

export function checkFreshness(e: CheckedEntry, reviewMonths: number, today: string): Diagnostic[] {
  if (!e.data) return [];
  const out: Diagnostic[] = [];
  const reviewed = normalizeDate(e.data.reviewed);
  if (reviewed && reviewed <= today && isReviewDue(reviewed, reviewMonths, today)) {
    out.push({
      file: e.file,
      ...e.locate(['reviewed']),
      field: 'reviewed',
      severity: 'warning',
      rule: 'review-due',
      message: `上次复核是 ${reviewed}，已超过 ${reviewMonths} 个月（应在 ${addMonths(reviewed, reviewMonths)} 前复核）`,
      hint: '核对内容后把 reviewed 改为复核当天的日期',
    });
  }
  const term = e.data.term as Record<string, unknown> | undefined;
  const end = e.collection === 'instructors' && term && typeof term === 'object' ? normalizeDate(term.end) : null;
  if (end && end < today) {
    out.push({
      file: e.file,
      ...e.locate(['term', 'end']),
      field: 'term.end',
      severity: 'warning',
      rule: 'term-ended',
      message: `聘期已于 ${end} 结束`,
      hint: '续聘后更新 term.end；不再续聘的请把 status 改为 退出',
    });
  }
  return out;
}
