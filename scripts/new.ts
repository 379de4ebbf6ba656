/**
 * npm run new -- <library> <id> [--mdx]
 * Writes a new entry with every required field, Chinese comments, and placeholders that
 * already pass `npm run check` (the taxonomy's first terms, the first school, today).
 * `<id>` may carry a sub-folder: `npm run new -- courses nanhai/wangge-zhili`.
 * Never overwrites, and refuses an id that is taken anywhere in the library.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { formatText } from '../src/build/check/diagnostics.ts';
import { checkContent, PLACEHOLDER } from '../src/build/check/index.ts';
import {
  COLLECTIONS,
  COURSE_STATUSES,
  EMPLOYMENTS,
  ID_PATTERN,
  INSTRUCTOR_STATUSES,
  SITE_STATUSES,
  type Collection,
  type Taxonomy,
} from '../src/schemas/index.ts';
import { contentRoot, loadTaxonomy, PROJECT_ROOT, today } from '../src/build/content-root.ts';
import { suggest } from '../src/build/check/suggest.ts';

const USAGE = `用法：npm run new -- <库> <id> [--mdx]
  库：${COLLECTIONS.join(' | ')}
  id：小写拼音或英文、数字和连字符，如 wangge-zhili；可带子文件夹，如 nanhai/wangge-zhili
  --mdx：生成 .mdx 文件（可使用 <Callout> 提示框；培训班次不支持）`;

function die(message: string, code = 1): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(code);
}

const args = process.argv.slice(2);
const mdx = args.includes('--mdx');
const [library, target, ...extra] = args.filter((a) => a !== '--mdx');
if (!library || !target || extra.length) die('需要两个参数：库和 id。');
if (!(COLLECTIONS as readonly string[]).includes(library)) {
  const guess = suggest(library, COLLECTIONS);
  die(`没有名为 “${library}” 的库。${guess ? `是不是 ${guess}？` : ''}`);
}
const collection = library as Collection;
if (mdx && collection === 'programs') die('培训班次只能用 .md 文件。');

const parts = target
  .replace(/\\/g, '/')
  .replace(/\.(md|mdx)$/i, '')
  .split('/');
const id = parts.pop()!;
if (!ID_PATTERN.test(id)) {
  const suggestion = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  die(
    `“${id}” 不能作为 id：只能用小写拼音或英文、数字，以连字符分隔（它就是网址 /${collection}/${id}/，发布后不再更改）。${suggestion ? `可以用 ${suggestion}。` : ''}`,
  );
}
if (parts.some((p) => !/^[a-z0-9][a-z0-9_-]*$/.test(p))) die(`子文件夹 “${parts.join('/')}” 只能用小写字母、数字、连字符和下划线。`);

const root = contentRoot();
const libraryDir = path.join(root, collection);
const file = path.join(libraryDir, ...parts, `${id}.${mdx ? 'mdx' : 'md'}`);
const shown = path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

/** Every entry file of the library, to find an id that is already taken in another sub-folder. */
function entryFiles(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.')) return [];
    const r = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? entryFiles(path.join(dir, d.name), r) : /\.mdx?$/i.test(d.name) ? [r] : [];
  });
}
if (existsSync(file)) die(`${shown} 已经存在，不会覆盖。`);
const taken = entryFiles(libraryDir).find((r) => path.basename(r).replace(/\.mdx?$/i, '') === id);
if (taken) die(`${collection}/${taken} 已使用 id “${id}”：同一库中的 id 必须唯一（子文件夹不同也不行）。`);

let taxonomy: Taxonomy;
try {
  taxonomy = loadTaxonomy(root);
} catch (error) {
  die(`读不了词表：${error instanceof Error ? error.message : error}`);
}
const schools = existsSync(path.join(root, 'schools.yaml')) ? parse(readFileSync(path.join(root, 'schools.yaml'), 'utf8')) : [];
const school: string | undefined = Array.isArray(schools) ? schools.find((s) => s && typeof s.id === 'string')?.id : undefined;
if (!school) die('schools.yaml 中还没有党校：先登记一所党校（id、name、level、region），条目的 owner 要指向它。');
const instructor = entryFiles(path.join(root, 'instructors'))
  .map((r) => path.basename(r).replace(/\.mdx?$/i, ''))
  .filter((s) => ID_PATTERN.test(s))
  .sort()[0];
