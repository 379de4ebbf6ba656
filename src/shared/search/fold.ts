/**
 * Script folding: traditional (and variant) characters to simplified, one code point
 * for one code point. The indexer folds what it indexes and the browser folds the
 * query with this same code, so both sides always agree — even where a character-level
 * mapping is not what a careful converter would print (乾隆 folds to 干隆 on both
 * sides, and still matches).
 *
 * Runs in Node and in the browser: no imports.
 */

/** A t→s character map, `source → target`, one code point each. */
export type CharMap = Map<string, string>;

/**
 * The map as one compact string of pairs ("臺台灣湾…"): half the size of JSON, and the
 * browser rebuilds it with a single loop.
 */
export function encodeCharMap(map: CharMap): string {
  return [...map].map(([from, to]) => from + to).join('');
}

export function decodeCharMap(encoded: string): CharMap {
  const chars = [...encoded];
  const map: CharMap = new Map();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
  return map;
}

/** Folds Han characters only: safe on HTML source, since markup is never touched. */
export function foldHan(text: string, map: CharMap): string {
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

/**
 * One code point of query or content text in comparable form: t→s, full-width ASCII to
 * ASCII (ＡＢＣ１２３ → abc123), lower case. Length-preserving per code point, so the
 * result can be mapped back onto the original text for highlighting.
 */
export function foldChar(ch: string, map: CharMap): string {
  const mapped = map.get(ch);
  if (mapped) return mapped;
  const code = ch.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0).toLowerCase();
  if (code === 0x3000) return ' ';
  return ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
}

/** Text in comparable form (see `foldChar`), one output code point per input code point. */
export function foldText(text: string, map: CharMap): string {
  let out = '';
  for (const ch of text) out += foldChar(ch, map);
  return out;
}

/** The query as it is sent to Pagefind: folded, whitespace collapsed. */
export function normaliseQuery(query: string, map: CharMap): string {
  return foldText(query.normalize('NFC'), map).replace(/\s+/g, ' ').trim();
}
