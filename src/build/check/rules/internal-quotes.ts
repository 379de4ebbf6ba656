/**
 * Public entries that quote a 内部 case: a sentence from its body, a clause of its
 * summary, its title (also without the bracketed suffix), its questions, its id or URL
 * — in either script and with any punctuation. The fingerprints are the ones the
 * post-build guard uses (src/build/leaks/), so the two agree on what leaks.
 */
import { findQuotes, idMentions, type LeakModel } from '../../leaks/scan.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { CheckedEntry } from '../entry.ts';
import { PUBLIC_PHRASES_FILE } from '../public-phrases.ts';

const REWRITE = '删除或改写这段文字；内部案例的内容不能出现在任何公开条目中';

export function checkInternalQuotes(entries: CheckedEntry[], model: LeakModel): Diagnostic[] {
  if (model.cases.length === 0) return [];
  const scanned = entries.filter((e) => e.text);
  const out: Diagnostic[] = [];
  const report = (e: CheckedEntry, offset: number, what: string, hint: string) =>
    out.push({
      file: e.file,
      ...e.position(offset),
      field: e.fieldAt(offset),
      severity: 'error',
      rule: 'internal-case-leak',
      message: `公开内容中出现了${what}：发布后会泄露内部案例`,
      hint,
    });
  findQuotes(
    model,
    scanned.map((e) => e.text),
  ).forEach((found, i) => {
    for (const f of found) {
      report(
        scanned[i],
        f.start,
        f.what,
        f.field === 'title'
          ? REWRITE
          : `${REWRITE}。如果它确实是公开的通用提法，可在 ${PUBLIC_PHRASES_FILE} 中写明出处后声明（见 docs/authoring.md）`,
      );
    }
  });
  for (const e of scanned) {
    for (const m of idMentions(model, e.text)) {
      // An id in a reference list is reported by the reference rule already.
      const field = e.fieldAt(m.index);
      if (field !== 'body' && field !== '-' && /^(cases|sessions)\b/.test(field)) continue;
      report(e, m.index, m.what, REWRITE);
    }
  }
  return out;
}
