/**
 * Lean pages prepared while Astro is still rendering. Astro writes the entry pages over
 * most of its page generation, on one core; `npm run build` (scripts/build.ts) meanwhile
 * polls for the ones written and prepares them for Pagefind (`leanIndexableHtml`) on the
 * other, so the index shards later only pick them up (10,000 entries: about 2.6 s of
 * preparing off the search step).
 *
 * Nothing here is trusted blindly: a prepared page is used only if its source file has
 * the same size, modification time and inode as when it was prepared, and is otherwise
 * prepared again when its batch is written (./indexer.ts). Which pages are indexed is
 * still decided by `indexablePages` after Astro has finished.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIBRARIES } from '../../schemas/index.ts';
import { fileStamp, readSettled } from '../file-stamp.ts';
import type { CharMap } from '../../shared/search/fold.ts';
import { leanIndexableHtml } from '../../shared/search/shadow.ts';

/** What the index shards are told about the pages prepared ahead (a JSON file). */
export interface PreparedPages {
  /** Where the prepared pages are, at their paths in the site. */
  folder: string;
  /** The stamp of each page's source when it was prepared, by path in the site. */
  stamps: Record<string, string>;
}

const END = Buffer.from('</html>');

/**
 * An entry page Astro has finished writing, with its stamp; undefined while it is missing
 * or being written, or when it is no entry page. `passed` remembers pages seen
 * unfinished or not entry pages, by stamp, so they are read again only once changed.
 */
export function readFinishedEntryPage(
  file: string,
  rel: string,
  passed: Map<string, string>,
): { bytes: Buffer; stamp: string } | undefined {
  let read: ReturnType<typeof readSettled>;
  try {
    if (passed.get(rel) === fileStamp(file)) return undefined;
    read = readSettled(file);
  } catch {
    return undefined; // Not there yet (or a folder of another page).
  }
  if (!read) return undefined; // Being written.
  // Written in part (a poll may land mid-write), or not an entry page.
  if (!read.bytes.subarray(read.bytes.length - END.length).equals(END) || !read.bytes.includes('data-pagefind-body')) {
    passed.set(rel, read.stamp);
    return undefined;
  }
  return read;
}

/** Prepares, poll by poll, the entry pages (`<library>/<id>/index.html`) Astro has finished. */
export class PagePreparer {
  readonly folder: string;
  private readonly dir: string;
  private readonly map: CharMap;
  private readonly stamps = new Map<string, string>();
  /** Pages seen that are not entry pages, or not finished yet, and their stamps then. */
  private readonly passed = new Map<string, string>();

  constructor(dir: string, folder: string, map: CharMap) {
    this.dir = dir;
    this.folder = folder;
    this.map = map;
  }

  /** How many pages are prepared. */
  get count(): number {
    return this.stamps.size;
  }

  /** Prepares the finished entry pages not prepared yet; returns how many it prepared. */
  poll(): number {
    let made = 0;
    for (const library of LIBRARIES) {
      let names: string[];
      try {
        names = readdirSync(path.join(this.dir, library));
      } catch {
        continue; // Not written yet.
      }
      for (const name of names) {
        const rel = `${library}/${name}/index.html`;
        if (this.stamps.has(rel)) continue;
        const file = path.join(this.dir, rel);
        const read = readFinishedEntryPage(file, rel, this.passed);
        if (!read) continue;
        const { bytes, stamp } = read;
        const out = path.join(this.folder, rel);
        mkdirSync(path.dirname(out), { recursive: true });
        writeFileSync(out, leanIndexableHtml(bytes.toString('utf8'), this.map));
        this.stamps.set(rel, stamp);
        made++;
      }
    }
    return made;
  }

  /** Writes what the shards need to find the prepared pages; returns the file's path. */
  writeManifest(file: string): string {
    const manifest: PreparedPages = { folder: this.folder, stamps: Object.fromEntries(this.stamps) };
    writeFileSync(file, JSON.stringify(manifest));
    return file;
  }
}

/** Reads a manifest written by `PagePreparer.writeManifest`. */
export function readPrepared(file: string): PreparedPages {
  return JSON.parse(readFileSync(file, 'utf8')) as PreparedPages;
}

/**
 * Moves the prepared copy of `rel` to `to`, if it was prepared from the page as it is
 * now; returns whether it did (otherwise the caller prepares the page itself).
 */
export function takePrepared(prepared: PreparedPages | undefined, dir: string, rel: string, to: string): boolean {
  const stamp = prepared?.stamps[rel];
  if (!prepared || stamp === undefined) return false;
  try {
    if (fileStamp(path.join(dir, rel)) !== stamp) return false;
    const from = path.join(prepared.folder, rel);
    try {
      renameSync(from, to);
    } catch {
      copyFileSync(from, to); // Another file system.
    }
    return true;
  } catch {
    return false;
  }
}