if ((collection === 'courses' || collection === 'sites') && !instructor) {
  die('师资库中还没有教师：课程和现场教学点至少要有一位教师，请先运行 npm run new -- instructors <id>。');
}

/** A YAML scalar: plain when safe, else double-quoted. */
function scalar(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ·、，。（）《》【】_-]*$/u.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}
const first = (name: keyof Taxonomy['vocabularies']) => scalar(taxonomy.vocabularies[name].terms[0].label);
const list = (values: string[]) => `[${values.join(', ')}]`;
const date = today();
const year = date.slice(0, 4);

const common = (titleKey: 'title' | 'name', what: string) => [
  `# ${what}（2–80 字）`,
  `${titleKey}: ${PLACEHOLDER}${what}`,
  '# 一段话摘要，显示在卡片和搜索结果中（10–300 字）',
  `summary: ${PLACEHOLDER}用一两句话说明主要内容、面向谁、有什么特色。`,
  '# 专题领域：1–6 个，取自 taxonomy.yaml 的 topics（用规范写法）',
  `topics: ${list([first('topics')])}`,
  '# 维护本条目的党校：schools.yaml 中的 id',
  `owner: ${school}`,
  '# 最近一次复核内容的日期（YYYY-MM-DD，不能晚于今天；超过复核期限会显示“待复核”）',
  `reviewed: ${date}`,
];

