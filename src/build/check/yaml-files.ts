/**
 * The two YAML files every entry depends on: taxonomy.yaml (vocabularies) and
 * schools.yaml (owners). Both are also scanned for personal data; in schools.yaml the
 * `phone` field may hold a school's office phone.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schoolsFileSchema, taxonomySchema, type Taxonomy } from '../../schemas/index.ts';
import { URL_SEGMENT_ISSUE } from '../../schemas/taxonomy.ts';
import { lstatOrUndefined, MAX_CONTENT_FILE_BYTES, tooLargeMessage } from '../content-files.ts';
import { suggest } from './suggest.ts';
import type { Diagnostic } from './diagnostics.ts';
import { scanPersonalData } from './rules/personal-data.ts';
import { parseYamlFile, type YamlSource } from './source.ts';
import { issuesToDiagnostics } from './zod-issues.ts';

function missing(file: string, message: string, hint: string): Diagnostic {
  return { file, line: 1, column: 1, field: '-', rule: 'missing-file', message, hint, severity: 'error' };
}

/**
 * Vocabulary labels and school names travel into inline JSON on some pages (search
 * facets); `<` could end a <script> element there. They are names: no angle brackets.
 */
function angleBrackets(file: string, pos: { line: number; column: number }, field: string, value: string): Diagnostic {
  return {
    file,
    ...pos,
    field,
    rule: 'unsafe-text',
    severity: 'error',
    message: `“${value}” 中不能有尖括号 < >`,
    hint: '词条和党校名称只写文字；需要括号时请用（）或《》',
  };
}

/**
 * The bytes of a YAML file of the content root, or undefined when it cannot be used:
 * missing (reported here unless the file is optional, `missingMessage` undefined),
 * over the size limit (reported here, checked before reading), a link or not a file
 * (reported by the file walk, never followed here).
 */
