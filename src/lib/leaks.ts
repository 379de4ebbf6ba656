/**
 * The last guard for 内部 cases: after a build, no built file may contain an internal
 * case's title, its URL or id, its summary, its discussion questions and source titles,
 * or any distinctive passage of its body —
 * including the search index, whose fragments are gzip-compressed. The checker uses
 * the same needles to catch a public entry that quotes an internal case before the
 * build starts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface InternalCase {
  id: string;
  title: string;
  body: string;
  summary?: string;
  /** Other texts of the case (discussion questions, source titles); long ones are checked too. */
  extra?: string[];
}

export interface Leak {
  file: string;
  what: string;
}

export interface Needle {
  /** Plain text to look for, or a pattern (ids must stand alone: `case-1` is not in `case-10`). */
  text: string | RegExp;
  what: string;
}

/** Passages of a body long enough to be distinctive (short ones like "## 背景" are shared by many). */
export function distinctiveLines(body: string): string[] {
  // Split where Markdown or HTML would change the text on its way to the page.
  return [...new Set(body
    .split(/[\n*_`[\]()<>#|!&"'~\\]+/)
    .map((l) => l.replace(/^[-+>\d.\s]+/, '').trim())
    .filter((l) => l.length >= 16)
    .map((l) => l.slice(0, 40)))];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** What must never appear in a built file for one internal case. */
export function internalCaseNeedles(c: InternalCase): Needle[] {
  const needles: Needle[] = [
    { text: c.title, what: `内部案例标题 “${c.title}”` },
    { text: `/cases/${c.id}/`, what: `内部案例网址 /cases/${c.id}/` },
    { text: new RegExp(`(?<![a-z0-9-])${escapeRegExp(c.id)}(?![a-z0-9-])`), what: `内部案例 id ${c.id}` },
  ];
  if (/[&<>"']/.test(c.title)) needles.push({ text: escapeHtml(c.title), what: `内部案例标题 “${c.title}”` });
  if (c.summary && c.summary.trim().length >= 12) needles.push({ text: c.summary.trim().slice(0, 40), what: `内部案例 ${c.id} 的摘要` });
  for (const line of distinctiveLines(c.body)) needles.push({ text: line, what: `内部案例 ${c.id} 的正文 “${line.slice(0, 12)}…”` });
  for (const text of new Set((c.extra ?? []).map((t) => t.trim()).filter((t) => t.length >= 10))) {
    needles.push({ text: text.slice(0, 40), what: `内部案例 ${c.id} 的文字 “${text.slice(0, 12)}…”` });
  }
  return needles;
}

/** Whether `text` contains the needle. */
export function contains(text: string, needle: Needle): boolean {
  return typeof needle.text === 'string' ? needle.text.length > 0 && text.includes(needle.text) : needle.text.test(text);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

const BINARY = /\.(png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|eot|wasm|mp4|webm|mp3|pdf|zip)$/i;

/** A built file as text: gzip (Pagefind's index and fragments) is unpacked first. */
function readBuiltText(file: string): string | undefined {
  if (BINARY.test(file) || statSync(file).size > 64 * 1024 * 1024) return undefined;
  const bytes = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes).toString('utf8');
    } catch {
      return bytes.toString('utf8');
    }
  }
  return bytes.toString('utf8');
}

/** The texts of a case's front matter besides title and summary, for `InternalCase.extra`. */
export function extraTexts(data: Record<string, unknown>): string[] {
  const questions = Array.isArray(data.questions) ? data.questions : [];
  const sources = Array.isArray(data.sources) ? data.sources.map((s) => (s && typeof s === 'object' ? (s as { title?: unknown }).title : undefined)) : [];
  return [...questions, ...sources].filter((t): t is string => typeof t === 'string');
}

/** Every place an internal case shows up in the built folder `dir` (file contents and file names). */
export function findLeaks(dir: string, cases: InternalCase[]): Leak[] {
  if (cases.length === 0) return [];
  const needles = cases.flatMap(internalCaseNeedles);
  const leaks: Leak[] = [];
  for (const file of walk(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    for (const c of cases) {
      if (new RegExp(`(?<![a-z0-9-])${escapeRegExp(c.id)}(?![a-z0-9-])`).test(rel)) leaks.push({ file: rel, what: `文件名含内部案例 id ${c.id}` });
    }
    const text = readBuiltText(file);
    if (text === undefined) continue;
    for (const n of needles) if (contains(text, n)) leaks.push({ file: rel, what: n.what });
  }
  return leaks;
}
