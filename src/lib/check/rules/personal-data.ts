/**
 * No personal contact data in content: mobile numbers, e-mail addresses and
 * 18-digit ID numbers are errors anywhere in an entry (fields or body). A school's
 * office phone belongs in schools.yaml, the only place a phone is allowed.
 */
import type { Diagnostic } from '../diagnostics.ts';

interface Pattern {
  rule: string;
  re: RegExp;
  message: (match: string) => string;
  hint: string;
  severity: 'error' | 'warning';
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

export const PERSONAL_DATA_PATTERNS: Pattern[] = [
  {
    rule: 'personal-id-number',
    re: /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g,
    accept: isIdNumber,
    message: (m) => `疑似身份证号（${mask(m)}）`,
    hint: '内容中不得出现个人身份证号，请删除',
    severity: 'error',
  },
  {
    rule: 'personal-mobile',
    re: /(?<![\d-])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d-])/g,
    message: (m) => `疑似手机号码（${mask(m.replace(/\D/g, ''))}）`,
    hint: '内容中不得出现个人联系方式；需要联系方式时，请写所属党校，由党校在 schools.yaml 中登记办公电话',
    severity: 'error',
  },
  {
    rule: 'personal-email',
    re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
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

/**
 * Scans text line by line. `fieldOf(line)` names the field a line belongs to
 * (front matter) or `body`.
 */
export function scanPersonalData(file: string, text: string, fieldOf: (line: number) => string, firstLine = 1): Diagnostic[] {
  const out: Diagnostic[] = [];
  text.split('\n').forEach((lineText, i) => {
    const line = firstLine + i;
    const taken: Array<[number, number]> = [];
    for (const p of PERSONAL_DATA_PATTERNS) {
      for (const m of lineText.matchAll(p.re)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        if (p.accept && !p.accept(m[0])) continue;
        if (taken.some(([a, b]) => start < b && a < end)) continue;
        taken.push([start, end]);
        out.push({ file, line, column: start + 1, field: fieldOf(line), severity: p.severity, rule: p.rule, message: p.message(m[0]), hint: p.hint });
      }
    }
  });
  return out;
}
