import { defineConfig } from 'vitest/config';
import InterleavedSequencer from './tests/helpers/sequencer.ts';

/**
 * Test files that build a catalog (a real `npm run build` or `astro build`) or drive
 * Chromium. They make up the `build` project; everything else is `unit` (schemas, the
 * checker, pure modules, the CLI on small inputs): `npx vitest run --project unit` (or
 * `npm run test:unit`) gives quick feedback, `npm test` runs both.
 */
const BUILD_TESTS = [
  'a11y',
  'build-atomic',
  'build-leaks',
  'cms-browser',
  'changes',
  'coverage',
  'evaluation-display',
  'input-bounds',
  'leak-corpus',
  'new-entry',
  'open-data',
  'pagefind-crash',
  'prepare-ahead',
  'plan-browser',
  'program-build',
  'render-policy',
  'search-browser',
  'site-build',
  'svg-safety',
  'symlinks',
  'xss',
].map((name) => `tests/${name}.test.ts`);

export default defineConfig({
  test: {
    // Real Astro builds and a real browser: generous timeouts, two workers (two cores).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    reporters: ['default'],
    // One temporary folder for the run, removed at the end (tests/helpers/temp-root.ts).
    globalSetup: ['tests/helpers/temp-root.ts'],
    // One queue for both projects, files that build for themselves alternating with the rest,
    // longest first: while one worker waits on a build, the other runs browser or unit tests.
    sequence: { sequencer: InterleavedSequencer },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: BUILD_TESTS },
      },
      {
        extends: true,
        test: {
          name: 'build',
          include: BUILD_TESTS,
          // Builds the fixture catalogs several files read (tests/helpers/shared-builds.ts), once per run.
          globalSetup: ['tests/global-setup.ts'],
        },
      },
    ],
  },
});
