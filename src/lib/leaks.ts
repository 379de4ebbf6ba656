/**
 * The last guard for 内部 cases: after a build, no built file may contain an internal
 * case's title, its URL, or any distinctive line of its body.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface InternalCase {
  id: string;
  title: string;
  body: string;
}

export interface Leak {
  file: string;
  what: string;
}

/** Body lines long enough to be distinctive (short lines like "## 背景" are shared by many). */
export function distinctiveLines(body: string): string[] {
  return body
    .split('\n')
    .map((l) => l.replace(/^[#>*\-\d.\s]+/, '').trim())
    .filter((l) => [...l].length >= 16)
    .map((l) => l.slice(0, 40));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

export function findLeaks(dir: string, cases: InternalCase[]): Leak[] {
  if (cases.length === 0) return [];
  const needles = cases.flatMap((c) => [
    { text: c.title, what: `内部案例标题 “${c.title}”` },
    { text: `/cases/${c.id}/`, what: `内部案例网址 /cases/${c.id}/` },
    ...distinctiveLines(c.body).map((line) => ({ text: line, what: `内部案例 ${c.id} 的正文 “${line.slice(0, 12)}…”` })),
  ]);
  const leaks: Leak[] = [];
  for (const file of walk(dir)) {
    if (!/\.(html|json|js|xml|txt|css|ics|csv|md)$/i.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const n of needles) if (text.includes(n.text)) leaks.push({ file: path.relative(dir, file), what: n.what });
  }
  return leaks;
}