const FRONT: Record<Collection, string[]> = {
  courses: [
    ...common('title', '课程名称'),
    '# 内容板块：taxonomy.yaml 中 pillars 之一',
    `pillar: ${first('pillars')}`,
    '# 教学形式：至少 1 个（formats）',
    `formats: ${list([first('formats')])}`,
    '# 培训对象：至少 1 个（audiences）',
    `audiences: ${list([first('audiences')])}`,
    '# 学时：0.5–40，0.5 的整数倍',
    'hours: 2',
    '# 授课教师：instructors/ 中的 id，第一位为主讲（可多位组成“1+N”授课组）',
    `instructors: ${list([instructor!])}`,
    `# 状态：${COURSE_STATUSES.join(' · ')}`,
    'status: 试讲',
    '# 可选：tags（关键词）、cases（案例 id）、sites（教学点 id）、delivery（线下 · 线上 · 混合）、featured（精品课程 true/false）、objectives（教学目标列表）',
  ],
  cases: [
    ...common('title', '案例标题'),
    '# 发生地，如 广东省佛山市南海区',
    `region: ${PLACEHOLDER}所在地区`,
    '# 事件发生的年份',
    `year: ${year}`,
    '# 案例类型：taxonomy.yaml 中 case_kinds 之一（可选）',
    `kind: ${first('case_kinds')}`,
    '# 公开来源：至少 1 个；url 只能以 http:// 或 https:// 开头',
    'sources:',
    `  - title: ${PLACEHOLDER}公开来源的标题`,
    '# 公开 或 内部：内部案例只做检查、不发布，公开条目也不能引用它',
    'visibility: 公开',
    '# 可选：questions（讨论题）、sites（教学点 id）、authors（编写者，教师 id）、tags',
  ],
  sites: [
    ...common('name', '教学点名称'),
    '# 类别：taxonomy.yaml 中 site_categories 之一',
    `category: ${first('site_categories')}`,
    '# 所在区、镇（街）',
    `region: ${PLACEHOLDER}所在地区`,
    '# 单位地址（不写个人住址）',
    `address: ${PLACEHOLDER}详细地址`,
    '# 承接单位',
    `host: ${PLACEHOLDER}承接单位`,
    '# 兼职授课教师：instructors/ 中的 id，至少 1 位',
    `instructors: ${list([instructor!])}`,
    '# 一次现场教学的时长（分钟，30–480）',
    'duration: 90',
    '# 每批可接待人数（1–1000）',
    'capacity: 40',
    `# 状态：${SITE_STATUSES.join(' · ')}；改为 已纳入 时必须同时填写 admitted（纳入日期）`,
    'status: 培育中',
    '# 可选：location（{ lat, lng, crs: GCJ02 }）、formats、audiences、booking_days、accessibility、safety、tags',
  ],
  instructors: [
    ...common('name', '教师姓名'),
    '# 类别：taxonomy.yaml 中 instructor_categories 之一',
    `category: ${first('instructor_categories')}`,
    `# ${EMPLOYMENTS.join(' · ')}`,
    `employment: ${EMPLOYMENTS[0]}`,
    '# 工作单位',
    `affiliation: ${PLACEHOLDER}工作单位`,
    `# 状态：${INSTRUCTOR_STATUSES.join(' · ')}`,
    `status: ${INSTRUCTOR_STATUSES[0]}`,
    '# 不得填写手机、电话、邮箱、身份证号、家庭住址等个人信息',
    '# 可选：position（职务/职称）、term（聘期 { start, end }）、photo 和 photo_alt（照片及文字说明）、publish（false 时不生成个人页面）、tags',
  ],
  programs: [
    '# 班次名称（2–80 字）',
    `title: ${PLACEHOLDER}班次名称`,
    '# 一段话简介（10–300 字）',
    `summary: ${PLACEHOLDER}用一两句话说明培训目标和对象。`,
    '# 组织本班次的党校：schools.yaml 中的 id',
    `owner: ${school}`,
    '# 最近一次复核的日期',
    `reviewed: ${date}`,
    '# 培训对象：至少 1 个（audiences）',
    `audiences: ${list([first('audiences')])}`,
    '# 起止日期（YYYY-MM-DD）',
    `start: ${date}`,
    `end: ${date}`,
    '# 培训地点',
    `venue: ${PLACEHOLDER}培训地点`,
    '# 课程安排：每节写 date、from、to（"HH:MM"，要加引号），以及 course（课程 id）、site（教学点 id）或 title 之一；日期在班次起止之内，同一天不能重叠',
    'sessions:',
    `  - { date: ${date}, from: "09:00", to: "09:30", title: 开班式 }`,
    '# 可选：capacity（计划人数）、topics、tags',
  ],
};

const BODY: Record<Collection, string> = {
  courses: '## 课程大纲\n\n1. \n\n## 教学安排\n\n',
  cases: '## 背景\n\n## 经过\n\n## 启示\n\n',
  sites: '## 参观路线\n\n## 教学要点\n\n',
  instructors: '## 简介\n\n',
  programs: '## 班次说明\n\n',
};

const callout = mdx
  ? '<Callout type="tip" title="提示">MDX 文件中只能使用 Callout 组件，不需要 import，也不能写花括号表达式。</Callout>\n\n'
  : '';
const text = `---\n${FRONT[collection].join('\n')}\n---\n\n${callout}${BODY[collection]}`;
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, text, { flag: 'wx' });
console.log(`已创建 ${shown}`);

// Show what the checker says about the new file, so the author sees the placeholders to replace.
const rel = path.relative(root, file).split(path.sep).join('/');
const result = await checkContent({ root, today: date });
const mine = result.diagnostics.filter((d) => d.file === rel);
if (mine.length) console.log(`\n${formatText(mine.map((d) => ({ ...d, file: shown })))}`);
const errors = mine.filter((d) => d.severity === 'error').length;
console.log(
  errors
    ? `\n新条目有 ${errors} 个错误（见上方），请修改后运行 npm run check。`
    : `\n下一步：把 “${PLACEHOLDER}” 开头的文字换成真实内容，运行 npm run check，再用 npm run dev 预览 /${collection}/${id}/。`,
);
