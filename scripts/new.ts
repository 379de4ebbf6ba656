/**
 * npm run new -- <library> <id> [--mdx]
 * Writes a new entry with every required field, Chinese comments, and placeholders that
 * already pass `npm run check` (the taxonomy's first terms, the first school, today).
 * The front matter and its comments come from src/build/scaffold.ts (comments generated
 * from the schemas' field descriptions).
 * `<id>` may carry a sub-folder: `npm run new -- courses nanhai/wangge-zhili`.
 * Never overwrites, and refuses an id that is taken anywhere in the library.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { formatText } from '../src/build/check/diagnostics.ts';
import { checkContent, PLACEHOLDER } from '../src/build/check/index.ts';
import { COLLECTIONS, ID_PATTERN, type Collection, type Taxonomy } from '../src/schemas/index.ts';
import { scaffold } from '../src/build/scaffold.ts';
import { contentRoot, PROJECT_ROOT } from '../src/build/paths.ts';
import { loadTaxonomy } from '../src/build/taxonomy-file.ts';
import { today } from '../src/build/today.ts';
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

const date = today();
const front = scaffold(collection, { taxonomy, school, instructor, today: date });

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
const text = `---\n${front.join('\n')}\n---\n\n${callout}${BODY[collection]}`;
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
