/**
 * "Did you mean …?" for the checker. Edit distance counts a swap of two neighbours as
 * one edit (`titel` → `title`), and for Chinese terms, where one wrong character is
 * already a third of a word, a candidate sharing half the characters also counts
 * (`经验介绍` → `经验总结`).
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** Characters two strings share (as multisets), over the longer length. */
function overlap(a: string, b: string): number {
  const pool = [...b];
  let shared = 0;
  for (const ch of a) {
    const i = pool.indexOf(ch);
    if (i !== -1) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return shared / Math.max([...a].length, pool.length + shared);
}

/** The closest candidate, if one is close enough to be worth suggesting. */
export function suggest(value: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const v = value.toLowerCase();
  const limit = Math.max(1, Math.floor(value.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of list) {
    const d = editDistance(v, c.toLowerCase());
    const contains = value.length >= 2 && (c.includes(value) || value.includes(c));
    const score = contains ? Math.min(d, limit) : d;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (best !== undefined && bestScore <= limit) return best;
  if (!/[\u3400-\u9fff]/.test(value)) return undefined;
  let bestOverlap = 0;
  best = undefined;
  for (const c of list) {
    const o = overlap(value, c);
    if (o > bestOverlap) {
      bestOverlap = o;
      best = c;
    }
  }
  return bestOverlap >= 0.5 ? best : undefined;
}
