/**
 * Planner at scale: the data file (/plan/courses.js) and the menu grouping for a
 * synthetic catalog of 10,000 usable courses, and the browser-side work for a large
 * plan (decode the data file, totals, warnings, CSV, share link). Prints medians.
 * With --build it also builds a generated 10,000-entry catalog and reports the sizes
 * of the menu pages and the data file as served.
 * Run: ./node_modules/.bin/node scripts/bench/plan.ts [--build]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Collection, EntryData } from '../../src/schemas/index.ts';
import { Catalog, catalogEntry } from '../../src/shared/catalog.ts';
import { contentRoot } from '../../src/build/paths.ts';
import { loadTaxonomy } from '../../src/build/taxonomy-file.ts';
import { decodePlan, encodePlan } from '../../src/shared/plan/codec.ts';
import { planCsv } from '../../src/shared/plan/csv.ts';
import { menuGroups } from '../../src/shared/menu.ts';
import { planWireData } from '../../src/shared/plan/build-data.ts';
import { computeTotals } from '../../src/shared/plan/totals.ts';
import { planWarnings } from '../../src/shared/plan/warnings.ts';
import { dataScript, decodeData } from '../../src/shared/plan/wire.ts';

const COURSES = 10_000;
const RUNS = 7;
const taxonomy = loadTaxonomy(contentRoot());
const labels = (name: keyof typeof taxonomy.vocabularies) => taxonomy.vocabularies[name].terms.map((t) => t.label);
const [pillars, formats, audiences, topics] = [labels('pillars'), labels('formats'), labels('audiences'), labels('topics')];
const WORDS = ['制造业当家', '村级工业园改造', '基层网格化治理', '一门式政务服务', '乡村振兴', '科技成果转化', '应急处置', '数字政府建设'];

function entry(collection: Collection, id: string, data: Record<string, unknown>) {
  return catalogEntry(collection, id, data as EntryData);
}

function syntheticCatalog(): Catalog {
  const instructors = Array.from({ length: 1500 }, (_, i) =>
    entry('instructors', `teacher-${i}`, {
      name: `教师${i}号`,
      status: i % 50 === 0 ? '退出' : '在库',
      term: i % 7 === 0 ? { start: '2022-01-01', end: i % 14 === 0 ? '2025-12-31' : '2028-12-31' } : undefined,
      publish: i % 9 !== 0,
    }),
  );
  const sites = Array.from({ length: 1000 }, (_, i) =>
    entry('sites', `site-${i}`, { name: `现场教学点${i}`, status: ['已纳入', '已纳入', '培育中', '暂停'][i % 4] }),
  );
  const courses = Array.from({ length: COURSES }, (_, i) =>
    entry('courses', `course-${i}-${WORDS[i % WORDS.length].length}`, {
      title: `${WORDS[i % WORDS.length]}的实践与思考（第${i}讲）`,
      pillar: pillars[i % pillars.length],
      formats: [formats[i % formats.length], ...(i % 3 === 0 ? [formats[(i + 2) % formats.length]] : [])],
      audiences: [audiences[i % audiences.length], audiences[(i + 3) % audiences.length]],
      topics: [topics[i % topics.length]],
      hours: 0.5 + (i % 8) * 0.5,
      instructors: [`teacher-${i % 1500}`, `teacher-${(i * 7) % 1500}`],
      sites: i % 4 === 0 ? [`site-${i % 1000}`] : [],
      status: i % 10 === 0 ? '试讲' : '入库',
      featured: i % 25 === 0,
    }),
  );
  return new Catalog({
    entries: { courses, instructors, sites, cases: [], programs: [] },
    schools: [{ id: 'foshan', name: '佛山市委党校', level: '市级', region: '广东省佛山市' }],
    taxonomy,
    today: '2026-11-21',
  });
}

function median(fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const catalog = syntheticCatalog();
const script = dataScript(planWireData(catalog));
const raw = JSON.parse(script.slice(script.indexOf('=') + 1, -2));
const data = decodeData(raw);
const planIds = [...data.courses.keys()].filter((_, i) => i % 200 === 0); // a 50-course plan
const planCourses = planIds.map((id) => data.courses.get(id)!);
const plan = { title: '大型方案', audience: audiences[0], days: 10, courses: planIds };
const bytes = Buffer.byteLength(script);
const gz = gzipSync(script).length;

const rows: Array<[string, string]> = [
  [
    'data file, 10,000 courses',
    `${(bytes / 1024).toFixed(0)} KB (${(bytes / COURSES).toFixed(0)} B/course), gzip ${(gz / 1024).toFixed(0)} KB`,
  ],
  ['build: data file (planWireData + stringify)', `${median(() => dataScript(planWireData(catalog))).toFixed(1)} ms`],
  ['build: menu groups, all audiences', `${median(() => menuGroups(catalog)).toFixed(1)} ms`],
  [
    'build: menu groups, every audience page',
    `${median(() => {
      for (const a of audiences) menuGroups(catalog, a);
    }).toFixed(1)} ms`,
  ],
  ['browser: parse + decode data file', `${median(() => decodeData(JSON.parse(script.slice(script.indexOf('=') + 1, -2)))).toFixed(1)} ms`],
  [
    'browser: totals + warnings, 50-course plan',
    `${median(() => {
      computeTotals(planCourses, data.rules, data);
      planWarnings(plan, planCourses, data.rules);
    }).toFixed(2)} ms`,
  ],
  [
    'browser: CSV + share link, 50-course plan',
    `${median(() => {
      planCsv(planCourses, data.rules, 'https://x');
      decodePlan(encodePlan(plan));
    }).toFixed(2)} ms`,
  ],
];

if (process.argv.includes('--build')) {
  const { generateCatalog } = await import('../lib/generate-catalog.ts');
  const { timedBuild } = await import('../lib/run-build.ts');
  const work = mkdtempSync(path.join(tmpdir(), 'siku-bench-plan-'));
  const content = path.join(work, 'content');
  const counts = generateCatalog(content, 10_000);
  const out = path.join(work, 'dist');
  const seconds = timedBuild(content, out);
  rows.push([`10k build (${counts.courses} courses), whole site`, `${seconds.toFixed(1)} s (single run)`]);
  const size = (rel: string) => {
    const text = readFileSync(path.join(out, rel));
    return `${(statSync(path.join(out, rel)).size / 1024).toFixed(0)} KB, gzip ${(gzipSync(text).length / 1024).toFixed(0)} KB`;
  };
  rows.push(['10k: /menu/', size('menu/index.html')]);
  const audiencePages = readdirSync(path.join(out, 'menu'), { withFileTypes: true }).filter((d) => d.isDirectory());
  const biggest = audiencePages
    .map((d) => `menu/${d.name}/index.html`)
    .sort((a, b) => statSync(path.join(out, b)).size - statSync(path.join(out, a)).size)[0];
  rows.push([`10k: largest audience menu (${biggest})`, size(biggest)]);
  rows.push(['10k: /plan/courses.js', size('plan/courses.js')]);
  rows.push(['10k: /plan/', size('plan/index.html')]);
  rmSync(work, { recursive: true, force: true });
}

console.log('| planner | median |');
console.log('|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
