/**
 * References across files: every id an entry points at exists, and nothing public
 * points at a 内部 case (it would be published with the public entry). Quotes of one are
 * the leak rule's (./internal-quotes.ts).
 */
import type { RefTarget } from '../../../schemas/index.ts';
import { referencesOf, type FieldPath } from '../../../shared/refs.ts';
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
        file: e.file,
        ...at(ref.path),
        field,
        severity: 'error',
        rule: 'dangling-reference',
        message: `引用的 ${ref.to} “${ref.id}” 不存在`,
        hint: guess ? `是不是 “${guess}”？` : `检查拼写，或先在 ${where} 中添加该${LABEL[ref.to]}`,
      });
    } else if (isPublic && ref.to === 'cases' && known.internalCases.has(ref.id)) {
      out.push({
        file: e.file,
        ...at(ref.path),
        field,
        severity: 'error',
        rule: 'internal-case-leak',
        message: `公开条目引用了内部案例 “${ref.id}”：发布后会泄露内部案例`,
        hint: '删除这条引用，或先将该案例改为公开（visibility: 公开）',
      });
    }
  }
  return out;
}
