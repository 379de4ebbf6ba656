/**
 * One index shard read by Pagefind while Astro is still rendering (./index-ahead.ts
 * starts it in a process of its own, ./ahead-worker.ts). Astro writes the entry pages
 * over most of its page generation, on one core; the shard meanwhile picks up the pages
 * it was given as they are finished, prepares them (`leanIndexableHtml`) and hands them
 * to Pagefind on the other core, so that once Astro exits only the rest is left to read
 * and the index to write. Given the leak guard's model, it scans each page it reads too,
 * with the stamp it read it at: the guard then reads only the pages changed since.
 *
 * Nothing read early is trusted blindly: when the build knows the real entry pages, the
 * shard checks that every page it handed to Pagefind is one of them and is still the file
 * it read (size, modification time and inode). Pagefind cannot take a page back, so if
 * not, the shard reports itself stale and the build indexes the usual way.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileStamp } from '../file-stamp.ts';
import { readFinishedEntryPage } from './prepare-ahead.ts';
import type { CharMap } from '../../shared/search/fold.ts';
import { leanIndexableHtml } from '../../shared/search/shadow.ts';
import type { PagefindSession } from './pagefind-session.ts';
import { leaksIn, type Leak } from '../leaks/guard.ts';
import type { LeakModel } from '../leaks/scan.ts';

/**
 * How the shard ended: its index written (`early` pages read, and the index perhaps
 * `written`, while Astro rendered), or why what it read early cannot be used.
 */
export type AheadOutcome = { indexed: number; early: number; written: boolean; scan?: SentScan } | { stale: string };

/** The leak guard's scan of a shard's pages (src/build/leaks/guard.ts `LeakScan`), as a message carries it. */
export interface SentScan {
  leaks: Leak[];
  stamps: [string, string][];
}

/**
 * Most pages handed to Pagefind at a time while Astro renders (a quarter of a small
 * shard); the rest go at the end, `FINAL_BATCH` at a time.
 */
export const EARLY_BATCH = 250;
const FINAL_BATCH = 500;

