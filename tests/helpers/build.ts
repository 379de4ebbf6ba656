/**
 * Real builds of fixture catalogs, through the same `npm run build` pipeline users
 * run (checker, Astro, search index, leak guard, atomic swap).
 */
import { spawn, spawnSync } from 'node:child_process';
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

export interface BuildOptions {
  outDir?: string;
  env?: Record<string, string>;
}

const BUILD_SCRIPT = path.join(PROJECT_ROOT, 'scripts/build.ts');

function buildEnv(contentDir: string, dist: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SIKU_CONTENT_DIR: contentDir,
    SIKU_DIST_DIR: dist,
    SIKU_TODAY: FIXTURE_TODAY,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...env,
  };
}

const freshDist = () => path.join(mkdtempSync(path.join(tmpdir(), 'siku-dist-')), 'dist');

/** Runs `scripts/build.ts` on a content root into `outDir` (a fresh temp folder by default). */
export function runBuild(contentDir: string, { outDir, env = {} }: BuildOptions = {}): BuildResult {
  const dist = outDir ?? freshDist();
  const result = spawnSync(process.execPath, [BUILD_SCRIPT], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: buildEnv(contentDir, dist, env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, outDir: dist };
}

/**
 * The same build without blocking the calling process (the global setup runs in Vitest's
 * main process, which must keep serving the workers meanwhile). `signal` stops it the way
 * Ctrl-C would.
 */
export function runBuildAsync(
  contentDir: string,
  { outDir, env = {}, signal }: BuildOptions & { signal?: AbortSignal } = {},
): Promise<BuildResult> {
  const dist = outDir ?? freshDist();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILD_SCRIPT], {
      cwd: PROJECT_ROOT,
      env: buildEnv(contentDir, dist, env),
      signal,
      killSignal: 'SIGINT',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => (stderr += `\n${error.message}`));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr, outDir: dist }));
  });
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
