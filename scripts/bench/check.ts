/**
 * Benchmark: `npm run check` over a generated 10,000-entry catalog (budget ≤ 3 s).
 * Entries are shaped like the sample content (front matter of every library, bodies of
 * 0.5–3 KB with headings, lists, links and the odd inline HTML), spread over sub-folders.
 * Run: ./node_modules/.bin/node scripts/bench/check.ts [entries] [runs]
 * (SIKU_BENCH_KEEP=1 keeps the generated catalog for profiling.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/build/paths.ts';
import { readEnv } from '../../src/build/env.ts';

// Read before minutes of work, so a malformed value fails at once.
const keep = readEnv('SIKU_BENCH_KEEP') ?? false;
const TOTAL = Number(process.argv[2] ?? 10_000);
const RUNS = Math.max(3, Number(process.argv[3] ?? 5));
const BUDGET_MS = 3000;

const SCHOOLS = ['gd-dangxiao', 'foshan', 'nanhai', 'shunde', 'shishan'];
const TOPICS = ['党的创新理论', '党性修养', '制造业高质量发展', '基层治理', '营商环境', '乡村振兴', '科技创新', '数字政府'];
const PILLARS = ['理论教育', '党性教育', '履职能力', '知识素养'];
const FORMATS = ['专题讲授', '案例教学', '现场教学', '情景模拟', '结构化研讨'];
const AUDIENCES = ['县处级干部', '乡科级干部', '基层干部', '优秀年轻干部'];
const SITE_CATEGORIES = ['创新平台', '重点园区', '知名企业', '灯塔工厂', '红色教育基地'];
const INSTRUCTOR_CATEGORIES = ['党校教师', '特聘教授', '领导干部', '企业家和工匠'];
const PHRASES = [
  '围绕制造业当家，结合本地实践讲解政策工具与推进路径',
  '以村级工业园改造为例，分析土地整备、利益平衡与招商运营',
  '通过现场观摩和结构化研讨，提升干部解决实际问题的能力',
  '梳理基层治理中网格化管理的做法，讨论减负与精细化的平衡',
  '从红色资源出发，讲述党的初心使命和优良传统作风',
];

/** Deterministic pseudo-random numbers, so every run checks the same catalog. */
let seed = 42;
function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
}
const pick = <T>(list: T[]) => list[rand(list.length)];
const some = <T>(list: T[], max: number) => [...new Set(Array.from({ length: 1 + rand(max) }, () => pick(list)))];
const yamlList = (list: string[]) => `[${list.join(', ')}]`;

function body(i: number): string {
  const parts = ['## 内容提要', '', `${pick(PHRASES)}。${pick(PHRASES)}。`, ''];
  const paragraphs = 2 + rand(8);
  for (let p = 0; p < paragraphs; p++) {
    parts.push(`### 第${p + 1}部分`, '', `${pick(PHRASES)}，${pick(PHRASES)}；${pick(PHRASES)}。`, '');
    if (rand(3) === 0) parts.push(`- ${pick(PHRASES)}`, `- ${pick(PHRASES)}`, '');
  }
  if (i % 7 === 0) parts.push(`参考：[政策原文](https://www.gov.cn/zhengce/${i}.htm)。`, '');
  if (i % 13 === 0) parts.push(`要点<br>${pick(PHRASES)}<sup>注</sup>`, '');
  return parts.join('\n');
}

function common(i: number, titleKey: 'title' | 'name', title: string): string[] {
  const month = String(1 + rand(10)).padStart(2, '0');
  return [
    `${titleKey}: ${title}`,
    `summary: ${pick(PHRASES)}，${pick(PHRASES)}。`,
    `topics: ${yamlList(some(TOPICS, 3))}`,
    `owner: ${pick(SCHOOLS)}`,
    `reviewed: 2026-${month}-${String(1 + rand(27)).padStart(2, '0')}`,
    ...(i % 2 ? [`tags: [标签${i % 50}, 专题${i % 9}]`] : []),
  ];
}

