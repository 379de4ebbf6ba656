/**
 * npm run bench -- scale: Siku at the size of a real school system, side by side with a
 * bare baseline over the same content in the same run.
 *
 * Catalogs: generated entries with varied text (scripts/lib/varied-text.ts) and the
 * sample catalog's own entries mixed in, at 1,000 and 10,000 entries (100,000 with
 * `--huge`). For each size, in `--runs` rounds (default 3) that alternate which goes first:
 *   - Siku: `npm run build`'s pipeline (checker, Astro, search index, leak guard), wall
 *     time, the search-index step as the build reports it, and the peak memory of all
 *     its processes together (scripts/lib/process-memory.ts);
 *   - bare baseline: the plainest Astro 7 site with one page per entry (title, summary,
 *     rendered body) and the Pagefind CLI over its output, in a temporary project that
 *     uses this project's node_modules (up to `BARE_MAX` entries);
 *   - the Pagefind CLI over Siku's own built pages, the same pages the search step reads
 *     (the budget compares the search step with the CLI "on the same pages"; the bare
 *     baseline's pages are plainer);
 *   - the largest HTML page;
 *   - first search and later queries in Chromium (scripts/lib/search-cost.ts), including
 *     a broad query (基层治理), as medians;
 *   - with `--recall`, the recall bench (./search-recall.ts) on the generated site, its
 *     queries drawn from a sample of the entries.
 *
 * Times are medians over the rounds, ratios medians of each round's ratio: on a shared
 * machine the same build varies by a third from one minute to the next.
 *
 * Run: ./node_modules/.bin/node scripts/bench/scale.ts [--sizes 1000,10000] [--huge] [--runs 3] [--no-search] [--recall]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/build/paths.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { generateCatalog } from '../lib/generate-catalog.ts';
import { largestPages, type PageSize } from '../lib/largest-pages.ts';
import { watchPeak } from '../lib/process-memory.ts';
import { kb, measure, median, QUERIES } from '../lib/search-cost.ts';

const args = process.argv.slice(2);
const sizes = args.includes('--sizes')
  ? args[args.indexOf('--sizes') + 1].split(',').map(Number)
  : [1_000, 10_000, ...(args.includes('--huge') ? [100_000] : [])];
/** Above this many entries the bare baseline is left out (100,000: its Pagefind CLI alone needs about 18 GB). */
const BARE_MAX = 20_000;
/** `--recall`: the recall bench on each generated catalog, from this many sampled entries. */
const recall = args.includes('--recall');
const RECALL_SAMPLE = 150;
/** `--runs N`: rounds of Siku and bare builds per size (default 3; one at sizes without a baseline). */
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;

/** Site paths of the sample catalog's entries (content/), which generateCatalog mixes in. */
function realEntryUrls(): string[] {
  return ['courses', 'cases', 'sites', 'instructors'].flatMap((library) =>
    readdirSync(path.join(PROJECT_ROOT, 'content', library))
      .filter((name) => /\.mdx?$/.test(name))
      .map((name) => `/${library}/${name.replace(/\.mdx?$/, '')}/`),
  );
}
const work = mkdtempSync(path.join(tmpdir(), 'siku-bench-scale-'));
const NODE = process.execPath;
const ASTRO = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
const PAGEFIND = path.join(PROJECT_ROOT, 'node_modules/.bin/pagefind');

interface Ran {
  seconds: number;
  out: string;
  /** Peak resident memory of the command and all its children, summed (scripts/lib/process-memory.ts). */
  peak: number;
}

