/**
 * The catalog side of leak detection: which texts are public by nature, the model of a
 * catalog's internal cases, and the scan of public entries that the checker reports
 * from (with positions) and the post-build guard repeats on the built files.
 */
import { STANDARD_FORMULATIONS } from './formulations.ts';
import { LeakModel, PhraseMask, runsOf, type InternalCase, type InternalField } from './fingerprints.ts';
import { normalise } from './normalise.ts';

export { LeakModel, WINDOW, type InternalCase } from './fingerprints.ts';

/** Longest catalog value masked as public by nature: longer values are texts in their own right. */
const MAX_NATURE = 40;

export interface ModelInput {
  cases: InternalCase[];
  /** Public by nature: vocabulary terms, school names, regions, addresses, source titles (any length; long ones are ignored). */
  publicTexts: Iterable<string>;
  /** Phrases the catalog declares public (`public-phrases.yaml`). */
  declared?: string[];
}

/**
 * Names of places, institutions and documents have no sentence punctuation: a value
 * with some is a sentence in a name's field (perhaps a copied one) and masks nothing.
 */
const SENTENCE = /[，,。；;！!？?]/;

export function buildLeakModel({ cases, publicTexts, declared = [] }: ModelInput): LeakModel {
  const mask = new PhraseMask([...STANDARD_FORMULATIONS, ...declared]);
  for (const t of publicTexts) if (t.trim().length <= MAX_NATURE && !SENTENCE.test(t)) mask.add(t);
  return new LeakModel(cases, mask);
}

/** A leak model as data, for another process to scan with (`leakModelFrom`). */
export interface LeakModelData {
  cases: InternalCase[];
  phrases: string[];
}

export function leakModelData(model: LeakModel): LeakModelData {
  return { cases: model.cases, phrases: model.mask.list };
}

/** The model `leakModelData` describes: it finds what the original finds. */
export function leakModelFrom(data: LeakModelData): LeakModel {
  return new LeakModel(data.cases, new PhraseMask(data.phrases));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** An internal case from its raw front matter and body. */
export function internalCase(id: string, data: Record<string, unknown>, body: string): InternalCase | undefined {
  const title = str(data.title);
  if (!title) return undefined;
  const questions = Array.isArray(data.questions) ? data.questions.filter((q): q is string => typeof q === 'string') : [];
  return { id, title, summary: str(data.summary), body, questions };
}

/**
 * The values of an entry that are public by nature (places, hosts, sources: facts
 * about the world, not the case). A site's name is the name of a real place.
 */
export function natureTexts(collection: string, data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['region', 'address', 'host', 'affiliation', 'venue', ...(collection === 'sites' ? ['name'] : [])]) {
    const v = str(data[key]);
    if (v) out.push(v);
  }
  if (Array.isArray(data.sources)) {
    for (const s of data.sources) {
      if (s && typeof s === 'object')
        for (const key of ['title', 'publisher'] as const) {
          const v = str((s as Record<string, unknown>)[key]);
          if (v) out.push(v);
        }
    }
  }
  return out;
}

const LABEL: Record<InternalField, string> = { title: '标题', summary: '摘要', body: '正文', questions: '讨论题' };

function excerpt(text: string, max = 20): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max).join('')}…` : flat;
}

/** An internal title, in words. */
export const titleWhat = (caseId: string, title: string) => `内部案例标题 “${title}”（${caseId}）`;

/** What a copied run is, in words (the guard's and the checker's messages). */
export function describe(model: LeakModel, source: number, copied: string): string {
  const s = model.sources[source];
  if (s.field === 'title') return titleWhat(s.caseId, s.raw);
  return `内部案例 ${s.caseId} 的${LABEL[s.field]} “${excerpt(copied)}”`;
}

export interface Finding {
  /** Offsets in the scanned text as written. */
  start: number;
  end: number;
  caseId: string;
  field: InternalField;
  what: string;
}

/**
 * Every passage of each public text that is copied from an internal case: windows
 * merged into runs, mapped back to offsets of the text as written. How often a
 * passage recurs in public entries never makes it public (the same copy in three
 * entries is three leaks): only what is public by nature is left out, in the model.
 */
export function findQuotes(model: LeakModel, texts: string[]): Finding[][] {
  if (model.cases.length === 0) return texts.map(() => []);
  const scanned = texts.map((text) => {
    const n = normalise(text, true);
    return { text, n, hits: model.hits(n.text) };
  });
  return scanned.map(({ text, n, hits }) => {
    const offsets = n.offsets!;
    const rawSpan = (from: number, to: number) => ({ start: offsets[from], end: offsets[to - 1] + 1 });
    const found: Finding[] = [];
    for (const run of runsOf(hits)) {
      const span = rawSpan(run.start, run.end);
      const s = model.sources[run.source];
      found.push({ ...span, caseId: s.caseId, field: s.field, what: describe(model, run.source, text.slice(span.start, span.end)) });
    }
    for (const c of model.clauseHits(text)) {
      if (found.some((f) => f.start <= c.start && c.end <= f.end)) continue;
      const s = model.sources[c.source];
      found.push({
        start: c.start,
        end: c.end,
        caseId: s.caseId,
        field: s.field,
        what: describe(model, c.source, text.slice(c.start, c.end)),
      });
    }
    if (!n.text.includes('\u0000')) {
      for (const { pos, title } of model.titleHits(n.text)) {
        const t = model.shortTitles[title];
        if (found.some((f) => f.caseId === t.caseId && f.field === 'title')) continue;
        found.push({ ...rawSpan(pos, pos + t.text.length), caseId: t.caseId, field: 'title', what: titleWhat(t.caseId, t.raw) });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  });
}

const ID_CHAR = /[a-z0-9-]/;
const idPatterns = new WeakMap<LeakModel, RegExp>();

/** Mentions of an internal case's id or URL: ids must stand alone (`case-1` is not in `case-10`). */
export function idMentions(model: LeakModel, text: string): Array<{ index: number; caseId: string; what: string }> {
  if (model.cases.length === 0) return [];
  let re = idPatterns.get(model);
  if (!re) {
    // Plain alternation, boundaries checked by hand: a lookbehind would slow the search down on every byte of a site.
    const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(
      [...model.cases]
        .sort((a, b) => b.id.length - a.id.length)
        .map((c) => escapeRe(c.id))
        .join('|'),
      'g',
    );
    idPatterns.set(model, re);
  }
  const out: Array<{ index: number; caseId: string; what: string }> = [];
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if ((m.index > 0 && ID_CHAR.test(text[m.index - 1])) || (end < text.length && ID_CHAR.test(text[end]))) continue;
    const url = text.slice(Math.max(0, m.index - 7), m.index) === '/cases/';
    out.push({ index: m.index, caseId: m[0], what: url ? `内部案例网址 /cases/${m[0]}/` : `内部案例 id ${m[0]}` });
  }
  return out;
}
