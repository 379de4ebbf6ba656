/**
 * The content checker: every problem of a content root in one pass. The same zod
 * schemas as the site build, plus the rules a schema cannot see (references across
 * files, leaks of 内部 cases, personal data, unsafe markup, stale reviews).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar } from 'yaml';
import {
  COLLECTIONS,
  createSchemas,
  ID_PATTERN,
  idSchema,
  schoolsFileSchema,
  taxonomySchema,
  type Collection,
  type RefTarget,
  type Taxonomy,
} from '../../schemas/index.ts';
import { addMonths, isReviewDue } from '../dates.ts';
import { referencesOf } from '../refs.ts';
import { didYouMean } from '../suggest.ts';
import { type Diagnostic, sortDiagnostics } from './diagnostics.ts';
import { scanPersonalData } from './rules/personal-data.ts';
import { scanBody } from './rules/unsafe-markup.ts';
import { parseEntryFile, parseYamlFile, type ParsedFile } from './source.ts';
import { issuesToDiagnostics } from './zod-issues.ts';

export interface CheckOptions {
  /** Absolute content root. */
  root: string;
  /** `YYYY-MM-DD`. */
  today: string;
}

export interface CheckedEntry extends ParsedFile {
  collection: Collection;
  id: string;
  /** Schema output when the entry is valid. */
  valid?: Record<string, any>;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  files: number;
  entries: CheckedEntry[];
  errors: number;
  warnings: number;
}

const IMAGE = /\.(png|jpe?g|webp|gif|svg|avif)$/i;

function walk(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name), relPath));
    else out.push(relPath);
  }
  return out.sort();
}

function err(file: string, line: number, column: number, field: string, rule: string, message: string, hint?: string): Diagnostic {
  return { file, line, column, field, rule, message, hint, severity: 'error' };
}

function suggestId(stem: string): string {
  return stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'new-entry';
}

/** Which top-level field each front-matter line belongs to. */
function fieldByLine(entry: ParsedFile): (line: number) => string {
  const starts: Array<[number, string]> = [];
  const contents = entry.yaml?.doc.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (isScalar(pair.key) && pair.key.range) starts.push([entry.yaml!.positionOfOffset(pair.key.range[0]).line, String(pair.key.value)]);
    }
  }
  return (line) => {
    if (line >= entry.bodyLine) return 'body';
    let field = '-';
    for (const [start, name] of starts) if (start <= line) field = name;
    return field;
  };
}

async function checkTaxonomy(root: string, diagnostics: Diagnostic[]): Promise<Taxonomy | undefined> {
  const file = 'taxonomy.yaml';
  const full = path.join(root, file);
  if (!existsSync(full)) {
    diagnostics.push(err(file, 1, 1, '-', 'missing-file', '缺少词表文件 taxonomy.yaml', '从 docs/content-model.md 复制示例词表'));
    return undefined;
  }
  const { data, yaml, problems } = parseYamlFile(file, readFileSync(full));
  diagnostics.push(...problems);
  if (problems.length) return undefined;
  const result = taxonomySchema.safeParse(data ?? {});
  if (result.success) return result.data;
  diagnostics.push(...(await issuesToDiagnostics(result.error.issues, { file, data, yaml, schema: taxonomySchema })));
  return undefined;
}