/** Runs a command to the end, timing it and sampling its process tree's memory. */
async function run(cmd: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env } });
  const memory = watchPeak(child.pid!);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const peak = memory.stop();
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${status}):\n${out.slice(-4000)}`);
  return { seconds, out, peak };
}

/** A throwaway Astro project: one page per entry, no schema, no search page of its own. */
function bareProject(dir: string): void {
  mkdirSync(path.join(dir, 'src/pages/[collection]'), { recursive: true });
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(dir, 'astro.config.mjs'), "export default { outDir: process.env.BARE_OUT, build: { format: 'directory' } };\n");
  writeFileSync(
    path.join(dir, 'src/content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      'const base = process.env.BARE_CONTENT;',
      "const entries = (name: string) => defineCollection({ loader: glob({ pattern: '**/*.md', base: base + '/' + name }) });",
      "export const collections = { courses: entries('courses'), cases: entries('cases'), sites: entries('sites'), instructors: entries('instructors'), programs: entries('programs') };",
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'src/pages/[collection]/[...id].astro'),
    [
      '---',
      "import { getCollection, render } from 'astro:content';",
      'export async function getStaticPaths() {',
      "  const names = ['courses', 'cases', 'sites', 'instructors', 'programs'] as const;",
      '  const out = [];',
      '  for (const name of names) for (const entry of await getCollection(name)) out.push({ params: { collection: name, id: entry.id }, props: { entry } });',
      '  return out;',
      '}',
      'const { entry } = Astro.props;',
      'const { Content } = await render(entry);',
      'const title = String(entry.data.title ?? entry.data.name);',
      '---',
      '<html lang="zh-CN"><head><meta charset="utf-8" /><title>{title}</title></head>',
      '<body><main data-pagefind-body><h1>{title}</h1><p>{String(entry.data.summary)}</p><Content /></main></body></html>',
      '',
    ].join('\n'),
  );
}

/** One round: a Siku build and a bare one, back to back. */
interface Round {
  siku: number;
  sikuIndex: number;
  sikuPeak: number;
  bareAstro?: number;
  bareIndex?: number;
  bareIndexPeak?: number;
  /** The Pagefind CLI over Siku's own built pages (the same pages the search step reads). */
  sameIndex?: number;
}

interface Row {
  size: number;
  entries: number;
  rounds: Round[];
  /** Medians over the rounds (the ratios: medians of each round's ratio). */
  siku: number;
  sikuIndex: number;
  ratio?: number;
  indexRatio?: number;
  /** Peak memory of the whole Siku build (all processes, highest of the rounds), bytes. */
  sikuPeak: number;
  /** The bare baseline; left out above `BARE_MAX` entries (its Pagefind CLI needs ~18 GB at 100,000). */
  bare?: number;
  bareAstro?: number;
  bareIndex?: number;
  bareIndexPeak?: number;
  sameIndex?: number;
  sameRatio?: number;
  largest: PageSize[];
  first?: { requests: number; gzip: number; ms: number };
  /** Lines of the recall bench's table (all/s, all/t), when run with `--recall`. */
  recall?: string[];
  later?: { requests: number; gzip: number };
}

const rows: Row[] = [];
const browser = args.includes('--no-search') ? undefined : await launchBrowser();
try {
  for (const size of sizes) {
    const content = path.join(work, `content-${size}`);
    const counts = generateCatalog(content, size, { varied: true, withSample: true });
    const entries = counts.courses + counts.cases + counts.sites + counts.instructors;
    const out = path.join(work, `dist-${size}`);
    const bareDir = path.join(work, `bare-${size}`);
    const withBare = entries <= BARE_MAX;
    if (withBare) bareProject(bareDir);
    const bareOut = path.join(bareDir, 'dist');
    const rounds: Round[] = [];
    // Rounds alternate which build goes first, so a machine that speeds up or slows down
    // during the run does not favour either; the ratios are taken round by round.
    for (let round = 0; round < (entries <= BARE_MAX ? runs : 1); round++) {
      const done: Partial<Round> = {};
      const sikuBuild = async () => {
        const siku = await run(NODE, [path.join(PROJECT_ROOT, 'scripts/build.ts')], PROJECT_ROOT, {
          SIKU_CONTENT_DIR: content,
          SIKU_DIST_DIR: out,
          SIKU_TODAY: '2026-11-21',
        });
        // The whole search step after Astro: Pagefind (with the shards' merge) and writing the search files.
        const seconds = (pattern: RegExp) => Number(pattern.exec(siku.out)?.[1] ?? 0);
        const index = seconds(/搜索索引：\d+ 个条目页.*（([\d.]+) 秒[）；]/) + seconds(/→ search\/（([\d.]+) 秒）/);
        Object.assign(done, { siku: siku.seconds, sikuIndex: index, sikuPeak: siku.peak });
        console.log(
          `${size} round ${round + 1}: Siku ${siku.seconds.toFixed(1)} s, index ${index.toFixed(1)} s, peak ${(siku.peak / 2 ** 30).toFixed(2)} GB`,
        );
        // The build's own timings of its steps, for where the time goes.
        for (const line of siku.out.split('\n'))
          if (/搜索索引|合并索引|搜索文件|不能用|\[build\] \d+ page\(s\) built|Synced content/.test(line)) console.log(`  ${line.trim()}`);
        if (!withBare) return;
        // The budget's other yardstick: the Pagefind CLI on the same pages, Siku's own.
        const same = path.join(work, `same-${size}`);
        const cli = await run(PAGEFIND, ['--site', out, '--output-path', same], PROJECT_ROOT, {});
        rmSync(same, { recursive: true, force: true });
        done.sameIndex = cli.seconds;
        console.log(`${size} round ${round + 1}: Pagefind CLI on Siku's pages ${cli.seconds.toFixed(1)} s`);
      };
      const bareBuild = async () => {
        if (!withBare) return;
        const bareAstro = await run(NODE, [ASTRO, 'build'], bareDir, { BARE_CONTENT: content, BARE_OUT: bareOut, NODE_ENV: 'production' });
        const bareIndex = await run(PAGEFIND, ['--site', bareOut], bareDir, {});
        Object.assign(done, { bareAstro: bareAstro.seconds, bareIndex: bareIndex.seconds, bareIndexPeak: bareIndex.peak });
        console.log(
          `${size} round ${round + 1}: bare ${(bareAstro.seconds + bareIndex.seconds).toFixed(1)} s (${bareAstro.seconds.toFixed(1)} + ${bareIndex.seconds.toFixed(1)})`,
        );
      };
      for (const step of round % 2 === 0 ? [sikuBuild, bareBuild] : [bareBuild, sikuBuild]) await step();
      rounds.push(done as Round);
    }
    const mid = (f: (r: Round) => number | undefined) => {
      const values = rounds
        .map(f)
        .filter((v): v is number => v !== undefined)
        .sort((a, b) => a - b);
      // The true median: an even count of rounds averages the middle two.
      const half = Math.floor(values.length / 2);
      return values.length ? (values.length % 2 ? values[half] : (values[half - 1] + values[half]) / 2) : undefined;
    };
    const row: Row = {
      size,
      entries,
      rounds,
      siku: mid((r) => r.siku)!,
      sikuIndex: mid((r) => r.sikuIndex)!,
      sikuPeak: Math.max(...rounds.map((r) => r.sikuPeak)),
      bare: mid((r) => (r.bareAstro === undefined ? undefined : r.bareAstro + (r.bareIndex ?? 0))),
      bareAstro: mid((r) => r.bareAstro),
      bareIndex: mid((r) => r.bareIndex),
      bareIndexPeak: withBare ? Math.max(...rounds.map((r) => r.bareIndexPeak ?? 0)) : undefined,
      ratio: mid((r) => (r.bareAstro === undefined ? undefined : r.siku / (r.bareAstro + (r.bareIndex ?? 0)))),
      indexRatio: mid((r) => (r.bareIndex === undefined ? undefined : r.sikuIndex / r.bareIndex)),
      sameIndex: mid((r) => r.sameIndex),
      sameRatio: mid((r) => (r.sameIndex === undefined ? undefined : r.sikuIndex / r.sameIndex)),
      largest: largestPages(out, 5),
    };
    if (recall) {
      const recallBench = path.join(PROJECT_ROOT, 'scripts/bench/search-recall.ts');
      const random = await run(NODE, [recallBench, '--dist', out, '--sample', String(RECALL_SAMPLE)], PROJECT_ROOT, {});
      // The sample catalog's own entries, realistic text among the generated: as a held-out catalog is checked.
      const sourcesFile = path.join(work, `real-${size}.txt`);
      writeFileSync(sourcesFile, realEntryUrls().join('\n'));
      const real = await run(NODE, [recallBench, '--dist', out, '--sources', sourcesFile], PROJECT_ROOT, {});
      const lines = (r: Ran, label: string) =>
        r.out
          .split('\n')
          .filter((line) => /^\| all\/[st] \|/.test(line) || /fair queries/.test(line))
          .map((line) => `${label}: ${line}`);
      row.recall = [...lines(random, `${RECALL_SAMPLE} random entries`), ...lines(real, 'sample catalog entries')];
    }
    if (browser) {
      const queries = [...QUERIES.slice(0, 9), '基层治理'];
      const { first, later } = await measure(browser, out, queries);
      row.first = {
        requests: median(first.map((l) => l.requests)),
        gzip: median(first.map((l) => l.gzip)),
        ms: median(first.map((l) => l.ms)),
      };
      row.later = { requests: median(later.map((l) => l.requests)), gzip: median(later.map((l) => l.gzip)) };
    }
    rows.push(row);
    rmSync(bareDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    rmSync(content, { recursive: true, force: true });
    console.log(`${size}: done`);
  }
} finally {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
}

