/**
 * Global setup of every test run: one temporary folder for the whole run, removed when it
 * ends. Tests make their catalogs, builds and browser profiles with `os.tmpdir()`, and
 * many of them cannot clean up after a failure (or a build killed on purpose); pointing
 * TMPDIR here before the workers start keeps all of it in one place that goes away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup() {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(path.join(tmpdir(), 'siku-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
