/**
 * The lean search index read while Astro renders. `npm run build` knows from the checker
 * which entry pages Astro will write; it starts the index shards on them at once, each in
 * a process of its own (./ahead-worker.ts, ./ahead-shard.ts) that picks up its pages as
 * Astro finishes them. Once Astro has exited, the build hands each shard its part of the
 * real entry pages (`indexablePages`); the shards read what is left, write, and the
 * shards are merged as usual (./indexer.ts). Given the leak guard's model, the shards
 * scan each page as they read it (`scanned`), and the guard skips what they read.
 *
 * Only for a catalog of as many shards as there are workers (two, up to 12,000 entry
 * pages): Astro and the Pagefind processes are in memory together, and more shards would
 * have to wait for Astro anyway. If a shard cannot use what it read early (a page read is
 * no entry page, or changed since) or dies, the build indexes the usual way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEnv, type RawEnv } from '../env.ts';
import { LIBRARIES } from '../../schemas/index.ts';
import type { CatalogEntry } from '../../shared/catalog.ts';
import { hasOwnPage, isInternal } from '../../shared/status.ts';
import type { AheadOutcome } from './ahead-shard.ts';
import { joinScans, type LeakScan } from '../leaks/guard.ts';
import { leakModelData, type LeakModel } from '../leaks/scan.ts';
import { SHARD_WORKERS, workerFailure, workerScript } from './shard-pool.ts';
import { planShards, shardPages } from './shards.ts';

/**
 * The entry pages Astro will write for these checked entries (`src/pages/[library]/[id].astro`,
 * directory URLs), in `indexablePages` order: the valid entries that get a page (not
 * internal cases, not `publish: false` instructors). A page expected in vain only keeps
 * its shard from writing before Astro has finished.
 */
export function expectedEntryPages(entries: readonly { collection: string; id: string; valid?: Record<string, unknown> }[]): string[] {
  const libraries: readonly string[] = LIBRARIES;
  return entries
    .filter((e) => {
      if (!e.valid || !libraries.includes(e.collection)) return false;
      const entry = { collection: e.collection, id: e.id, data: e.valid } as CatalogEntry;
      return !isInternal(entry) && hasOwnPage(entry);
    })
    .map((e) => `${e.collection}/${e.id}/index.html`)
    .sort();
}

/** Whether the index is read while Astro renders: `SIKU_SEARCH_AHEAD` (src/build/env.ts), default yes. */
export function aheadWanted(env: RawEnv = process.env): boolean {
  return readEnv('SIKU_SEARCH_AHEAD', env) ?? true;
}

/** What one shard process is started with (a JSON file). */
export interface AheadJob {
  /** The site Astro is writing. */
  dir: string;
  /** The entry pages this shard picks up as they are written. */
  pages: string[];
  timeout: number;
  /** Prefix of progress and error messages (`分片 1/2：`). */
  label: string;
  /**
   * Whether this is the last shard, which also gets the pages nobody expected: it keeps
   * Pagefind open after writing early, to add them and write again.
   */
  last: boolean;
  /** A JSON file of the leak guard's model (`LeakModelData`), when the shard is to scan its pages too. */
  leakModel?: string;
}

/** What the build tells a shard once Astro has exited (a JSON file: the message itself stays small). */
export interface AheadFinish {
  /** This shard's part of the real entry pages. */
  pages: string[];
  /** Where to write its index. */
  outputPath: string;
}

/**
 * The message that names the `AheadFinish` file. Thousands of pages in the message itself
 * would not fit the pipe at once, and the rest would wait for the build's event loop, which
 * the leak guard then keeps busy for seconds.
 */
export interface AheadFinishMessage {
  finish: string;
}

/**
 * All shards written (`early` pages of them read, and `written` shards written, while
 * Astro rendered), or why the index is built again.
 */
export type AheadResult = { early: number; written: number } | { stale: string };

