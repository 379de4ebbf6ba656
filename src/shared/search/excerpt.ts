/**
 * Highlighted excerpts built in the browser from a result's original text. Pagefind's
 * own excerpts would sometimes come from the folded shadow copy (simplified text under
 * a traditional page); these never do, and they highlight a simplified query inside
 * traditional text, because matching happens on the folded form of each character.
 */
import { foldChar, type CharMap } from './fold.ts';
import { SHADOW_MARK } from './shadow.ts';

const BOUNDARY = /[。！？；.!?;]/;

export interface Segment {
  text: string;
  mark: boolean;
}

/** The page text users should see: before the shadow copy, without word-break marks. */
export function originalContent(content: string): string {
  const cut = content.indexOf(SHADOW_MARK);
  return (cut >= 0 ? content.slice(0, cut) : content).replace(/\u200b/g, '').replace(/[\s.]+$/, '');
}

/** Per code point: does it fall inside an occurrence of any needle (compared folded)? */
function markedPositions(chars: string[], needles: string[], map: CharMap): boolean[] {
  const folded = chars.map((c) => foldChar(c, map));
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const needle of needles) {
    const n = [...needle];
    if (n.length === 0) continue;
    for (let i = 0; i + n.length <= folded.length; i++) {
      let hit = true;
      for (let j = 0; j < n.length && hit; j++) hit = folded[i + j] === n[j];
      if (hit) for (let j = 0; j < n.length; j++) marked[i + j] = true;
    }
  }
  return marked;
}

function toSegments(chars: string[], marked: boolean[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  for (let i = from; i < to; i++) {
    const last = out[out.length - 1];
    if (last && last.mark === marked[i]) last.text += chars[i];
    else out.push({ text: chars[i], mark: marked[i] });
  }
  return out;
}

/** The whole text with every occurrence of the needles marked. */
export function highlight(text: string, needles: string[], map: CharMap): Segment[] {
  const chars = [...text];
  return toSegments(chars, markedPositions(chars, needles, map), 0, chars.length);
}

export function hasMatch(text: string, needles: string[], map: CharMap): boolean {
  return markedPositions([...text], needles, map).some(Boolean);
}

/**
 * A window of about `length` characters around the densest cluster of matches, or
 * undefined when nothing matches. Ellipses mark cut ends.
 */
export function excerpt(text: string, needles: string[], map: CharMap, length = 80): Segment[] | undefined {
  const chars = [...text];
  const marked = markedPositions(chars, needles, map);
  const prefix: number[] = [0];
  for (let i = 0; i < chars.length; i++) prefix.push(prefix[i] + (marked[i] ? 1 : 0));
  if (prefix[chars.length] === 0) return undefined;
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start < chars.length; start++) {
    if (!marked[start] || (start > 0 && marked[start - 1])) continue;
    const from = Math.max(0, start - Math.floor(length / 5));
    const score = prefix[Math.min(chars.length, from + length)] - prefix[from];
    if (score > bestScore) [best, bestScore] = [from, score];
  }
  // Start at a sentence or field boundary shortly before the first match when there is one.
  const firstMark = marked.indexOf(true, best);
  let snapped = false;
  for (let i = firstMark - 1; i >= Math.max(0, firstMark - Math.floor(length / 3)) && !snapped; i--) {
    if (!BOUNDARY.test(chars[i])) continue;
    best = i + 1;
    while (best < firstMark && /\s/.test(chars[best])) best++;
    snapped = true;
  }
  const to = Math.min(chars.length, best + length);
  const from = snapped ? best : Math.max(0, Math.min(best, to - length));
  const segments = toSegments(chars, marked, from, to);
  if (from > 0) segments.unshift({ text: '…', mark: false });
  if (to < chars.length) segments.push({ text: '…', mark: false });
  return segments;
}
