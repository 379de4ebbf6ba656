/**
 * Scratch folders for building the search index: the batches of pages handed to
 * Pagefind, the index while it is built, the pages prepared while Astro renders. Each is
 * named by the process that made it, so one a killed build left behind is removed by
 * the next (`removeStaleScratch`).
 */
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SHM = '/dev/shm';
/** Room a scratch folder in RAM must have: two batches for each of two workers, with plenty to spare. */
const SHM_NEEDED = 256 * 2 ** 20;

/**
 * Where scratch folders go (the batches of pages, and the index while it is built): RAM
 * (`/dev/shm`) when it has `needed` bytes to spare, else the temporary folder. Besides
 * sparing the disk, a tmpfs lists a folder's files in the order they were made, so
 * Pagefind numbers the pages in address order, as it did when they came one by one; a
 * disk's folder lists them in the order of a hash. Pages of one library side by side
 * keep each word's page list small (10,000 entries: index 3,957 KB instead of 4,304 KB,
 * later queries 20.5 KB instead of 23.6 KB); the order changes nothing else.
 */
function scratchRoot(needed = SHM_NEEDED): string {
  try {
    const { bavail, bsize } = statfsSync(SHM);
    accessSync(SHM, constants.W_OK);
    if (bavail * bsize >= needed) return SHM;
  } catch {
    // No /dev/shm here: the temporary folder does as well, pages numbered in another order.
  }
  return tmpdir();
}

const SCRATCH_PREFIX = 'siku-index-pages-';
const SCRATCH_NAME = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-`);

/**
 * Removes scratch folders of index processes that are gone: one killed outright
 * (SIGKILL, the out-of-memory killer) never runs its cleanup, and in /dev/shm what it
 * left holds memory until the machine restarts. Each folder is named by its process.
 */
export function removeStaleScratch(root: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const pid = Number(SCRATCH_NAME.exec(name)?.[1]);
    if (!pid || processAlive(pid)) continue;
    rmSync(path.join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A new scratch folder of this process, where `needed` bytes fit (see `scratchRoot`),
 * after removing those of processes that are gone.
 */
export function makeScratch(needed = SHM_NEEDED): string {
  const root = scratchRoot(needed);
  removeStaleScratch(root);
  return mkdtempSync(path.join(root, `${SCRATCH_PREFIX}${process.pid}-`));
}