/**
 * Pages of one shard read while Astro renders. Astro writes the entry pages first, in
 * address order (src/build/render-order.ts, src/pages/[library]/[id].astro), so each
 * shard has all its pages while Astro still renders the rest (the last ones while it
 * renders the lists, menus and topics) and writes its index then, on what Astro leaves
 * of the cores; what the shards could not finish, and the merge, are left for after.
 * Smaller shards leave less for after, and each costs a process and a part of the merge.
 */
export const AHEAD_SHARD_PAGES = 2_000;
/** Most shards read ahead (12,000 entry pages). */
const AHEAD_SHARDS = 6;
/**
 * The shares of the last two shards, against one of the others: what the last shard
 * reads and writes is all done after Astro, and the one before it has only the time
 * Astro takes to render the last one's pages. (A catalog of one shard's worth is not
 * split for it: at 1,076 entry pages a second shard and the merge cost more, 0.4 s,
 * than the smaller write after Astro saves.)
 */
const TAIL_SHARES = [0.6, 0.3] as const;

/** `expected` in runs of address order, one per shard read ahead, the last ones smaller (`TAIL_SHARES`). */
export function aheadShards(expected: readonly string[], least = 1): string[][] {
  const count = Math.min(AHEAD_SHARDS, Math.max(least, Math.ceil(expected.length / AHEAD_SHARD_PAGES)));
  const tail = TAIL_SHARES.slice(Math.max(0, TAIL_SHARES.length - (count - 1)));
  const shares = [...Array<number>(count - tail.length).fill(1), ...tail];
  const unit = expected.length / shares.reduce((a, b) => a + b, 0);
  const parts: string[][] = [];
  let from = 0;
  for (const [n, share] of shares.entries()) {
    const to = n === shares.length - 1 ? expected.length : Math.min(expected.length, from + Math.round(share * unit));
    parts.push(expected.slice(from, to));
    from = to;
  }
  return parts.filter((part) => part.length > 0);
}

interface Shard {
  child: ChildProcess;
  outcome: Promise<AheadOutcome>;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** How long a shard that has answered may take to close its Pagefind service and exit. */
const EXIT_GRACE_MS = 10_000;

export class IndexAhead {
  /** The pages each shard was given. */
  private readonly given: string[][];
  private readonly shards: Shard[];
  /** The folder of the job files. */
  private readonly jobs: string;

  private constructor(given: string[][], shards: Shard[], jobs: string) {
    this.given = given;
    this.shards = shards;
    this.jobs = jobs;
  }

