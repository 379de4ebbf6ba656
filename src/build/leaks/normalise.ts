/**
 * Text in the one form leak fingerprints compare: traditional folded to simplified,
 * full-width to half-width, lower case, and only letters and digits kept. Punctuation
 * and white space vanish, so a passage copied with other punctuation, other line breaks
 * or Markdown marks in between still compares equal. Node only (the t→s map comes
 * from opencc-js at build time).
 */
import { fullCharMap } from '../search/fold-map.ts';

/** Where a window may not cross: a block boundary in HTML, a masked public phrase. */
export const BREAK = '\u0000';

export interface Normalised {
  /** One UTF-16 unit per kept character; astral characters get a private-use stand-in. */
  text: string;
  /** Offset in the source text of each character of `text` (only when asked for). */
  offsets?: Int32Array;
}

export const DROP = -1;
export const KEEP_BREAK = -2;
/** Punctuation and line ends: ignored inside windows, but they end a clause. */
export const CLAUSE_END = -3;
let table: Int32Array | undefined;

/** BMP code unit → folded code unit, DROP, CLAUSE_END or KEEP_BREAK. Built once: a typed-array lookup per character is what keeps the guard fast on a 10,000-page site. */
export function foldTable(): Int32Array {
  if (table) return table;
  const map = fullCharMap();
  const out = new Int32Array(0x10000).fill(DROP);
  const kept = /^[\p{L}\p{N}]$/u;
  const punctuation = /^[\p{P}\n\r]$/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    let ch = String.fromCharCode(c);
    ch = map.get(ch) ?? ch;
    let code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    const lower = String.fromCharCode(code).toLowerCase();
    if (lower.length === 1) code = lower.charCodeAt(0);
    if (kept.test(String.fromCharCode(code))) out[c] = code;
    else if (punctuation.test(String.fromCharCode(code))) out[c] = CLAUSE_END;
  }
  out[0] = KEEP_BREAK;
  table = out;
  return out;
}

/** An astral letter (CJK extension B and up) as one private-use unit: equal characters stay equal. */
export function astral(codePoint: number): number {
  return 0xe000 + (codePoint % 0x1900);
}

/** A high surrogate: the character at this index spans two code units. */
export const isPair = (source: string, i: number) => {
  const c = source.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < source.length;
};

/** The folded code of the character at `i` (or DROP, CLAUSE_END, KEEP_BREAK); see `isPair` for its width. */
export function foldedAt(source: string, i: number, t: Int32Array): number {
  if (!isPair(source, i)) return t[source.charCodeAt(i)];
  const cp = source.codePointAt(i)!;
  return /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp)) ? astral(cp) : DROP;
}

/** `source` normalised; with `offsets`, a way back from each kept character to the source. */
export function normalise(source: string, withOffsets = false): Normalised {
  const t = foldTable();
  const out = new Uint16Array(source.length);
  const offsets = withOffsets ? new Int32Array(source.length) : undefined;
  let n = 0;
  let lastBreak = true;
  for (let i = 0; i < source.length; i++) {
    const code = foldedAt(source, i, t);
    if (offsets) offsets[n] = i;
    if (isPair(source, i)) i++;
    if (code === DROP || code === CLAUSE_END) continue;
    if (code === KEEP_BREAK) {
      if (lastBreak) continue;
      lastBreak = true;
      out[n++] = 0;
      continue;
    }
    lastBreak = false;
    out[n++] = code;
  }
  // Chunked: String.fromCharCode(...array) overflows the stack on long texts.
  let text = '';
  for (let i = 0; i < n; i += 8192) text += String.fromCharCode(...out.subarray(i, Math.min(n, i + 8192)));
  return { text, offsets: offsets?.subarray(0, n) };
}

export interface Clause {
  /** Normalised. */
  text: string;
  /** Offsets in the source. */
  start: number;
  end: number;
}

/** The clauses of `source` (runs between punctuation, line ends and breaks), normalised, with source offsets. */
export function clausesOf(source: string, min = 1): Clause[] {
  const t = foldTable();
  const out: Clause[] = [];
  let text = '';
  let start = -1;
  let end = 0;
  const flush = () => {
    if (text.length >= min) out.push({ text, start, end });
    text = '';
    start = -1;
  };
  for (let i = 0; i < source.length; i++) {
    const at = i;
    const code = foldedAt(source, i, t);
    if (isPair(source, i)) i++;
    if (code === DROP) continue;
    if (code === CLAUSE_END || code === KEEP_BREAK) {
      flush();
      continue;
    }
    if (start === -1) start = at;
    text += String.fromCharCode(code);
    end = i + 1;
  }
  flush();
  return out;
}

/** Normalised text of a short string (a phrase, a title). */
export function norm(source: string): string {
  return normalise(source).text.replaceAll(BREAK, '');
}

const EDGE_BRACKETS = /^\s*[（(【[〔［][^）)】\]〕］]*[）)】\]〕］]|[（(【[〔［][^）)】\]〕］]*[）)】\]〕］]\s*$/;

/** `某村复盘（内部研讨）`, `【内部】某村复盘`: the title without bracketed parts at either end, its short form. */
export function withoutBrackets(title: string): string {
  let short = title.trim();
  for (let next = short.replace(EDGE_BRACKETS, '').trim(); next !== short && next; next = short.replace(EDGE_BRACKETS, '').trim())
    short = next;
  return short;
}