async function checkSchools(root: string, diagnostics: Diagnostic[]): Promise<Map<string, number>> {
  const file = 'schools.yaml';
  const full = path.join(root, file);
  const ids = new Map<string, number>();
  if (!existsSync(full)) {
    diagnostics.push(err(file, 1, 1, '-', 'missing-file', '缺少党校列表 schools.yaml', '每个条目的 owner 都要指向其中一所党校'));
    return ids;
  }
  const { data, yaml, problems } = parseYamlFile(file, readFileSync(full));
  diagnostics.push(...problems);
  if (problems.length) return ids;
  const list = Array.isArray(data) ? data : [];
  list.forEach((s: any, i) => {
    if (s && typeof s.id === 'string') {
      if (ids.has(s.id)) {
        const pos = yaml!.locate([i, 'id']);
        diagnostics.push(err(file, pos.line, pos.column, `${i}.id`, 'duplicate-id', `党校 id “${s.id}” 重复（第 ${ids.get(s.id)! + 1} 项已使用）`, '每所党校的 id 必须唯一'));
      } else ids.set(s.id, i);
    }
  });
  const result = schoolsFileSchema.safeParse(data);
  if (!result.success) {
    diagnostics.push(...(await issuesToDiagnostics(result.error.issues, { file, data, yaml, schema: schoolsFileSchema })));
  }
  list.forEach((s: any, i) => {
    if (s && typeof s.parent === 'string' && !ids.has(s.parent)) {
      const pos = yaml!.locate([i, 'parent']);
      const guess = didYouMean(s.parent, ids.keys());
      diagnostics.push(err(file, pos.line, pos.column, `${i}.parent`, 'dangling-reference', `上级党校 “${s.parent}” 不存在`, guess ? `是不是 “${guess}”？` : '填写 schools.yaml 中另一所党校的 id'));
    }
  });
  return ids;
}

