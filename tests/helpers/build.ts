/**
 * Real builds of fixture catalogs, through the same `npm run build` pipeline users
 * run (checker, Astro, search index, leak guard, atomic swap).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures');

/** Pinned so review-date rules give the same answer every day. */
export const FIXTURE_TODAY = '2026-11-21';

export interface BuildResult {
  status: number;
  stdout: string;
  stderr: string;
  outDir: string;
}

/** Runs `scripts/build.ts` on a content root into `outDir` (a fresh temp folder by default). */
export function runBuild(contentDir: string, { outDir, env = {} }: { outDir?: string; env?: Record<string, string> } = {}): BuildResult {
  const dist = outDir ?? path.join(mkdtempSync(path.join(tmpdir(), 'siku-dist-')), 'dist');
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      SIKU_CONTENT_DIR: contentDir,
      SIKU_DIST_DIR: dist,
      SIKU_TODAY: FIXTURE_TODAY,
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, outDir: dist };
}

/** Builds a fixture under tests/fixtures/<name>; throws with the build log if it fails. */
export function buildFixture(name: string): string {
  const result = runBuild(path.join(FIXTURES, name));
  if (result.status !== 0) throw new Error(`构建 ${name} 失败：\n${result.stdout}\n${result.stderr}`);
  return result.outDir;
}

/** Every file under a folder, relative, forward slashes. */
export function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? listFiles(dir, r) : [r];
  });
}

export function readBuilt(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), 'utf8');
}
