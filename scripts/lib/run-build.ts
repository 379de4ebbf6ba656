/** Runs `scripts/build.ts` on a content root for a benchmark; returns wall seconds. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/build/paths.ts';

export function timedBuild(content: string, out: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SIKU_CONTENT_DIR: content, SIKU_DIST_DIR: out, SIKU_TODAY: '2026-11-21' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`build of ${content} failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  return (performance.now() - started) / 1000;
}
