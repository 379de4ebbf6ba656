/**
 * Han character pairs as single ASCII words, for Pagefind. Chinese has no spaces, and
 * the two sides cut it with different dictionaries: Pagefind segments pages at build
 * time with ICU4X and the query in the browser with `Intl.Segmenter`, so 德容 in 顺德容桂
 * is no word on either side, and a query made of it matched every page with a 德 and a
 * 容 somewhere. Every page therefore also lists each distinct pair of adjacent Han
 * characters of its text as a token (德容 → `q1jd1v9`), and the query sends the pairs
 * of its Han runs as the same tokens: a word no segmenter splits, matched exactly, so
 * Pagefind's candidates are the pages that hold every pair of the query.
 *
 * Pure and browser-safe: the indexer (./shadow.ts) and the search page share it.
 */

/** First code point a token can encode; with three base-36 digits per character this covers U+3400–U+EFFF (every Han block of the BMP). */
const BASE = 0x3400;
const SPAN = 36 ** 3;
const HAN = /\p{Script=Han}/u;

function digits(code: number): string | undefined {
  const n = code - BASE;
  return n >= 0 && n < SPAN ? n.toString(36).padStart(3, '0') : undefined;
}

/**
 * The token of a pair of Han characters, or undefined when either is outside the BMP's
 * Han blocks (such pairs go to Pagefind as their two characters). The leading `q` keeps
 * tokens apart from numbers; a real word of the same shape would only add a candidate
 * (the result bundle's check against the text drops it; a big catalog keeps it).
 */
export function pairToken(pair: string): string | undefined {
  const chars = [...pair];
  if (chars.length !== 2 || !chars.every((c) => HAN.test(c))) return undefined;
  const a = digits(chars[0].codePointAt(0)!);
  const b = digits(chars[1].codePointAt(0)!);
  return a && b ? `q${a}${b}` : undefined;
}

/** How often each pair of adjacent Han characters in `text` occurs, by token, in order of first appearance. */
export function pairTokenCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const token = pairToken(chars[i] + chars[i + 1]);
      if (token) out.set(token, (out.get(token) ?? 0) + 1);
    }
  }
  return out;
}

/** The distinct tokens of every pair of adjacent Han characters in `text`, in order of first appearance. */
export function pairTokens(text: string): string[] {
  return [...pairTokenCounts(text).keys()];
}
