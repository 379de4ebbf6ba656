/**
 * Fingerprints of what is really internal: every window of `WINDOW` characters of an
 * internal case's own text (title, also without its bracketed suffix, summary, body,
 * discussion questions), after normalisation (./normalise.ts). Text that is public by
 * nature is masked first and never forms a window: standard formulations, declared
 * public phrases, vocabulary terms, school names, regions, addresses and source titles.
 *
 * Every window is kept, not a winnowed sample (as MOSS does): the internal side is a
 * small part of a catalog, and keeping all of it guarantees that any shared run of
 * `WINDOW` characters is found, where winnowing guarantees it only from `w + k - 1`.
 * The checker and the post-build guard scan with this same model.
 */
import {
  BREAK,
  CLAUSE_END,
  clausesOf,
  DROP,
  foldedAt,
  foldTable,
  isPair,
  KEEP_BREAK,
  norm,
  normalise,
  withoutBrackets,
} from './normalise.ts';

/**
 * Characters a shared run needs to count as a copy. Measured in BENCHMARKS.md (leak
 * corpus): at 10 a copied clause is caught and different texts on the same subject
 * do not collide once public phrases are masked.
 */
export const WINDOW = 10;

/** Titles shorter than a window (but at least this long) are matched whole (a short title used as a tag). */
const MIN_TITLE = 4;

/**
 * A clause (between punctuation marks) shorter than a window but at least this long
 * is matched whole, where the scanned text has it as a clause of its own too: a copied
 * "，供主体班内部研讨，" is caught, the same words inside a longer sentence are not.
 */
export const MIN_CLAUSE = 8;

/** The fields of an internal case that are its own text. */
export type InternalField = 'title' | 'summary' | 'body' | 'questions';

export interface InternalCase {
  id: string;
  title: string;
  summary?: string;
  body: string;
  questions?: string[];
}

export interface Source {
  caseId: string;
  field: InternalField;
  /** Normalised text, with masked spans as BREAK. */
  text: string;
  /** The text as written (for excerpts). */
  raw: string;
}

/** One window of a scanned text found in an internal case. */
export interface Hit {
  /** Start in the normalised scanned text. */
  pos: number;
  key: number;
  source: number;
  /** Start of the same window in the source's normalised text. */
  from: number;
  /** A whole short clause (under a window) rather than a window. */
  length?: number;
}

const B1 = 0x01000193;
const B2 = 0x5bd1e995;
/** Two 32-bit rolling hashes combined into one exact 52-bit number. */
const combine = (h1: number, h2: number) => (h1 >>> 0) * 0x100000 + (h2 >>> 12);
const PREFILTER_BITS = 22;
/** An inline tag's start (`<strong`, `</a>`): the tags `scanSource` drops without a break. */
const INLINE_TAG = /^<\/?(?:a|abbr|b|bdi|cite|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u|wbr)[\s>/]/i;

function power(base: number, exp: number): number {
  let p = 1;
  for (let i = 0; i < exp; i++) p = Math.imul(p, base);
  return p;
}
const P1 = power(B1, WINDOW - 1);
const P2 = power(B2, WINDOW - 1);

/**
 * Calls `visit(pos, key, h1)` for every window of `text` that crosses no BREAK. One
 * pass, rolling: the cost is one multiply-add per character, whatever the model size.
 */
export function forEachWindow(text: string, visit: (pos: number, key: number, h1: number) => void): void {
  let h1 = 0;
  let h2 = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      h1 = h2 = run = 0;
      continue;
    }
    if (run >= WINDOW) {
      const out = text.charCodeAt(i - WINDOW);
      h1 = (h1 - Math.imul(out, P1)) | 0;
      h2 = (h2 - Math.imul(out, P2)) | 0;
    } else run++;
    h1 = (Math.imul(h1, B1) + c) | 0;
    h2 = (Math.imul(h2, B2) + c) | 0;
    if (run >= WINDOW) visit(i - WINDOW + 1, combine(h1, h2), h1);
  }
}

/** Strings masked out of internal text, grouped for a quick scan: by their first two characters, then by length. */
export class PhraseMask {
  private readonly byPrefix = new Map<string, Set<number>>();
  private readonly phrases = new Set<string>();

  constructor(phrases: Iterable<string>) {
    for (const p of phrases) this.add(p);
  }

  /** The phrases masked, normalised: a mask of them masks the same. */
  get list(): string[] {
    return [...this.phrases];
  }

  add(phrase: string): void {
    const n = norm(phrase);
    if (n.length < 2 || this.phrases.has(n)) return;
    this.phrases.add(n);
    const prefix = n.slice(0, 2);
    if (!this.byPrefix.has(prefix)) this.byPrefix.set(prefix, new Set());
    this.byPrefix.get(prefix)!.add(n.length);
  }