const cell = (f: (r: Row) => string) => rows.map(f).join(' | ');
const times = (value?: number) => (value === undefined ? '—' : `${value.toFixed(2)}×`);
const gb = (bytes?: number) => (bytes === undefined ? '—' : `${(bytes / 2 ** 30).toFixed(2)} GB`);
console.log(`\n| | ${rows.map((r) => `${r.size.toLocaleString('en')} (${r.entries.toLocaleString('en')} entries)`).join(' | ')} |`);
console.log(`|---|${rows.map(() => '---').join('|')}|`);
console.log(`| rounds | ${cell((r) => String(r.rounds.length))} |`);
console.log(`| Siku full build | ${cell((r) => `${r.siku.toFixed(1)} s`)} |`);
console.log(
  `| bare Astro + Pagefind CLI | ${cell((r) => (r.bare === undefined ? '—' : `${r.bare.toFixed(1)} s (${r.bareAstro?.toFixed(1)} + ${r.bareIndex?.toFixed(1)})`))} |`,
);
console.log(
  `| build ratio (median of the rounds' ratios) | ${cell((r) => `${times(r.ratio)} (${r.rounds.map((d) => (d.bareAstro === undefined ? '—' : (d.siku / (d.bareAstro + (d.bareIndex ?? 0))).toFixed(2))).join(' / ')})`)} |`,
);
console.log(
  `| search step after Astro vs Pagefind CLI | ${cell((r) => `${r.sikuIndex.toFixed(1)} s vs ${r.bareIndex?.toFixed(1) ?? '—'} s (${times(r.indexRatio)})`)} |`,
);
console.log(
  `| search step after Astro vs Pagefind CLI on Siku's pages | ${cell((r) => `${r.sikuIndex.toFixed(1)} s vs ${r.sameIndex?.toFixed(1) ?? '—'} s (${times(r.sameRatio)})`)} |`,
);
console.log(`| peak memory, all processes (Siku build) | ${cell((r) => gb(r.sikuPeak))} |`);
console.log(`| peak memory, Pagefind CLI (bare) | ${cell((r) => gb(r.bareIndexPeak))} |`);
console.log(`| largest HTML page | ${cell((r) => `${kb(r.largest[0].bytes)} (${r.largest[0].page})`)} |`);
if (browser) {
  console.log(
    `| first search, median of 10 | ${cell((r) => `${r.first?.requests} requests, ${kb(r.first?.gzip ?? 0)}, ${r.first?.ms.toFixed(0)} ms`)} |`,
  );
  console.log(`| later query, median of 30 | ${cell((r) => `${r.later?.requests} requests, ${kb(r.later?.gzip ?? 0)}`)} |`);
}
for (const r of rows) console.log(`\nlargest pages at ${r.size}:\n${r.largest.map((p) => `  ${kb(p.bytes)}  ${p.page}`).join('\n')}`);
if (recall) for (const r of rows) console.log(`\nrecall at ${r.size}:\n${(r.recall ?? []).join('\n')}`);