export function readRootFile(
  root: string,
  file: string,
  diagnostics: Diagnostic[],
  missingMessage?: string,
  missingHint = '',
): Buffer | undefined {
  const full = path.join(root, file);
  const stat = lstatOrUndefined(full);
  if (!stat) {
    const yml = file.replace(/\.yaml$/, '.yml');
    if (missingMessage)
      diagnostics.push(missing(file, missingMessage, existsSync(path.join(root, yml)) ? `把 ${yml} 改名为 ${file}` : missingHint));
    return undefined;
  }
  if (stat.isSymbolicLink()) return undefined;
  if (stat.isDirectory()) {
    diagnostics.push(missing(file, `${file} 是文件夹，不是文件`, `删除或改名这个文件夹，再放入 ${file} 文件`));
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  if (stat.size > MAX_CONTENT_FILE_BYTES) {
    diagnostics.push({
      file,
      line: 1,
      column: 1,
      field: '-',
      rule: 'file-too-large',
      severity: 'error',
      message: tooLargeMessage(stat.size),
      hint: `${file} 通常只有几 KB：检查是否误粘贴了大段内容（注释也算在内）`,
    });
    return undefined;
  }
  return readFileSync(full);
}

/** A vocabulary term that cannot be a URL segment: the schema says why, the hint what to do. */
function segmentDiagnostic(file: string, issue: { path: PropertyKey[]; message: string }, at: ReturnType<typeof locator>): Diagnostic {
  const p = issue.path as (string | number)[];
  return {
    file,
    ...at(p),
    field: p.join('.'),
    rule: 'bad-url-segment',
    severity: 'error',
    message: issue.message,
    hint: '给这个词条写一个 slug（小写字母、数字和连字符），网址就用 slug，例如 - { label: 县处级干部, slug: county }；或者换一个不含这些字符的名称',
  };
}

function locator(yaml: YamlSource | undefined) {
  return (p: (string | number)[], options?: { key?: boolean }) => yaml?.locate(p, options) ?? { line: 1, column: 1 };
}

function scanYamlFile(file: string, text: string, yaml: YamlSource | undefined, isSchools: boolean): Diagnostic[] {
  return scanPersonalData(file, text, {
    fieldAt: (offset) => {
      const p = yaml?.pathAt(offset) ?? [];
      return p.length ? p.join('.') : '-';
    },
    severity: (rule, field) => {
      if (!isSchools || !/^\d+\.phone$/.test(field)) return undefined;
      // The office phone of an institution is what the phone field is for; a mobile is most likely a person's.
      if (rule === 'phone-number') return null;
      return rule === 'personal-mobile' ? 'warning' : undefined;
    },
  });
}

/** taxonomy.yaml; undefined when it cannot be used (entries are then checked without vocabularies). */
export async function checkTaxonomy(root: string, diagnostics: Diagnostic[]): Promise<Taxonomy | undefined> {
  const file = 'taxonomy.yaml';
  const bytes = readRootFile(root, file, diagnostics, '缺少词表文件 taxonomy.yaml', '从 content/taxonomy.yaml 复制示例词表');
  if (!bytes) return undefined;
  const { data, yaml, text, problems } = parseYamlFile(file, bytes);
  diagnostics.push(...problems, ...scanYamlFile(file, text, yaml, false));
  if (problems.length) return undefined;
  const result = taxonomySchema.safeParse(data ?? {});
  if (result.success) {
    const at = locator(yaml);
    for (const [name, vocabulary] of Object.entries(result.data.vocabularies)) {
      vocabulary.terms.forEach((term, i) => {
        for (const spelling of [term.label, ...term.aliases]) {
          if (/[<>]/.test(spelling)) diagnostics.push(angleBrackets(file, at([name, i]), `${name}.${i}`, spelling));
        }
      });
    }
    return result.data;
  }
  const at = locator(yaml);
  const isSegment = (issue: (typeof result.error.issues)[number]) =>
    (issue as { params?: { kind?: string } }).params?.kind === URL_SEGMENT_ISSUE;
  diagnostics.push(...result.error.issues.filter(isSegment).map((issue) => segmentDiagnostic(file, issue, at)));
  diagnostics.push(
    ...(await issuesToDiagnostics(
      result.error.issues.filter((issue) => !isSegment(issue)),
      { file, data, locate: at, schema: taxonomySchema },
    )),
  );
  return undefined;
}

/** schools.yaml; returns the school ids that exist (even from invalid items, to avoid double reports). */
export async function checkSchools(root: string, diagnostics: Diagnostic[]): Promise<Set<string>> {
  const file = 'schools.yaml';
  const ids = new Map<string, number>();
  const bytes = readRootFile(root, file, diagnostics, '缺少党校列表 schools.yaml', '每个条目的 owner 都要指向其中一所党校');
  if (!bytes) return new Set();
  const { data, yaml, text, problems } = parseYamlFile(file, bytes);
  diagnostics.push(...problems, ...scanYamlFile(file, text, yaml, true));
  if (problems.length) return new Set();
  const at = locator(yaml);
  const list = Array.isArray(data) ? data : [];
  list.forEach((s: Record<string, unknown> | null, i) => {
    if (s && typeof s.id === 'string') {
      if (ids.has(s.id)) {
        diagnostics.push({
          file,
          ...at([i, 'id']),
          field: `${i}.id`,
          rule: 'duplicate-id',
          severity: 'error',
          message: `党校 id “${s.id}” 重复（第 ${ids.get(s.id)! + 1} 项已使用）`,
          hint: '每所党校的 id 必须唯一',
        });
      } else ids.set(s.id, i);
    }
  });
  list.forEach((s: Record<string, unknown> | null, i) => {
    for (const key of ['id', 'name', 'region', 'parent']) {
      if (s && typeof s[key] === 'string' && /[<>]/.test(s[key]))
        diagnostics.push(angleBrackets(file, at([i, key]), `${i}.${key}`, s[key]));
    }
  });
  const result = schoolsFileSchema.safeParse(data);
  if (!result.success) {
    diagnostics.push(...(await issuesToDiagnostics(result.error.issues, { file, data, locate: at, schema: schoolsFileSchema })));
  }
  list.forEach((s: Record<string, unknown> | null, i) => {
    if (s && typeof s.parent === 'string' && !ids.has(s.parent)) {
      const guess = suggest(s.parent, ids.keys());
      diagnostics.push({
        file,
        ...at([i, 'parent']),
        field: `${i}.parent`,
        rule: 'dangling-reference',
        severity: 'error',
        message: `上级党校 “${s.parent}” 不存在`,
        hint: guess ? `是不是 “${guess}”？` : '填写 schools.yaml 中另一所党校的 id',
      });
    }
  });
  return new Set(ids.keys());
}
