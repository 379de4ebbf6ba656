/**
 * Fixture catalogs built once per test run. tests/global-setup.ts (the `build` project's
 * global setup) starts these builds in the background as the run begins — one after
 * another, through the same `npm run build` pipeline as runBuild — and hands their
 * folders to the tests with Vitest's provide/inject. A test file asks for one with
 * `await sharedFixture('basic')` and gets the built site once it is there; meanwhile the
 * other worker goes on with other files.
 *
 * Only catalogs that tests read without changing belong here. A test that edits a
 * catalog, or builds to see a build fail, keeps building its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { BuildResult } from './build.ts';

/** The site URL of the shared basic build (open-data checks absolute links against it). */
export const SHARED_SITE = 'https://siku.example.org';

/**
 * Name → fixture under tests/fixtures and extra environment. Built in this order (the
 * fixtures of the longest browser tests first), each only when a test file of the run
 * asks for it.
 */
export const SHARED_BUILDS = {
  search: { fixture: 'search' },
  xss: { fixture: 'xss' },
  coverage: { fixture: 'coverage' },
  basic: { fixture: 'basic', env: { SIKU_SITE_URL: `${SHARED_SITE}/` } },
  planner: { fixture: 'planner' },
  evaluated: { fixture: 'evaluated' },
  /** The same catalog without the result bundle, as a big catalog is built. */
  'evaluated-no-bundle': { fixture: 'evaluated', env: { SIKU_SEARCH_BUNDLE_LIMIT: '0' } },
} satisfies Record<string, { fixture: string; env?: Record<string, string> }>;

export type SharedBuildName = keyof typeof SHARED_BUILDS;

/** Where the global setup puts a shared build: the site, and the result written when it ends. */
export interface SharedBuildPaths {
  outDir: string;
  resultFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sikuSharedBuilds: Partial<Record<SharedBuildName, SharedBuildPaths>>;
  }
}

/** The names a test file's source asks for (the global setup builds only those). */
export function sharedBuildsUsedBy(source: string): SharedBuildName[] {
  return [...source.matchAll(/shared(?:Build|Fixture)\(\s*'([\w-]+)'/g)]
    .map((m) => m[1])
    .filter((name): name is SharedBuildName => name in SHARED_BUILDS);
}

/** Resolves once `file` exists (the global setup writes it in one rename when the build ends). */
async function fileAppears(file: string, timeout: number): Promise<void> {
  const started = Date.now();
  while (!existsSync(file)) {
    if (Date.now() - started > timeout) throw new Error(`共享构建在 ${timeout / 1000} 秒内没有完成（${file}）`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The finished shared build: status, log and output folder, as runBuild returns them. */
export async function sharedBuild(name: SharedBuildName, { timeout = 280_000 } = {}): Promise<BuildResult> {
  const { inject } = await import('vitest');
  const paths = inject('sikuSharedBuilds')?.[name];
  if (!paths)
    throw new Error(
      `没有共享构建 ${name}：它由 tests/global-setup.ts 在 build 项目中构建（npx vitest run --project build）；` +
        "测试文件须写成 sharedBuild('名称') 或 sharedFixture('名称')，全局设置才会构建它。",
    );
  await fileAppears(paths.resultFile, timeout);
  return JSON.parse(readFileSync(paths.resultFile, 'utf8')) as BuildResult;
}

/** The output folder of a shared build; throws with the build log if it failed (as buildFixture does). */
export async function sharedFixture(name: SharedBuildName): Promise<string> {
  const result = await sharedBuild(name);
  if (result.status !== 0) throw new Error(`构建 ${name} 失败：\n${result.stdout}\n${result.stderr}`);
  return result.outDir;
}
