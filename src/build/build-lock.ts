/**
 * One build at a time per checkout: Astro writes shared files under .astro/ (content
 * modules, asset maps), so two concurrent builds of different content would mix.
 * The lock is a directory (mkdir is atomic) holding the owner's pid; a lock whose
 * owner died is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Blocks until the lock is ours; returns the release function. */
export function acquireBuildLock(dir: string, { timeoutMs = 30 * 60_000 } = {}): () => void {
  const lock = path.join(dir, 'build.lock');
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      mkdirSync(dir, { recursive: true });
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      const release = () => rmSync(lock, { recursive: true, force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* the owner is between mkdir and writing its pid */
      }
      if (Number.isFinite(owner) && owner > 0 && !alive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`另一个构建（进程 ${owner}）一直未结束；如确认没有构建在运行，请删除 ${lock}`);
      if (!announced) {
        console.log(`等待另一个构建（进程 ${owner}）结束…`);
        announced = true;
      }
      sleep(200);
    }
  }
}
