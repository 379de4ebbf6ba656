/**
 * The last guard for 内部 cases: after a build, no built file may contain an internal
 * case's text, title, URL or id — HTML, scripts, JSON, feeds, and the search index
 * and result bundle, whose files are gzip-compressed. Same fingerprints as the
 * checker (./scan.ts), so what the checker let through as public the guard does too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileStamp } from '../file-stamp.ts';
import { runsOf, type LeakModel } from './fingerprints.ts';
import { BREAK, normalise } from './normalise.ts';
import { describe, idMentions, titleWhat } from './scan.ts';

export interface Leak {
  file: string;
  what: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

const MARKUP = /\.(html?|xml|svg|rss|atom)$/i;
const BINARY = /\.(png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|eot|wasm|mp4|webm|mp3|pdf|zip)$/i;

/** A built file as text: gzip (Pagefind's index and fragments, the result bundle) is unpacked first. */
export function readBuiltText(file: string): string | undefined {
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

/** Character references and `\\u` escapes decoded: a bundler or serialiser may have written text either way. */
export function decodeEscapes(raw: string): string {
  let text = raw;
  if (text.includes('&#'))
    text = text.replace(/&#(x[0-9a-f]+|\d+);/gi, (m, n: string) => {
      const code = n[0].toLowerCase() === 'x' ? Number.parseInt(n.slice(1), 16) : Number(n);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    });
  if (text.includes('\\u')) text = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return text;
}

/** Every place an internal case shows up in the built folder `dir` (file contents and file names). */
export function findLeaks(dir: string, model: LeakModel): Leak[] {
  return scanLeaks(dir, model).leaks;
}

/** A scan of a built folder: its leaks, and a stamp of each file it read. */
export interface LeakScan {
  leaks: Leak[];
  /** Size, modification time (ns) and inode of each file, by path relative to the folder. */
  stamps: Map<string, string>;
}

/**
 * `findLeaks` in two passes: `scanLeaks(dir, model)` reads the whole folder (the build
 * runs it while the search index is built), `scanLeaks(dir, model, earlier)` then reads
 * only files that are new or changed since, keeping the earlier findings for the rest.
 * The second result is what one full scan at that moment would find. Files `skip` names
 * are left out (unstamped, so a later pass reads them unless another scan did).
 */
export function scanLeaks(dir: string, model: LeakModel, earlier?: LeakScan, skip?: (rel: string) => boolean): LeakScan {
  const stamps = new Map<string, string>();
  if (model.cases.length === 0) return { leaks: [], stamps };
  const leaks: Leak[] = [];
  const unchanged = new Set<string>();
  for (const file of walk(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    if (skip?.(rel)) continue;
    const stamp = fileStamp(file);
    stamps.set(rel, stamp);
    if (earlier?.stamps.get(rel) === stamp) {
      unchanged.add(rel);
      continue;
    }
    leaks.push(...leaksIn(model, rel, readBuiltText(file)));
  }
  const kept = (earlier?.leaks ?? []).filter((leak) => unchanged.has(leak.file));
  return { leaks: [...kept, ...leaks].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), stamps };
}

/**
 * What one built file gives away: `rel` is its path in the site, `raw` its text (as
 * `readBuiltText` reads it; undefined for a binary file, whose name still counts).
 */
export function leaksIn(model: LeakModel, rel: string, raw: string | undefined): Leak[] {
  const found = new Set<string>();
  for (const m of idMentions(model, rel)) found.add(`文件名含内部案例 id ${m.caseId}`);
  if (raw !== undefined) {
    const decoded = decodeEscapes(raw);
    // Ids and URLs live in attributes too: looked for before the markup goes.
    for (const m of idMentions(model, decoded)) found.add(m.what);
    // In markup, block tags end a text and inline tags vanish (a <strong> inside a copied sentence does not split it).
    const markup = MARKUP.test(rel);
    for (const run of runsOf(model.scanSource(decoded, markup))) {
      found.add(describe(model, run.source, model.sources[run.source].text.slice(run.from, run.from + run.end - run.start)));
    }
    if (model.shortTitles.length) {
      const n = normalise(markup ? decoded.replace(/<[^>]*>/g, BREAK) : decoded).text;
      for (const { title } of model.titleHits(n)) found.add(titleWhat(model.shortTitles[title].caseId, model.shortTitles[title].raw));
    }
  }
  return [...found].map((what) => ({ file: rel, what }));
}

/** Scans of different files of one folder, as one scan `scanLeaks` can take as `earlier`. */
export function joinScans(...scans: LeakScan[]): LeakScan {
  return { leaks: scans.flatMap((scan) => scan.leaks), stamps: new Map(scans.flatMap((scan) => [...scan.stamps])) };
}
