/**
 * References across files: every id an entry points at exists, and nothing public
 * points at — or quotes — a 内部 case (it would be published with the public entry).
 */
import type { RefTarget } from '../../../schemas/index.ts';
import { contains, type Needle } from '../../leaks.ts';
import { referencesOf, type FieldPath } from '../../refs.ts';
import { suggest } from '../suggest.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { CheckedEntry } from '../entry.ts';

export interface KnownIds {
  ids: Record<RefTarget, Set<string>>;
  internalCases: Set<string>;
}

const LABEL: Record<RefTarget, string> = { courses: '课程', cases: '案例', sites: '现场教学点', instructors: '教师', schools: '党校' };

/** Dangling references and references to internal cases. */
export function checkReferences(e: CheckedEntry, known: KnownIds): Diagnostic[] {
  if (!e.data) return [];
  const out: Diagnostic[] = [];
  const at = (p: FieldPath) => e.locate(p);
  const isPublic = !(e.collection === 'cases' && known.internalCases.has(e.id));
  for (const ref of referencesOf(e.collection, e.data)) {
    const field = ref.path.join('.');
    if (!known.ids[ref.to].has(ref.id)) {
      const guess = suggest(ref.id, known.ids[ref.to]);
      const where = ref.to === 'schools' ? 'schools.yaml' : `${ref.to}/`;
      out.push({
        file: e.file, ...at(ref.path), field, severity: 'error', rule: 'dangling-reference',
        message: `引用的 ${ref.to} “${ref.id}” 不存在`,
        hint: guess ? `是不是 “${guess}”？` : `检查拼写，或先在 ${where} 中添加该${LABEL[ref.to]}`,
      });
    } else if (isPublic && ref.to === 'cases' && known.internalCases.has(ref.id)) {
      out.push({
        file: e.file, ...at(ref.path), field, severity: 'error', rule: 'internal-case-leak',
        message: `公开条目引用了内部案例 “${ref.id}”：发布后会泄露内部案例`,
        hint: '删除这条引用，或先将该案例改为公开（visibility: 公开）',
      });
    }
  }
  return out;
}

/** A public entry whose text quotes an internal case (its title, summary, body or URL). */
export function checkInternalQuotes(e: CheckedEntry, needles: Array<Needle & { caseId: string }>, fieldAt: (offset: number) => string, position: (offset: number) => { line: number; column: number }): Diagnostic[] {
  if (!e.text || needles.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const needle of needles) {
    if (e.collection === 'cases' && e.id === needle.caseId) continue;
    if (!contains(e.text, needle)) continue;
    const offset = typeof needle.text === 'string' ? e.text.indexOf(needle.text) : e.text.search(needle.text);
    const field = fieldAt(offset);
    // A reference by id in a list field is reported as internal-case-leak already.
    if (typeof needle.text !== 'string' && field !== 'body' && field !== '-' && /^(cases|sessions)\b/.test(field)) continue;
    out.push({
      file: e.file, ...position(offset), field, severity: 'error', rule: 'internal-case-leak',
      message: `公开内容中出现了${needle.what}：发布后会泄露内部案例`,
      hint: '删除或改写这段文字；内部案例的内容不能出现在任何公开条目中',
    });
  }
  return out;
}