  /** Which characters of normalised `text` lie inside a phrase. */
  covered(text: string): Uint8Array {
    const mask = new Uint8Array(text.length);
    for (let i = 0; i + 1 < text.length; i++) {
      const lengths = this.byPrefix.get(text.slice(i, i + 2));
      if (!lengths) continue;
      for (const len of lengths) if (this.phrases.has(text.slice(i, i + len))) mask.fill(1, i, i + len);
    }
    return mask;
  }

  /** `text` with every covered character replaced by BREAK. */
  apply(text: string): string {
    const mask = this.covered(text);
    let out = '';
    let from = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !mask[i]) continue;
      out += text.slice(from, i);
      if (i < text.length) out += BREAK;
      from = i + 1;
    }
    return out;
  }
}

/** The internal side of a catalog, ready to scan public text with. */
export class LeakModel {
  readonly sources: Source[] = [];
  /** Window key → index of the first source that has it, and where. */
  private readonly keys = new Map<number, { source: number; pos: number }>();
  private readonly prefilter = new Uint32Array(1 << (PREFILTER_BITS - 5));
  /** Short titles (under a window), matched whole. */
  readonly shortTitles: Array<{ caseId: string; text: string; raw: string }> = [];
  /** Short clauses of the internal texts (see MIN_CLAUSE): normalised clause → source and its position there. */
  readonly clauses = new Map<string, { source: number; pos: number }>();
  readonly cases: InternalCase[];
  /** What is public by nature, masked out of the internal texts. */
  readonly mask: PhraseMask;

  constructor(cases: InternalCase[], mask: PhraseMask) {
    this.cases = cases;
    this.mask = mask;
    for (const c of cases) {
      const titles = [...new Set([c.title.trim(), withoutBrackets(c.title)])].filter(Boolean);
      for (const t of titles) {
        // A title is the case's name: never masked, a public phrase cannot declare it away.
        const n = normalise(t).text;
        if (n.length >= WINDOW) this.addSource({ caseId: c.id, field: 'title', text: n, raw: t });
        else if (n.replaceAll(BREAK, '').length >= MIN_TITLE)
          this.shortTitles.push({ caseId: c.id, text: n.replaceAll(BREAK, ''), raw: t });
      }
      if (c.summary) this.addSource({ caseId: c.id, field: 'summary', text: mask.apply(normalise(c.summary).text), raw: c.summary }, mask);
      this.addSource({ caseId: c.id, field: 'body', text: mask.apply(normalise(c.body).text), raw: c.body }, mask);
      for (const q of c.questions ?? [])
        this.addSource({ caseId: c.id, field: 'questions', text: mask.apply(normalise(q).text), raw: q }, mask);
    }
  }

  private addSource(source: Source, mask?: PhraseMask): void {
    const index = this.sources.push(source) - 1;
    if (mask) {
      // The masked text has one BREAK per masked character, so positions line up with the unmasked text.
      const plain = normalise(source.raw).text;
      let from = 0;
      for (const clause of clausesOf(source.raw, MIN_CLAUSE)) {
        const pos = plain.indexOf(clause.text, from);
        if (pos === -1) continue;
        from = pos + clause.text.length;
        // A clause that is partly public by nature (inside a formulation, a place name) is no evidence on its own.
        if (clause.text.length >= WINDOW || this.clauses.has(clause.text) || source.text.slice(pos, from).includes(BREAK)) continue;
        this.clauses.set(clause.text, { source: index, pos });
      }
    }
    forEachWindow(source.text, (pos, key, h1) => {
      if (this.keys.has(key)) return;
      this.keys.set(key, { source: index, pos });
      const bit = h1 >>> (32 - PREFILTER_BITS);
      this.prefilter[bit >>> 5] |= 1 << (bit & 31);
    });
  }

  get size(): number {
    return this.keys.size;
  }

  /** Every window of normalised `text` that is in an internal case, checked character by character. */
  hits(text: string): Hit[] {
    const out: Hit[] = [];
    if (this.keys.size === 0) return out;
    forEachWindow(text, (pos, key, h1) => {
      const bit = h1 >>> (32 - PREFILTER_BITS);
      if (!(this.prefilter[bit >>> 5] & (1 << (bit & 31)))) return;
      const at = this.keys.get(key);
      if (!at) return;
      const source = this.sources[at.source];
      if (text.startsWith(source.text.slice(at.pos, at.pos + WINDOW), pos)) out.push({ pos, key, source: at.source, from: at.pos });
    });
    return out;
  }

