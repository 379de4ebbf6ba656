/**
 * npm run bench: runs every benchmark in scripts/bench/ in turn. Each prints its own
 * table of medians; figures are recorded in BENCHMARKS.md. `npm run bench -- scale
 * --huge` runs only the named ones and hands them the options that follow
 * (`--sizes 1000`, `--recall` …).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/build/paths.ts';

const dir = path.join(PROJECT_ROOT, 'scripts/bench');
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const only = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  const name = path.basename(file, '.ts');
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  const run = spawnSync(process.execPath, [path.join(dir, file), ...options], { stdio: 'inherit', cwd: PROJECT_ROOT });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
