/**
 * A plan as CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel
 * reads UTF-8 as the local code page and the Chinese turns to mojibake), CRLF rows
 * (RFC 4180), one row per course and a 合计 row.
 */
import { computeTotals, formatNumber } from './totals.ts';
import type { PlanRules } from './rules.ts';
import type { CourseInfo } from './types.ts';

/** UTF-8 byte-order mark, the first character of the file. */
export const BOM = '\uFEFF';

/** The header row. */
export const CSV_HEADER = ['序号', '课程编号', '课程名称', '学时', '内容板块', '教学形式', '主讲教师', '状态', '课程网址'];

/**
 * One cell. Quotes when needed; a leading = + - @ gets an apostrophe so a
 * spreadsheet never runs a title as a formula.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole CSV file for a plan's courses (in plan order); `origin` makes course URLs absolute. */
export function planCsv(courses: CourseInfo[], rules: PlanRules, origin = ''): string {
  const totals = computeTotals(courses, rules);
  const rows: (string | number)[][] = [CSV_HEADER];
  courses.forEach((c, i) => {
    rows.push([i + 1, c.id, c.title, formatNumber(c.hours), c.pillar, c.formats.join('、'), c.lead, c.status, `${origin}${c.url}`]);
  });
  rows.push(['', '', `合计（${totals.count} 门）`, formatNumber(totals.total), '', '', '', '', '']);
  return `${BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A file name for the download: the plan's title without characters file systems reject. */
export function csvFileName(title: string, today: string): string {
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim() || '培训方案';
  return `${base}-${today}.csv`;
}