  /**
   * `hits(normalise(source).text)` in one pass, without building the normalised text:
   * the post-build guard reads a whole site, and this loop is most of its time. With
   * `markup`, tags are read as HTML: inline tags vanish, others end a text (a BREAK).
   * Positions count normalised characters, so hits merge into runs as usual.
   */
  scanSource(source: string, markup = false): Hit[] {
    const out: Hit[] = [];
    if (this.keys.size === 0) return out;
    const t = foldTable();
    const ring = new Uint16Array(WINDOW);
    let h1 = 0;
    let h2 = 0;
    let run = 0;
    let n = 0;
    let clauseStart = 0;
    const clauses = this.clauses.size > 0;
    const endClause = () => {
      const length = n - clauseStart;
      if (clauses && length >= MIN_CLAUSE && length < WINDOW && run >= length) {
        let text = '';
        for (let k = length; k > 0; k--) text += String.fromCharCode(ring[(n - k) % WINDOW]);
        const at = this.clauses.get(text);
        if (at) out.push({ pos: n - length, key: -1, source: at.source, from: at.pos, length });
      }
      clauseStart = n;
    };
    for (let i = 0; i < source.length; i++) {
      let code: number;
      if (markup && source.charCodeAt(i) === 0x3c && source.indexOf('>', i) !== -1) {
        const close = source.indexOf('>', i);
        const inline = INLINE_TAG.test(source.slice(i, Math.min(close + 1, i + 12)));
        i = close;
        if (inline) continue;
        code = KEEP_BREAK;
      } else {
        const c = source.charCodeAt(i);
        // The common case inline: this loop reads every character of a built site.
        if (c < 0xd800 || c > 0xdbff) code = t[c];
        else {
          code = foldedAt(source, i, t);
          if (isPair(source, i)) i++;
        }
      }
      if (code === DROP) continue;
      if (code === CLAUSE_END) {
        endClause();
        continue;
      }
      if (code === KEEP_BREAK) {
        endClause();
        if (run > 0) n++;
        clauseStart = n;
        h1 = h2 = run = 0;
        continue;
      }
      const slot = n % WINDOW;
      if (run >= WINDOW) {
        const gone = ring[slot];
        h1 = (h1 - Math.imul(gone, P1)) | 0;
        h2 = (h2 - Math.imul(gone, P2)) | 0;
      } else run++;
      ring[slot] = code;
      n++;
      h1 = (Math.imul(h1, B1) + code) | 0;
      h2 = (Math.imul(h2, B2) + code) | 0;
      if (run < WINDOW) continue;
      const bit = h1 >>> (32 - PREFILTER_BITS);
      if (!(this.prefilter[bit >>> 5] & (1 << (bit & 31)))) continue;
      const key = combine(h1, h2);
      const at = this.keys.get(key);
      if (!at) continue;
      const text = this.sources[at.source].text;
      let same = true;
      for (let k = 0; k < WINDOW && same; k++) same = ring[(n + k) % WINDOW] === text.charCodeAt(at.pos + k);
      if (same) out.push({ pos: n - WINDOW, key, source: at.source, from: at.pos });
    }
    endClause();
    return out.sort((a, b) => a.pos - b.pos);
  }

  /** Whole short clauses of `source` (as written) that are clauses of an internal text: source offsets. */
  clauseHits(source: string): Array<{ start: number; end: number; source: number }> {
    if (this.clauses.size === 0) return [];
    const out: Array<{ start: number; end: number; source: number }> = [];
    for (const clause of clausesOf(source, MIN_CLAUSE)) {
      const at = clause.text.length < WINDOW ? this.clauses.get(clause.text) : undefined;
      if (at) out.push({ start: clause.start, end: clause.end, source: at.source });
    }
    return out;
  }

  /** Short titles found whole in normalised `text`: [position, index in `shortTitles`]. */
  titleHits(text: string): Array<{ pos: number; title: number }> {
    const out: Array<{ pos: number; title: number }> = [];
    const flat = text.includes(BREAK) ? text.replaceAll(BREAK, '') : text;
    this.shortTitles.forEach((t, title) => {
      const pos = flat.indexOf(t.text);
      if (pos !== -1) out.push({ pos, title });
    });
    return out;
  }
}

/** A stretch of scanned text copied from one internal source: overlapping windows merged. */
export interface Run {
  start: number;
  end: number;
  source: number;
  /** Where the run starts in the source's normalised text. */
  from: number;
  keys: number[];
}

/** Hits merged into runs (windows that overlap or touch belong to one copied passage). */
export function runsOf(hits: Hit[]): Run[] {
  const runs: Run[] = [];
  for (const h of hits) {
    const last = runs[runs.length - 1];
    const end = h.pos + (h.length ?? WINDOW);
    if (last && h.pos <= last.end) {
      last.end = Math.max(last.end, end);
      last.keys.push(h.key);
    } else runs.push({ start: h.pos, end, source: h.source, from: h.from, keys: [h.key] });
  }
  return runs;
}