function write(root: string, collection: string, id: string, front: string[], text: string, i: number) {
  const dir = path.join(root, collection, i % 4 === 0 ? `group-${i % 10}` : '');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${id}.md`), `---\n${front.join('\n')}\n---\n\n${text}`);
}

/** Writes the catalog; returns the content root. */
function generate(total: number): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'siku-bench-check-')), 'content');
  mkdirSync(root, { recursive: true });
  copyFileSync(path.join(PROJECT_ROOT, 'content/taxonomy.yaml'), path.join(root, 'taxonomy.yaml'));
  copyFileSync(path.join(PROJECT_ROOT, 'content/schools.yaml'), path.join(root, 'schools.yaml'));
  const n = {
    instructors: Math.round(total * 0.2),
    sites: Math.round(total * 0.15),
    cases: Math.round(total * 0.2),
    programs: Math.round(total * 0.05),
  };
  const courses = total - n.instructors - n.sites - n.cases - n.programs;
  const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const instructors = ids('teacher', n.instructors);
  const sites = ids('site', n.sites);
  const cases = ids('case', n.cases);
  const courseIds = ids('course', courses);
  let i = 0;
  for (const id of instructors) {
    write(
      root,
      'instructors',
      id,
      [
        ...common(i, 'name', `教师${i}号`),
        `category: ${pick(INSTRUCTOR_CATEGORIES)}`,
        `employment: ${i % 3 ? '专职' : '兼职'}`,
        `affiliation: 佛山市委党校第${i % 20}教研部`,
        'position: 副教授',
        'term: { start: 2024-01-01, end: 2028-12-31 }',
        'status: 在库',
      ],
      body(i),
      i++,
    );
  }
  for (const id of sites) {
    write(
      root,
      'sites',
      id,
      [
        ...common(i, 'name', `现场教学点${i}`),
        `category: ${pick(SITE_CATEGORIES)}`,
        'region: 佛山市南海区',
        `address: 佛山市南海区示例路 ${i} 号`,
        `location: { lat: 23.0${i % 10}, lng: 113.1${i % 10} }`,
        'host: 示例承接单位',
        `instructors: ${yamlList(some(instructors, 2))}`,
        'duration: 90',
        'capacity: 40',
        'status: 已纳入',
        'admitted: 2025-05-01',
        'booking_days: 7',
      ],
      body(i),
      i++,
    );
  }
  for (const id of cases) {
    write(
      root,
      'cases',
      id,
      [
        ...common(i, 'title', `案例${i}：村级工业园改造`),
        'region: 广东省佛山市南海区',
        `year: ${2015 + rand(10)}`,
        'kind: 经验总结',
        'sources:',
        `  - { title: 南海区改造工作情况通报${i}, publisher: 南海区人民政府网站, date: 2024-03-01, url: "https://www.nanhai.gov.cn/${i}" }`,
        `sites: ${yamlList(some(sites, 2))}`,
        `authors: ${yamlList(some(instructors, 2))}`,
        'questions:',
        '  - 经验能否复制？',
        '  - 难点在哪里？',
      ],
      body(i),
      i++,
    );
  }
  for (const id of courseIds) {
    write(
      root,
      'courses',
      id,
      [
        ...common(i, 'title', `课程${i}：制造业数字化转型`),
        `pillar: ${pick(PILLARS)}`,
        `formats: ${yamlList(some(FORMATS, 2))}`,
        `audiences: ${yamlList(some(AUDIENCES, 2))}`,
        `hours: ${1 + rand(6)}`,
        `instructors: ${yamlList(some(instructors, 3))}`,
        `cases: ${yamlList(some(cases, 2))}`,
        `sites: ${yamlList(some(sites, 1))}`,
        'delivery: 线下',
        `status: ${i % 5 ? '入库' : '试讲'}`,
        'objectives:',
        '  - 理解政策体系',
        '  - 掌握基本流程',
      ],
      body(i),
      i++,
    );
  }
  for (let p = 0; p < n.programs; p++) {
    const sessions = Array.from(
      { length: 6 },
      (_, s) =>
        `  - { date: 2026-12-0${1 + Math.floor(s / 3)}, from: "${String(8 + (s % 3) * 3).padStart(2, '0')}:00", to: "${String(10 + (s % 3) * 3).padStart(2, '0')}:00", course: ${pick(courseIds)} }`,
    );
    write(
      root,
      'programs',
      `program-${p}`,
      [
        `title: 专题培训班${p}`,
        `summary: ${pick(PHRASES)}。`,
        `owner: ${pick(SCHOOLS)}`,
        'reviewed: 2026-10-01',
        `audiences: ${yamlList(some(AUDIENCES, 2))}`,
        'start: 2026-12-01',
        'end: 2026-12-02',
        'venue: 佛山市委党校',
        'capacity: 50',
        'sessions:',
        ...sessions,
      ],
      body(i),
      i++,
    );
  }
  return root;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time of a command over the generated catalog (it must report no problem). */
function time(command: string, args: string[]): { ms: number; runs: number[]; last: string } {
  const runs: number[] = [];
  let last = '';
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const run = spawnSync(command, args, {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, SIKU_CONTENT_DIR: root, SIKU_TODAY: '2026-11-21' },
      maxBuffer: 256 * 1024 * 1024,
    });
    runs.push(performance.now() - t0);
    last = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0) {
      console.error(run.stdout.slice(0, 4000), run.stderr);
      throw new Error(`检查器退出码 ${run.status}：生成的目录应当没有错误`);
    }
  }
  return { ms: median(runs), runs, last };
}

const root = generate(TOTAL);
const direct = time(process.execPath, [path.join(PROJECT_ROOT, 'scripts/check.ts')]);
// Through npm as people type it (npm itself adds a few hundred milliseconds).
const viaNpm = time(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'check']);
if (keep) console.log(`保留生成的目录：${root}`);
else rmSync(path.dirname(root), { recursive: true, force: true });

const row = (name: string, ms: number) =>
  `| ${name} | ${TOTAL} | ${RUNS} | ${(ms / 1000).toFixed(2)} s | ${BUDGET_MS / 1000} s ${ms <= BUDGET_MS ? '✓' : '✗ 超出'} |`;
console.log('| 场景 | 条目数 | 运行次数 | 中位数 | 预算 |');
console.log('|---|---|---|---|---|');
console.log(row('npm run check', viaNpm.ms));
console.log(row('node scripts/check.ts', direct.ms));
console.log(`\n检查器输出：${direct.last}`);
console.log(`各次耗时（npm run check）：${viaNpm.runs.map((t) => (t / 1000).toFixed(2)).join(' / ')} s`);
if (viaNpm.ms > BUDGET_MS) process.exitCode = 1;
