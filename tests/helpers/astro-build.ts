/**
 * A plain `astro build` of a content root — no content checker, no leak guard, no
 * staging swap — to prove what Astro's own pipeline (the render-time HTML policy, the
 * output guard) does when nothing ran before it. Takes the same build lock as
 * scripts/build.ts: concurrent builds share Astro's files under .astro/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireBuildLock } from '../../src/build/build-lock.ts';
import { FIXTURE_TODAY, PROJECT_ROOT, type BuildResult } from './build.ts';

/** The test runner's environment minus what turns on Astro's development output (as scripts/build.ts does). */
function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(DEV|PROD|SSR|MODE|BASE_URL|VITEST.*|TEST)$/.test(key)) env[key] = value;
  }
  return { ...env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' };
}

/** Runs `astro build` on `contentDir` into a fresh temp folder (or `outDir`). */
export function runAstroBuild(contentDir: string, { outDir }: { outDir?: string } = {}): BuildResult {
  const dist = outDir ?? path.join(mkdtempSync(path.join(tmpdir(), 'siku-astro-')), 'dist');
  const release = acquireBuildLock(path.join(PROJECT_ROOT, 'node_modules/.siku'));
  try {
    const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...productionEnv(), SIKU_CONTENT_DIR: contentDir, SIKU_OUT_DIR: dist, SIKU_TODAY: FIXTURE_TODAY },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, outDir: dist };
  } finally {
    release();
  }
}
