/**
 * One index shard read while Astro renders (./ahead-shard.ts), in a process of its own:
 * started by ./index-ahead.ts with the path of a JSON job file and an IPC channel; not
 * for use by hand. It polls for its pages until the build sends the real entry pages of
 * its shard and where to write, then answers with the outcome and exits. A
 * `SearchIndexError` is written to stderr as it is and exits with code 2; if the build
 * goes away, so does the shard.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { leakModelFrom, type LeakModelData } from '../leaks/scan.ts';
import { AheadShard, type AheadOutcome } from './ahead-shard.ts';
import { fullCharMap } from './fold-map.ts';
import type { AheadFinish, AheadFinishMessage, AheadJob } from './index-ahead.ts';
import { PagefindSession } from './pagefind-session.ts';
import { makeScratch } from './scratch.ts';
import { SearchIndexError } from './search-error.ts';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as AheadJob;
const scratch = makeScratch();
let session: PagefindSession | undefined;
// The build went away or stopped this shard: its index is not wanted.
for (const event of ['disconnect', 'SIGTERM'] as const)
  process.on(event, () => {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  });
const finishing = new Promise<AheadFinish>((resolve) =>
  process.once('message', (message) => resolve(JSON.parse(readFileSync((message as AheadFinishMessage).finish, 'utf8')) as AheadFinish)),
);
let finish: AheadFinish | undefined;
// Astro has exited: the rest is the build's critical path, an early write still running included.
void finishing.then((message) => {
  finish = message;
  priority(0);
});

/**
 * While Astro renders, this shard is to fill idle time: at the lowest priority (its
 * Pagefind service inherits it), it gives way to Astro wherever the scheduler can (on a
 * two-core virtual machine Astro still slows by a tenth, see BENCHMARKS.md, round 7).
 * Once Astro has exited, the priority goes back up where the system lets it (raising
 * needs privileges). On Linux a priority belongs to each thread, and the threads both
 * processes have started since kept the low one: each is raised.
 */
function priority(value: number): void {
  for (const pid of [process.pid, session?.servicePid]) {
    if (!pid) continue;
    let threads = [pid];
    try {
      threads = readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      // No /proc: the process as a whole.
    }
    for (const thread of threads) {
      try {
        setPriority(thread, value);
      } catch {
        // Not allowed, or the thread is gone: it finishes at the lower priority.
      }
    }
  }
}
const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;

priority(19);
try {
  session = await PagefindSession.open(job.label, job.timeout);
  const leaks = job.leakModel ? leakModelFrom(JSON.parse(readFileSync(job.leakModel, 'utf8')) as LeakModelData) : undefined;
  const shard = new AheadShard(job.dir, job.pages, fullCharMap(), session, scratch, leaks);
  while (!finish) {
    const started = process.cpuUsage();
    shard.poll();
    if (shard.due) await shard.add();
    else if (shard.complete && !shard.written) {
      // All its pages are there: the index is written now (and Pagefind closed, but for the last shard).
      await shard.writeEarly(path.join(scratch, 'index'), job.last);
    }
    // Stat-ing thousands of pages takes a while itself: poll at most a fifth of the time,
    // counted in CPU time (at the lowest priority a poll's wall time is mostly waiting).
    else
      await Promise.race([finishing, new Promise((resolve) => setTimeout(resolve, Math.max(200, 4 * cpuMs(process.cpuUsage(started)))))]);
  }
  // Again: threads started since the message came (by Pagefind, say) kept the low priority.
  priority(0);
  const outcome: AheadOutcome = await shard.finish(finish.pages, finish.outputPath);
  await new Promise<void>((resolve, reject) => process.send!(outcome, (error: Error | null) => (error ? reject(error) : resolve())));
} catch (error) {
  process.stderr.write(error instanceof SearchIndexError ? error.message : String(error instanceof Error ? error.stack : error));
  process.exitCode = 2;
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await session?.close();
  // Our own goodbye is not the build going away.
  process.removeAllListeners('disconnect');
  process.removeAllListeners('SIGTERM');
  process.disconnect?.();
}
