/**
 * Build at scale: the sample catalog and a synthetic 10,000-entry catalog built side
 * by side, reporting wall time and the heaviest HTML pages (lists must stay light).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentRoot, PROJECT_ROOT } from '../../src/lib/content-root.ts';
import { generateCatalog } from '../lib/generate-catalog.ts';

function htmlSizes(dir: string, rel = ''): Array<[string, number]> {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) return d.name === 'pagefind' ? [] : htmlSizes(dir, r);
    return r.endsWith('.html') ? [[r, statSync(path.join(dir, r)).size] as [string, number]] : [];
  });
}

function build(content: string, out: string) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SIKU_CONTENT_DIR: content, SIKU_DIST_DIR: out, SIKU_TODAY: '2026-11-21' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`build of ${content} failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  return (performance.now() - started) / 1000;
}

const work = mkdtempSync(path.join(tmpdir(), 'siku-bench-build-'));
const big = path.join(work, 'content');
const counts = generateCatalog(big, 10_000);
const rows: Array<[string, string, string, string, string]> = [];
for (const [name, content] of [['sample', contentRoot()], ['10k', big]] as const) {
  const out = path.join(work, `dist-${name}`);
  const seconds = build(content, out);
  const sizes = htmlSizes(out).sort((a, b) => b[1] - a[1]);
  rows.push([name, `${seconds.toFixed(1)} s`, String(sizes.length), `${(sizes[0][1] / 1024).toFixed(0)} KB`, sizes[0][0]]);
}
console.log(`synthetic catalog: ${JSON.stringify(counts)}`);
console.log('| catalog | build time | HTML pages | largest page | which |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
rmSync(work, { recursive: true, force: true });
