/**
 * npm run bench: runs every benchmark in scripts/bench/ in turn. Each prints its own
 * table of medians; figures are recorded in BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/build/paths.ts';

const dir = path.join(PROJECT_ROOT, 'scripts/bench');
const only = process.argv.slice(2);
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  const name = path.basename(file, '.ts');
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  const run = spawnSync(process.execPath, [path.join(dir, file)], { stdio: 'inherit', cwd: PROJECT_ROOT });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
