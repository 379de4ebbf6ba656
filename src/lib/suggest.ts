/** "Did you mean …?" for misspelled field names, vocabulary terms and ids. */

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** The closest candidate within a distance that scales with length, if any. */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(value.length / 3));
  for (const c of candidates) {
    const d = editDistance(value.toLowerCase(), c.toLowerCase());
    const contains = value.length >= 2 && (c.includes(value) || value.includes(c));
    const score = contains ? Math.min(d, limit) : d;
    if (score < bestDistance) {
      bestDistance = score;
      best = c;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