export async function checkContent({ root, today }: CheckOptions): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [];
  let files = 2;
  const taxonomy = await checkTaxonomy(root, diagnostics);
  const schoolIds = await checkSchools(root, diagnostics);

  // 1. Read every file of every collection.
  const entries: CheckedEntry[] = [];
  for (const collection of COLLECTIONS) {
    const seen = new Map<string, string>();
    for (const rel of walk(path.join(root, collection))) {
      const file = `${collection}/${rel}`;
      const ext = path.extname(rel).toLowerCase();
      const allowed = collection === 'programs' ? ['.md'] : ['.md', '.mdx'];
      if (!allowed.includes(ext)) {
        if (!IMAGE.test(rel)) {
          diagnostics.push({ file, line: 1, column: 1, field: '-', rule: 'ignored-file', severity: 'warning', message: `不是 ${allowed.join(' 或 ')} 文件，发布时会被忽略`, hint: `条目文件的扩展名应为 ${allowed.join(' 或 ')}` });
        }
        continue;
      }
      files++;
      const id = path.basename(rel, path.extname(rel));
      const parsed = parseEntryFile(file, readFileSync(path.join(root, collection, rel)));
      diagnostics.push(...parsed.problems);
      if (!ID_PATTERN.test(id)) {
        diagnostics.push(err(file, 1, 1, '-', 'bad-id', `文件名 “${id}” 不能作为 id：只能用小写拼音或英文、数字和连字符`, `改名为 ${suggestId(id)}${ext}（id 就是网址 /${collection}/<id>/，发布后不再更改）`));
      }
      if (seen.has(id)) {
        diagnostics.push(err(file, 1, 1, '-', 'duplicate-id', `id “${id}” 重复：${seen.get(id)} 已使用同一个文件名`, '同一库中的 id（文件名）必须唯一，即使放在不同子文件夹中；请给其中一个改名'));
      } else seen.set(id, file);
      entries.push({ ...parsed, collection, id });
    }
  }

  // 2. Index of everything that exists (even invalid entries exist: no double reports).
  const ids: Record<RefTarget, Set<string>> = {
    courses: new Set(), cases: new Set(), sites: new Set(), instructors: new Set(), schools: new Set(schoolIds.keys()),
  };
  const internalCases = new Set<string>();
  for (const e of entries) {
    if (e.collection !== 'programs') ids[e.collection].add(e.id);
    if (e.collection === 'cases' && e.data?.visibility === '内部') internalCases.add(e.id);
  }

  // 3. Schemas (strict about aliases: they come back as warnings).
  if (taxonomy) {
    const strict = createSchemas({ taxonomy, today, ref: () => idSchema, aliasMode: 'flag' });
    const lenient = createSchemas({ taxonomy, today, ref: () => idSchema, aliasMode: 'accept' });
    for (const e of entries) {
      if (!e.data) continue;
      const schema = strict[e.collection];
      const result = schema.safeParse(e.data);
      if (result.success) {
        e.valid = result.data;
        continue;
      }
      const found = await issuesToDiagnostics(result.error.issues, { file: e.file, data: e.data, yaml: e.yaml, schema, taxonomy });
      diagnostics.push(...found);
      if (found.every((d) => d.severity === 'warning')) {
        const again = lenient[e.collection].safeParse(e.data);
        if (again.success) e.valid = again.data;
      }
    }
  }

  // 4. Rules across files and over raw text.
  for (const e of entries) {
    const at = (p: (string | number)[]) => e.yaml?.locate(p) ?? { line: 1, column: 1 };
    if (e.data) {
      const isPublic = !(e.collection === 'cases' && internalCases.has(e.id));
      for (const ref of referencesOf(e.collection, e.data)) {
        const field = ref.path.join('.');
        if (!ids[ref.to].has(ref.id)) {
          const guess = didYouMean(ref.id, ids[ref.to]);
          const where = ref.to === 'schools' ? 'schools.yaml' : `${ref.to}/`;
          diagnostics.push(err(e.file, at(ref.path).line, at(ref.path).column, field, 'dangling-reference', `引用的 ${ref.to} “${ref.id}” 不存在`, guess ? `是不是 “${guess}”？` : `检查拼写，或先在 ${where} 中添加该条目`));
        } else if (isPublic && ref.to === 'cases' && internalCases.has(ref.id)) {
          diagnostics.push(err(e.file, at(ref.path).line, at(ref.path).column, field, 'internal-case-leak', `公开条目引用了内部案例 “${ref.id}”：发布后会泄露内部案例`, '删除这条引用，或先将该案例改为公开（visibility: 公开）'));
        }
      }
    }
    if (e.valid && taxonomy) {
      if (typeof e.valid.reviewed === 'string' && isReviewDue(e.valid.reviewed, taxonomy.review_months, today)) {
        const pos = at(['reviewed']);
        diagnostics.push({ file: e.file, ...pos, field: 'reviewed', severity: 'warning', rule: 'review-due', message: `上次复核是 ${e.valid.reviewed}，已超过 ${taxonomy.review_months} 个月（应在 ${addMonths(e.valid.reviewed, taxonomy.review_months)} 前复核）`, hint: '核对内容后把 reviewed 改为复核当天的日期' });
      }
      if (e.collection === 'instructors' && e.valid.term && e.valid.term.end < today) {
        const pos = at(['term', 'end']);
        diagnostics.push({ file: e.file, ...pos, field: 'term.end', severity: 'warning', rule: 'term-ended', message: `聘期已于 ${e.valid.term.end} 结束`, hint: '续聘后更新 term.end；不再续聘的请把 status 改为 退出' });
      }
      if (e.collection === 'instructors' && e.valid.photo) {
        const photo = path.resolve(path.dirname(path.join(root, e.file)), e.valid.photo);
        if (!existsSync(photo)) {
          const pos = at(['photo']);
          diagnostics.push(err(e.file, pos.line, pos.column, 'photo', 'missing-file', `照片文件 ${e.valid.photo} 不存在`, '照片路径相对于本条目文件，如 ./photos/zhang-san.jpg'));
        }
      }
    }
    if (e.text) {
      diagnostics.push(...scanPersonalData(e.file, e.text, fieldByLine(e)));
      if (e.data) diagnostics.push(...scanBody(e.file, e.body, e.bodyLine, e.file.endsWith('.mdx')));
    }
  }

  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  return { diagnostics: sorted, files, entries, errors, warnings: sorted.length - errors };
}
