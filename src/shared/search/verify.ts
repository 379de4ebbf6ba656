/**
 * Checking Pagefind's candidates against the text. Pagefind drops query words it has
 * never indexed and matches single characters inside longer words, so a query for
 * text that exists nowhere (琥珀色档案袋) still returns pages that merely contain 色
 * and 案. Each result is scored by how many of the query's character pairs its folded
 * text really contains; pages below half for any query word are dropped, the rest are
 * ranked by that score, ties broken by `prominence`.
 */

import { originalContent } from './excerpt.ts';
import { foldText, type CharMap } from './fold.ts';

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * The units each query word must show: its Han pairs (one character alone if that is
 * all there is) and its other letters/digits, lower case. A quoted query is one unit.
 */
export function queryUnits(normalised: string): string[][] {
  const text = normalised.trim();
  if (!text) return [];
  if (/^".+"$/.test(text)) return [[text.slice(1, -1).replace(/\s+/g, '')]];
  return text
    .replace(/["“”]/g, ' ')
    .split(/\s+/)
    .map((word) => {
      const units: string[] = [];
      for (const run of word.match(HAN_RUN) ?? []) {
        const chars = [...run];
        if (chars.length === 1) units.push(run);
        for (let i = 0; i + 1 < chars.length; i++) units.push(chars[i] + chars[i + 1]);
      }
      for (const run of word.match(/[^\p{Script=Han}\p{P}\p{S}\s]+/gu) ?? []) units.push(run.toLowerCase());
      return units;
    })
    .filter((units) => units.length > 0);
}

/** Least share of a word's units a page must contain. */
export const MIN_COVERAGE = 0.5;

/**
 * Score of a page for the query (sum over words of the share of units found), or null
 * when some word is covered less than `MIN_COVERAGE`. `folded` is the page text after
 * `foldText`.
 */
export function matchScore(folded: string, units: string[][]): number | null {
  const text = folded.replace(/\s+/g, '');
  let score = 0;
  for (const word of units) {
    const found = word.filter((u) => text.includes(u)).length / word.length;
    if (found < MIN_COVERAGE) return null;
    score += found;
  }
  return score;
}

/**
 * Tie-breaker among checked results (added to `matchScore`, always below 1): the whole
 * query, spaces aside, in the name counts most, then in the summary or key facts, then
 * anywhere in the text as one contiguous run, and a little more when the text repeats
 * it (a page that says it three times is more about it; Pagefind's own order no longer
 * tells, since pages list each character pair once). Arguments are `foldText`ed.
 */
export function prominence(query: string, fields: { name: string; summary: string; text: string }): number {
  const q = query.replace(/["“”\s]+/g, '');
  if (!q) return 0;
  const has = (s: string) => s.replace(/\s+/g, '').includes(q);
  const times = fields.text.replace(/\s+/g, '').split(q).length - 1;
  const repeated = times >= 3 ? 0.0625 : times === 2 ? 0.03125 : 0;
  return (has(fields.name) ? 0.5 : 0) + (has(fields.summary) ? 0.25 : 0) + (has(fields.text) ? 0.125 : 0) + repeated;
}

/** A result's text and metadata (a bundle page). */
export interface Scorable {
  content: string;
  meta: Record<string, string>;
}

/**
 * `matchScore` plus `prominence` for a result, or null when it doesn't match. Checked
 * against the visible text only: the search-only part lists single characters.
 * `query` is the normalised query; no units means no query, and every result scores 0.
 */
export function resultScore(d: Scorable, units: string[][], map: CharMap, query: string): number | null {
  if (!units.length) return 0;
  const text = foldText(`${originalContent(d.content)} ${Object.values(d.meta).join(' ')}`, map);
  const score = matchScore(text, units);
  if (score === null) return null;
  const fold = (s: string | undefined) => foldText(s ?? '', map);
  return (
    score + prominence(query, { name: fold(d.meta.name || d.meta.title), summary: `${fold(d.meta.summary)} ${fold(d.meta.facts)}`, text })
  );
}
