/**
 * Build at scale: the sample catalog and a synthetic 10,000-entry catalog built side
 * by side, reporting wall time and the heaviest HTML pages (lists must stay light).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentRoot } from '../../src/build/paths.ts';
import { generateCatalog } from '../lib/generate-catalog.ts';
import { timedBuild } from '../lib/run-build.ts';

function htmlSizes(dir: string, rel = ''): Array<[string, number]> {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) return d.name === 'pagefind' ? [] : htmlSizes(dir, r);
    return r.endsWith('.html') ? [[r, statSync(path.join(dir, r)).size] as [string, number]] : [];
  });
}

const work = mkdtempSync(path.join(tmpdir(), 'siku-bench-build-'));
const big = path.join(work, 'content');
const counts = generateCatalog(big, 10_000);
const rows: Array<[string, string, string, string, string]> = [];
for (const [name, content] of [
  ['sample', contentRoot()],
  ['10k', big],
] as const) {
  const out = path.join(work, `dist-${name}`);
  const seconds = timedBuild(content, out);
  const sizes = htmlSizes(out).sort((a, b) => b[1] - a[1]);
  rows.push([name, `${seconds.toFixed(1)} s`, String(sizes.length), `${(sizes[0][1] / 1024).toFixed(0)} KB`, sizes[0][0]]);
}
console.log(`synthetic catalog: ${JSON.stringify(counts)}`);
console.log('| catalog | build time | HTML pages | largest page | which |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
rmSync(work, { recursive: true, force: true });
