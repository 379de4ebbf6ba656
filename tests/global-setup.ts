/**
 * Global setup of the `build` project: builds each shared fixture catalog once per run
 * (see tests/helpers/shared-builds.ts) and provides where each one lands. The builds run
 * in the background, one after another, while the workers start on other files; each
 * test file waits only for the build it reads. Teardown stops a build still running and
 * removes the folders.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { FIXTURES, runBuildAsync } from './helpers/build.ts';
import { SHARED_BUILDS, type SharedBuildName, type SharedBuildPaths, sharedBuildsUsedBy } from './helpers/shared-builds.ts';

const ALL = Object.keys(SHARED_BUILDS) as SharedBuildName[];

/** The shared builds the test files of this run ask for, in SHARED_BUILDS order; all of them if the run's files are unknown. */
function wanted(project: TestProject): SharedBuildName[] {
  let files: string[];
  try {
    // The test files of this run (Vitest's state API, marked experimental: hence the fallback).
    files = project.vitest.state.getPaths();
  } catch {
    return ALL;
  }
  if (!files.length) return ALL;
  const used = new Set(
    files.flatMap((file) => {
      try {
        return sharedBuildsUsedBy(readFileSync(file, 'utf8'));
      } catch {
        return [];
      }
    }),
  );
  return ALL.filter((name) => used.has(name));
}

export default function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'siku-shared-'));
  const names = wanted(project);
  const paths: Partial<Record<SharedBuildName, SharedBuildPaths>> = {};
  for (const name of names) paths[name] = { outDir: path.join(root, name, 'dist'), resultFile: path.join(root, name, 'result.json') };
  project.provide('sikuSharedBuilds', paths);

  const stop = new AbortController();
  const queue = (async () => {
    for (const name of names) {
      if (stop.signal.aborted) return;
      const spec: { fixture: string; env?: Record<string, string> } = SHARED_BUILDS[name];
      const { outDir, resultFile } = paths[name]!;
      mkdirSync(path.dirname(outDir), { recursive: true });
      const started = performance.now();
      const result = await runBuildAsync(path.join(FIXTURES, spec.fixture), { outDir, env: spec.env, signal: stop.signal });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (result.status !== 0)
        console.error(`[共享构建] ${name} 失败（退出码 ${result.status}，用时 ${seconds} 秒），用到它的测试会列出构建输出`);
      writeFileSync(`${resultFile}.tmp`, JSON.stringify(result));
      renameSync(`${resultFile}.tmp`, resultFile);
    }
  })();

  return async () => {
    stop.abort();
    await queue;
    rmSync(root, { recursive: true, force: true });
  };
}
