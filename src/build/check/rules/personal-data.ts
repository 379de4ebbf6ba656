/**
 * No personal contact data in content: mobile numbers, e-mail addresses and 18-digit
 * ID numbers are errors anywhere in an entry (fields or body), in schools.yaml and in
 * taxonomy.yaml. A school's office phone belongs in schools.yaml's `phone` field, the
 * only place a phone number is expected; anywhere else a landline is a warning.
 *
 * The text is scanned whole (one pass per pattern, not per line) and every pattern is
 * anchored with a look-behind, so a 2 MB body cannot make a regex backtrack forever.
 */
import type { Diagnostic, Severity } from '../diagnostics.ts';
import { LineIndex } from '../line-index.ts';

interface Pattern {
  rule: string;
  re: RegExp;
  message: (match: string) => string;
  hint: string;
  severity: Severity;
  accept?: (match: string) => boolean;
}

function mask(s: string) {
  return s.length <= 4 ? '****' : `${s.slice(0, 3)}****${s.slice(-2)}`;
}

function isIdNumber(s: string): boolean {
  const year = Number(s.slice(6, 10));
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** `logo@2x.png` is a file name, not an address. */
const FILE_SUFFIX = /\.(png|jpe?g|gif|webp|svg|avif|pdf|docx?|xlsx?|md|mdx)$/i;

export const PERSONAL_DATA_PATTERNS: Pattern[] = [
  {
    rule: 'personal-id-number',
    re: /(?<![\dA-Za-z])[1-9]\d{16}[\dXx](?![\dA-Za-z])/g,
    accept: isIdNumber,
    message: (m) => `疑似身份证号（${mask(m)}）`,
    hint: '内容中不得出现个人身份证号，请删除',
    severity: 'error',
  },
  {
    rule: 'personal-mobile',
    re: /(?<![\d+-])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d-])/g,
    message: (m) => `疑似手机号码（${mask(m.replace(/\D/g, ''))}）`,
    hint: '内容中不得出现个人联系方式；需要联系方式时，请写所属党校，由党校在 schools.yaml 中登记办公电话',
    severity: 'error',
  },
  {
    rule: 'personal-email',
    re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+[ \t]?(?:@|\(at\)|\[at\]|（at）)[ \t]?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/gi,
    accept: (m) => !FILE_SUFFIX.test(m),
    message: (m) => `疑似电子邮箱（${mask(m)}）`,
    hint: '内容中不得出现电子邮箱，请删除',
    severity: 'error',
  },
  {
    rule: 'phone-number',
    re: /(?<![\d-])0\d{2,3}-?\d{7,8}(?![\d-])/g,
    message: (m) => `疑似电话号码（${mask(m)}）`,
    hint: '条目中不写电话；党校办公电话请登记在 schools.yaml 的 phone 字段',
    severity: 'warning',
  },
];

/** Full-width digits and ＠ become ASCII, keeping every offset (one code unit each). */
function normalizeWidth(text: string): string {
  return /[\uFF01-\uFF5E]/.test(text) ? text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : text;
}

export interface ScanOptions {
  /** Names the field at an offset of `text` (`sources.0.publisher`, `body`). */
  fieldAt: (offset: number) => string;
  /** Overrides a finding's severity, drops it (`null`) or keeps the default (`undefined`); e.g. schools.yaml's phone field. */
  severity?: (rule: string, field: string) => Severity | null | undefined;
  /** Lines of `text` (shared with other scans of the same file). */
  lines?: LineIndex;
}

/** Every personal-data pattern in `text`, with line, column and field. */
export function scanPersonalData(file: string, text: string, options: ScanOptions): Diagnostic[] {
  if (!/[\d@＠０-９(（[]/.test(text)) return [];
  const normalized = normalizeWidth(text);
  const lines = options.lines ?? new LineIndex(text);
  const out: Diagnostic[] = [];
  const taken: Array<[number, number]> = [];
  for (const p of PERSONAL_DATA_PATTERNS) {
    for (const m of normalized.matchAll(p.re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (p.accept && !p.accept(m[0])) continue;
      if (taken.some(([a, b]) => start < b && a < end)) continue;
      taken.push([start, end]);
      const field = options.fieldAt(start);
      const severity = options.severity?.(p.rule, field);
      if (severity === null) continue;
      out.push({
        file,
        ...lines.position(start),
        field,
        severity: severity ?? p.severity,
        rule: p.rule,
        message: p.message(m[0]),
        hint: p.hint,
      });
    }
  }
  return out;
}