/** Moves a folder to `to` (its parent made if need be), copying across file systems. */
function moveFolder(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch {
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

export class AheadShard {
  /** Pages given to this shard that are not prepared yet. */
  private readonly pending: Set<string>;
  /** Pages seen unfinished (or not entry pages), and their stamps then. */
  private readonly passed = new Map<string, string>();
  /** Stamp of every page prepared, by path in the site. */
  private readonly stamps = new Map<string, string>();
  /** Prepared pages not yet handed to Pagefind, in `folder`. */
  private batch: string[] = [];
  private batches = 0;
  /** Pages Pagefind has read. */
  private read = 0;
  /** Where the index went when it was written early. */
  private writtenTo: string | undefined;
  /** Whether Pagefind is still open to take more pages (always, until an early write closes it). */
  private open = true;
  private readonly earlyBatch: number;

  private readonly dir: string;
  private readonly map: CharMap;
  private readonly session: PagefindSession;
  /** This shard's scratch folder (the batches go in folders under it). */
  private readonly scratch: string;
  /** The leak guard's model: each page is scanned as it is read (the build then skips it). */
  private readonly leaks: LeakModel | undefined;
  private readonly found: Leak[] = [];

  constructor(dir: string, pages: readonly string[], map: CharMap, session: PagefindSession, scratch: string, leaks?: LeakModel) {
    this.dir = dir;
    this.leaks = leaks;
    this.pending = new Set(pages);
    this.earlyBatch = Math.min(EARLY_BATCH, Math.ceil(pages.length / 4));
    this.map = map;
    this.session = session;
    this.scratch = scratch;
  }

  /** Whether enough pages are prepared to hand them to Pagefind. */
  get due(): boolean {
    return this.batch.length > 0 && this.batch.length >= this.earlyBatch;
  }

  /** Pages Pagefind has read so far. */
  get early(): number {
    return this.read;
  }

  /** Whether every page given to this shard is prepared. */
  get complete(): boolean {
    return this.pending.size === 0;
  }

  /** Whether the index is written already (`writeEarly`). */
  get written(): boolean {
    return this.writtenTo !== undefined;
  }

  /**
   * Writes the index of the pages given, all prepared, to `outputPath` before the build
   * knows the real entry pages; `finish` then only checks them and moves it. Pagefind is
   * closed then, its memory freed, unless `keepOpen`: the last shard also gets the pages
   * nobody expected, and with Pagefind still open it adds them and writes again.
   */
  async writeEarly(outputPath: string, keepOpen = false): Promise<void> {
    await this.add();
    await this.session.write(outputPath, this.read);
    this.writtenTo = outputPath;
    this.open = keepOpen;
    if (!keepOpen) await this.session.close();
  }

  /** The leak scan of every page read, when the shard was given the model. */
  private get scan(): { scan?: SentScan } {
    return this.leaks ? { scan: { leaks: this.found, stamps: [...this.stamps] } } : {};
  }

  private get folder(): string {
    return path.join(this.scratch, `batch-${this.batches}`);
  }

  private prepare(rel: string, bytes: Buffer, stamp: string): void {
    const out = path.join(this.folder, rel);
    mkdirSync(path.dirname(out), { recursive: true });
    const html = bytes.toString('utf8');
    writeFileSync(out, leanIndexableHtml(html, this.map));
    if (this.leaks) this.found.push(...leaksIn(this.leaks, rel, html));
    this.stamps.set(rel, stamp);
    this.pending.delete(rel);
    this.batch.push(rel);
  }

  /**
   * Prepares the pages of this shard that Astro has finished since the last poll, at most
   * `limit` of them (a batch: the shard's process must not stay deaf to the build's
   * message for the time it takes to prepare a thousand pages); returns how many.
   */
  poll(limit = this.earlyBatch): number {
    let made = 0;
    for (const rel of this.pending) {
      if (made >= limit) break;
      const read = readFinishedEntryPage(path.join(this.dir, rel), rel, this.passed);
      if (!read) continue;
      const { bytes, stamp } = read;
      this.prepare(rel, bytes, stamp);
      made++;
    }
    return made;
  }

  /** Hands the prepared pages to Pagefind and starts a new batch. */
  async add(doing = '在 Astro 渲染时'): Promise<void> {
    if (!this.batch.length) return;
    const [folder, pages] = [this.folder, this.batch];
    this.batch = [];
    this.batches++;
    await this.session.addFolder(folder, pages.length, pages[0], `${doing}索引 ${pages[0]} 起的 ${pages.length} 个页面`);
    rmSync(folder, { recursive: true, force: true });
    this.read += pages.length;
  }

  /**
   * Indexes the rest of `pages` (this shard's part of the real entry pages) and writes the
   * index to `outputPath`, unless a page read early is no entry page any more or has
   * changed since: then nothing is written and the outcome says why.
   */
  async finish(pages: readonly string[], outputPath: string): Promise<AheadOutcome> {
    const wanted = new Set(pages);
    for (const [rel, stamp] of this.stamps) {
      if (!wanted.has(rel)) return { stale: `${rel} 不再是条目页` };
      let now: string | undefined;
      try {
        now = fileStamp(path.join(this.dir, rel));
      } catch {
        now = undefined;
      }
      if (now !== stamp) return { stale: `${rel} 在读入索引之后又被改写` };
    }
    const late = pages.find((rel) => !this.stamps.has(rel));
    if (this.writtenTo && !late) {
      moveFolder(this.writtenTo, outputPath);
      return { indexed: this.read, early: this.read, written: true, ...this.scan };
    }
    if (this.writtenTo && !this.open) return { stale: `${late} 在${this.session.label || '分片'}写出索引之后才出现` };
    // Written early, but with Pagefind still open: the late pages are added and all written again.
    if (this.writtenTo) rmSync(this.writtenTo, { recursive: true, force: true });
    const early = this.read;
    // The next batch is prepared while Pagefind reads this one.
    let adding: Promise<void> | undefined;
    for (const rel of pages) {
      if (this.stamps.has(rel)) continue;
      const file = path.join(this.dir, rel);
      const stamp = fileStamp(file);
      this.prepare(rel, readFileSync(file), stamp);
      if (this.batch.length >= FINAL_BATCH) {
        await adding;
        adding = this.add('');
        adding.catch(() => {});
      }
    }
    await adding;
    await this.add('');
    await this.session.write(outputPath, this.read);
    return { indexed: this.read, early, written: false, ...this.scan };
  }
}
