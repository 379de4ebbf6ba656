/**
 * Leak detection, measured: recall and false positives on the leak corpus (through the
 * real checker), false positives on realistic text (each public case of the sample
 * catalog treated as if it were internal, against every other entry), and the cost of
 * the post-build guard on a built 10,000-entry catalog.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireBuildLock } from '../../src/build/build-lock.ts';
import { checkContent } from '../../src/build/check/index.ts';
import { contentRoot, PROJECT_ROOT } from '../../src/build/paths.ts';
import { findLeaks } from '../../src/build/leaks/guard.ts';
import { buildLeakModel, findQuotes, internalCase, natureTexts, WINDOW } from '../../src/build/leaks/scan.ts';
import { COPIES, INTERNAL, LEGITIMATE, writeLeakCatalog } from '../../tests/fixtures/leak-corpus.ts';
import { generateCatalog } from '../lib/generate-catalog.ts';

const TODAY = '2026-11-21';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
const work = mkdtempSync(path.join(tmpdir(), 'siku-bench-leaks-'));

// 1. The corpus through the checker.
const root = path.join(work, 'corpus');
cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/basic'), root, { recursive: true });
const probes = [...COPIES, ...LEGITIMATE];
const files = writeLeakCatalog(probes, (rel, text) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
});
const checked = await checkContent({ root, today: TODAY });
const flagged = new Set(checked.diagnostics.filter((d) => d.rule === 'internal-case-leak').map((d) => d.file));
const caught = COPIES.filter((_, i) => flagged.has(files[i]));
const falsePos = LEGITIMATE.filter((_, i) => flagged.has(files[COPIES.length + i]));
console.log(`window: ${WINDOW} characters after folding`);
console.log('| corpus | passages | reported | rate |');
console.log('|---|---|---|---|');
console.log(`| copied internal passages | ${COPIES.length} | ${caught.length} | recall ${pct(caught.length, COPIES.length)} |`);
const kindOf = (name: string) => name.slice(name.indexOf(' ') + 1);
for (const kind of [...new Set(COPIES.map((p) => kindOf(p.name)))]) {
  const all = COPIES.filter((p) => kindOf(p.name) === kind);
  console.log(`| — ${kind} | ${all.length} | ${all.filter((p) => caught.includes(p)).length} | |`);
}
console.log(
  `| legitimate sharing | ${LEGITIMATE.length} | ${falsePos.length} | false positives ${pct(falsePos.length, LEGITIMATE.length)} |`,
);
for (const p of [...COPIES.filter((p) => !caught.includes(p)), ...falsePos]) console.log(`  ✗ ${p.name}: ${p.text}`);

// 2. Realistic text: every public case of the sample, in turn, as if it were internal.
const sample = await checkContent({ root: contentRoot(), today: TODAY });
const entries = sample.entries.filter((e) => e.data && e.text);
const publicCases = entries.filter((e) => e.collection === 'cases' && e.data!.visibility !== '内部');
const nature = entries.flatMap((e) => natureTexts(e.collection, e.data!));
let pairs = 0;
let referencing = 0;
const unrelated: string[] = [];
for (const c of publicCases) {
  const model = buildLeakModel({ cases: [internalCase(c.id, c.data!, c.body)!], publicTexts: nature });
  const others = entries.filter((e) => e !== c);
  findQuotes(
    model,
    others.map((e) => e.text),
  ).forEach((found, i) => {
    pairs++;
    if (!found.length) return;
    // An entry that names the case (by id or title) quotes it on purpose: were the case internal, that would be a leak.
    const refers = others[i].text.includes(c.id) || found.every((f) => f.field === 'title');
    if (refers) referencing++;
    else unrelated.push(`${c.id} ↔ ${others[i].file}: ${found[0].what}`);
  });
}
console.log(
  `\nsample catalog, each of ${publicCases.length} public cases as if internal, against the other ${entries.length - 1} entries (${pairs} pairs):`,
);
console.log(`- pairs reported where the entry names the case by id or title (a real quote of it): ${referencing}`);
console.log(`- pairs reported without a reference (false positives): ${unrelated.length} (${pct(unrelated.length, pairs)})`);
for (const u of unrelated) console.log(`  ${u}`);

// 3. The guard on a built 10,000-entry catalog (plain Astro build; the guard is timed on its output). `--no-scale` skips it.
if (process.argv.includes('--no-scale')) process.exit(0);
const big = path.join(work, 'big');
generateCatalog(big, 10_000);
const dist = path.join(work, 'big-dist');
const release = acquireBuildLock(path.join(PROJECT_ROOT, 'node_modules/.siku'));
const astro = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
  cwd: PROJECT_ROOT,
  encoding: 'utf8',
  env: {
    ...process.env,
    NODE_ENV: 'production',
    SIKU_CONTENT_DIR: big,
    SIKU_OUT_DIR: dist,
    SIKU_TODAY: TODAY,
    ASTRO_TELEMETRY_DISABLED: '1',
  },
  maxBuffer: 256 * 1024 * 1024,
});
release();
if (astro.status !== 0) throw new Error(astro.stdout.slice(-2000) + astro.stderr.slice(-2000));
const model = buildLeakModel({
  cases: INTERNAL.map((c) => ({ id: c.id, title: c.title, summary: c.summary, body: c.paragraphs.join('\n\n'), questions: c.questions })),
  publicTexts: [],
});
const times: number[] = [];
let leaks = 0;
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  leaks = findLeaks(dist, model).length;
  times.push((performance.now() - started) / 1000);
}
const bigCheck = await checkContent({ root: big, today: TODAY });
const texts = bigCheck.entries.filter((e) => e.text).map((e) => e.text);
const scanTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  findQuotes(model, texts);
  scanTimes.push((performance.now() - started) / 1000);
}
console.log(
  `\n10,000 entries: post-build guard over every built file ${median(times).toFixed(2)} s (median of 5; ${leaks} leaks), checker's quote scan of all entries ${median(scanTimes).toFixed(2)} s`,
);
rmSync(work, { recursive: true, force: true });