  /**
   * Starts a shard process for each part of `expected` (the entry pages the build
   * expects, in order; see `aheadShards`); none when the index would be built in more
   * shards than `workers` afterwards (`planShards`: more than 12,000 entry pages, where
   * Astro and the shards would not fit in memory together).
   */
  static start(
    dir: string,
    expected: readonly string[],
    options: { workers?: number; shardPages?: number; timeout?: number; leaks?: LeakModel } = {},
  ): IndexAhead | undefined {
    const workers = options.workers ?? SHARD_WORKERS;
    const after = planShards(expected, options.shardPages ?? shardPages(), workers);
    // One core has no idle time to fill.
    if (workers < 2 || after.length > workers || expected.length === 0) return undefined;
    const plan = aheadShards(expected, after.length);
    const jobs = mkdtempSync(path.join(tmpdir(), 'siku-ahead-'));
    // No internal case, nothing to scan for (`scanLeaks` reads nothing then either).
    const leakModel = options.leaks?.cases.length ? path.join(jobs, 'leak-model.json') : undefined;
    if (leakModel) writeFileSync(leakModel, JSON.stringify(leakModelData(options.leaks!)));
    const shards = plan.map((pages, n) => {
      const job: AheadJob = {
        dir,
        pages,
        timeout: options.timeout ?? 300_000,
        label: plan.length > 1 ? `分片 ${n + 1}/${plan.length}：` : '',
        last: n === plan.length - 1,
        ...(leakModel ? { leakModel } : {}),
      };
      const file = path.join(jobs, `job-${n}.json`);
      writeFileSync(file, JSON.stringify(job));
      const child = spawn(process.execPath, [workerScript('ahead-worker.ts'), file], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
      let stderr = '';
      child.stderr!.on('data', (chunk) => {
        stderr += chunk;
      });
      const outcome = new Promise<AheadOutcome>((resolve, reject) => {
        child.once('message', (message) => resolve(message as AheadOutcome));
        child.once('error', (error) => reject(new Error(`${job.label}无法启动索引进程：${error.message}`)));
        child.once('exit', (code, signal) => reject(workerFailure(job.label, code, signal, stderr)));
      });
      outcome.catch(() => {});
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return { child, outcome, exited };
    });
    const ahead = new IndexAhead(plan, shards, jobs);
    process.once('exit', () => ahead.stop());
    return ahead;
  }

  /**
   * The leak guard's scan of every entry page the shards read, once all have written
   * (started with `leaks`): what `scanLeaks` may take as read.
   */
  scanned: LeakScan | undefined;

  /** How many shards there are. */
  get count(): number {
    return this.given.length;
  }

  /** The real entry pages over the shards: each keeps those it was given; pages nobody expected go to the last. */
  split(pages: readonly string[]): string[][] {
    const shardOf = new Map(this.given.flatMap((part, n) => part.map((rel) => [rel, n] as const)));
    const parts = this.given.map((): string[] => []);
    for (const rel of pages) parts[shardOf.get(rel) ?? parts.length - 1].push(rel);
    return parts;
  }

  /**
   * Sends every shard its part of `pages` and the folder to write to; resolves once all
   * have written, or with the reason as soon as one cannot (the others are then stopped).
   */
  async finish(pages: readonly string[], folders: readonly string[]): Promise<AheadResult> {
    const parts = this.split(pages);
    const empty = parts.findIndex((part) => part.length === 0);
    if (empty >= 0) {
      this.stop();
      return { stale: `分片 ${empty + 1} 没有条目页` };
    }
    try {
      const outcomes = this.shards.map(async (shard, n): Promise<AheadOutcome> => {
        const finish: AheadFinish = { pages: parts[n], outputPath: folders[n] };
        const file = path.join(this.jobs, `finish-${n}.json`);
        writeFileSync(file, JSON.stringify(finish));
        shard.child.send({ finish: file } satisfies AheadFinishMessage);
        const outcome = await shard.outcome;
        if ('stale' in outcome) throw new StaleShard(outcome.stale);
        return outcome;
      });
      const done = await Promise.all(outcomes);
      const scans = done.map((outcome) => ('scan' in outcome ? outcome.scan : undefined));
      if (scans.every((scan) => scan !== undefined))
        this.scanned = joinScans(...scans.map((scan) => ({ leaks: scan.leaks, stamps: new Map(scan.stamps) })));
      // Each closes its Pagefind service and removes its scratch folder before it exits.
      const grace = new Promise((resolve) => setTimeout(resolve, EXIT_GRACE_MS).unref());
      await Promise.race([Promise.all(this.shards.map((shard) => shard.exited)), grace]);
      const sum = (of: (outcome: { early: number; written: boolean }) => number) =>
        done.reduce((total, outcome) => total + ('early' in outcome ? of(outcome) : 0), 0);
      return { early: sum((o) => o.early), written: sum((o) => Number(o.written)) };
    } catch (error) {
      return { stale: error instanceof Error ? error.message : String(error) };
    } finally {
      this.stop();
    }
  }

  /** Stops every shard still running (their indexes unwritten) and removes the job files. */
  stop(): void {
    for (const { child } of this.shards) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    rmSync(this.jobs, { recursive: true, force: true });
  }
}

class StaleShard extends Error {}
