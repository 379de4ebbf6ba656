/**
 * Index shards in worker processes, a few at a time (./shard-worker.ts). Pagefind is the
 * slow part of indexing and runs on one thread: with 100,000 entries in ten shards, one
 * shard after another leaves the second core idle for a quarter of an hour. Two at a
 * time double the memory of one shard (about 2.7 GB for 8,000 pages each), under 8 GB
 * in all once Astro has exited.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../paths.ts';
import { SearchIndexError } from './search-error.ts';

/** What one worker indexes. */
export interface ShardJob {
  dir: string;
  pages: string[];
  outputPath: string;
  timeout: number;
  /** Prefix of progress and error messages (`分片 2/9：`). */
  label: string;
  /** A lean index (see `IndexOptions.lean` in ./indexer.ts). */
  lean: boolean;
  /** Pages prepared ahead (see `IndexOptions.prepared`). */
  prepared?: string;
}

/** Shards indexed at once: two cores here, and memory for two. */
export const SHARD_WORKERS = Math.max(1, Math.min(2, availableParallelism()));

/**
 * A worker script of this folder (`shard-worker.ts`, `ahead-worker.ts`). Inside Astro's bundle
 * `import.meta.url` is a chunk under dist/, so the source file is found from the project root.
 */
export function workerScript(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.endsWith(path.join('src', 'build', 'search')) ? path.join(here, name) : path.join(PROJECT_ROOT, 'src/build/search', name);
}

/** The error for a worker that did not end well: its own message (exit code 2), or how it ended. */
export function workerFailure(label: string, code: number | null, signal: NodeJS.Signals | null, stderr: string): SearchIndexError {
  if (code === 2 && stderr.trim()) return new SearchIndexError(stderr.trim());
  const how = signal ? `被信号 ${signal} 终止${signal === 'SIGKILL' ? '（很可能是内存不足）' : ''}` : `意外退出（退出码 ${code}）`;
  return new SearchIndexError(`${label}索引进程${how}${stderr.trim() ? `：\n${stderr.trim()}` : ''}`);
}

function runWorker(job: ShardJob, jobFile: string): Promise<void> {
  writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerScript('shard-worker.ts'), jobFile], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => reject(new SearchIndexError(`${job.label}无法启动索引进程：${error.message}`)));
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(workerFailure(job.label, code, signal, stderr))));
  });
}

/** Indexes every job, `workers` at a time; the first failure is thrown once the running ones end. */
export async function indexInWorkers(jobs: ShardJob[], workers = SHARD_WORKERS): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'siku-shards-'));
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < jobs.length && failure === undefined) {
      const i = next++;
      try {
        await runWorker(jobs[i], path.join(scratch, `job-${i}.json`));
      } catch (error) {
        failure ??= error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, lane));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (failure !== undefined) throw failure;
}
