/**
 * The t→s character map, generated from opencc-js's dictionaries at build time (Node
 * only). The browser never loads opencc-js: the search page ships only the pairs whose
 * simplified form occurs in the catalog, a few kilobytes (see `mapForText`).
 */
import * as OpenCC from 'opencc-js/t2cn';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import type { CharMap } from '../../shared/search/fold.ts';

let full: CharMap | undefined;

/**
 * Characters OpenCC converts only inside phrases (瞭解 → 了解), folded everywhere: the
 * fold is applied to both index and query, so this can only widen matches, and these
 * three have no competing simplified meaning worth keeping apart in search.
 */
const PHRASE_ONLY: Record<string, string> = { 瞭: '了', 甦: '苏', 藉: '借' };

function dictKeys(dict: string): string[] {
  return dict
    .split('|')
    .map((pair) => pair.split(' ')[0])
    .filter(Boolean);
}

/**
 * Every character OpenCC converts from traditional (or a Hong Kong / Taiwan variant) to
 * a single, different simplified character. The `t` converter decides; the Hong Kong
 * one only fills the gaps, because Taiwan's variant table would fold simplified 么 and
 * 著 into other characters.
 */
export function fullCharMap(): CharMap {
  if (full) return full;
  const t = OpenCC.Converter({ from: 't', to: 'cn' });
  const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const map: CharMap = new Map();
  for (const ch of new Set([...dictKeys(TSCharacters), ...dictKeys(TWVariantsRev), ...dictKeys(HKVariantsRev)])) {
    let to = t(ch);
    if (to === ch) to = hk(ch);
    if (to !== ch && [...to].length === 1) map.set(ch, to);
  }
  for (const [from, to] of Object.entries(PHRASE_ONLY)) if (!map.has(from)) map.set(from, to);
  full = map;
  return map;
}

/**
 * The part of the map a catalog needs: a query character can only ever match if its
 * simplified form occurs in the indexed text, so pairs whose target never occurs are
 * dropped. Characters of the text itself that need folding are kept too.
 */
export function mapForText(text: string, map: CharMap = fullCharMap()): CharMap {
  // A catalog's text runs to tens of megabytes at 10,000 entries, with a few thousand
  // distinct characters: each is looked up once, not once per occurrence.
  const seen = new Set<string>();
  const bmp = new Uint8Array(0x10000);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      seen.add(text.slice(i, i + 2));
      i++;
    } else if (!bmp[code]) {
      bmp[code] = 1;
      seen.add(text[i]);
    }
  }
  const present = new Set<string>();
  for (const ch of seen) present.add(map.get(ch) ?? ch);
  const out: CharMap = new Map();
  for (const [from, to] of map) if (present.has(to)) out.set(from, to);
  return out;
}
