/**
 * The content checker: every problem of a content root in one pass. The same zod
 * schemas as the site build, plus the rules a schema cannot see (references across
 * files, leaks of 内部 cases, personal data, unsafe markup, stale reviews, missing
 * images). Nothing stops at the first problem: a broken file is reported and the
 * others are still checked, and within a file every field is checked.
 */
import type { Visibility } from '../../schemas/index.ts';
import { VISIBILITY_RULES } from '../../shared/status.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createSchemas, idSchema, ID_PATTERN, type RefTarget } from '../../schemas/index.ts';
import { PLACEHOLDER } from '../scaffold.ts';
import { buildLeakModel, internalCase, natureTexts, type InternalCase, type LeakModel } from '../leaks/scan.ts';
import { type Diagnostic, sortDiagnostics } from './diagnostics.ts';
import { type CheckedEntry, toEntry } from './entry.ts';
import { listEntryFiles } from './files.ts';
import { checkBodyImages, checkPhoto } from './rules/assets.ts';
import { checkFreshness } from './rules/freshness.ts';
import { scanPersonalData } from './rules/personal-data.ts';
import { checkInternalQuotes } from './rules/internal-quotes.ts';
import { checkReferences } from './rules/references.ts';
import { scanBody } from './rules/unsafe-markup.ts';
import { parseEntryFile } from './source.ts';
import { readPublicPhrases, scopePublicPhrases } from './public-phrases.ts';
import { schoolTexts } from './school-texts.ts';
import { checkSchools, checkTaxonomy } from './yaml-files.ts';
import { issuesToDiagnostics } from './zod-issues.ts';

export type { CheckedEntry } from './entry.ts';

export interface CheckOptions {
  /** Absolute content root. */
  root: string;
  /** `YYYY-MM-DD`. */
  today: string;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  files: number;
  entries: CheckedEntry[];
  errors: number;
  warnings: number;
  /** The internal cases' fingerprints as the checker used them; the post-build guard scans with the same. */
  leaks: LeakModel;
}

/** Marks text a template left for the author (`npm run new` writes it, src/build/scaffold.ts). */
export { PLACEHOLDER };

function suggestId(stem: string): string {
  return (
    stem
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'new-entry'
  );
}

export async function checkContent({ root, today }: CheckOptions): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    const missing: Diagnostic = {
      file: '.',
      line: 1,
      column: 1,
      field: '-',
      rule: 'missing-root',
      severity: 'error',
      message: `内容目录 ${root} 不存在`,
      hint: '检查 SIKU_CONTENT_DIR，或在项目根目录运行',
    };
    return { diagnostics: [missing], files: 0, entries: [], errors: 1, warnings: 0, leaks: buildLeakModel({ cases: [], publicTexts: [] }) };
  }
  const taxonomy = await checkTaxonomy(root, diagnostics);
  const schoolIds = await checkSchools(root, diagnostics);

  // 1. Read every file of every collection.
  const entries: CheckedEntry[] = [];
  const files = listEntryFiles(root, diagnostics);
  const seen = new Map<string, string[]>();
  for (const { collection, file, full, ext } of files) {
    const id = file.slice(file.lastIndexOf('/') + 1, file.length - ext.length);
    const entry = toEntry(parseEntryFile(file, readFileSync(full)), collection, id);
    diagnostics.push(...entry.problems);
    if (!ID_PATTERN.test(id)) {
      diagnostics.push({
        file,
        line: 1,
        column: 1,
        field: '-',
        rule: 'bad-id',
        severity: 'error',
        message: `文件名 “${id}” 不能作为 id：只能用小写拼音或英文、数字和连字符`,
        hint: `改名为 ${suggestId(id)}${ext}（id 就是网址 /${collection}/<id>/，发布后不再更改）`,
      });
    }
    const key = `${collection}/${id}`;
    seen.set(key, [...(seen.get(key) ?? []), file]);
    entries.push(entry);
  }
  // A duplicate is reported on every file that has it: which one is "the new one" is for the author to say.
  for (const [key, same] of seen) {
    if (same.length < 2) continue;
    const id = key.slice(key.indexOf('/') + 1);
    for (const file of same) {
      const others = same.filter((f) => f !== file).join('、');
      diagnostics.push({
        file,
        line: 1,
        column: 1,
        field: '-',
        rule: 'duplicate-id',
        severity: 'error',
        message: `id “${id}” 重复：${others} 也使用同一个文件名`,
        hint: '同一库中的 id（文件名）必须唯一，即使放在不同子文件夹中；请给其中一个改名',
      });
    }
  }

  // 2. Index of everything that exists (even invalid entries exist: no double reports).
  const ids: Record<RefTarget, Set<string>> = {
    courses: new Set(),
    cases: new Set(),
    sites: new Set(),
    instructors: new Set(),
    schools: schoolIds,
  };
  const internalCases = new Set<string>();
  const internal: InternalCase[] = [];
  for (const e of entries) {
    if (e.collection !== 'programs') ids[e.collection].add(e.id);
    // Raw front matter (the entry may be invalid): the same visibility table the site uses.
    if (e.collection === 'cases' && e.data && VISIBILITY_RULES[e.data.visibility as Visibility]?.published === false) {
      internalCases.add(e.id);
      const c = internalCase(e.id, e.data, e.body);
      if (c) internal.push(c);
    }
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
      const found = await issuesToDiagnostics(result.error.issues, { file: e.file, data: e.data, locate: e.locate, schema, taxonomy });
      // Rules across fields are the schemas' own and run even when another field failed (src/schemas/rules.ts).
      diagnostics.push(...found);
      if (found.every((d) => d.severity === 'warning')) {
        const again = lenient[e.collection].safeParse(e.data);
        if (again.success) e.valid = again.data;
      }
    }
  }

  // 4. Rules across files and over raw text.
  const known = { ids, internalCases };
  const phrases = scopePublicPhrases(await readPublicPhrases(root, diagnostics), internal, diagnostics);
  const vocabulary = taxonomy ? Object.values(taxonomy.vocabularies).flatMap((v) => v.terms.flatMap((t) => [t.label, ...t.aliases])) : [];
  const leaks = buildLeakModel({
    cases: internal,
    publicTexts: [...vocabulary, ...schoolTexts(root), ...entries.flatMap((e) => (e.data ? natureTexts(e.collection, e.data) : []))],
    declared: phrases,
  });
  diagnostics.push(
    ...checkInternalQuotes(
      entries.filter((e) => !(e.collection === 'cases' && internalCases.has(e.id))),
      leaks,
    ),
  );
  for (const e of entries) {
    if (e.data) {
      diagnostics.push(...checkReferences(e, known));
      if (taxonomy) diagnostics.push(...checkFreshness(e, taxonomy.review_months, today));
      diagnostics.push(...checkPhoto(e, root));
      for (const [field, value] of Object.entries(e.data)) {
        if (typeof value === 'string' && value.includes(PLACEHOLDER)) {
          diagnostics.push({
            file: e.file,
            ...e.locate([field]),
            field,
            severity: 'warning',
            rule: 'placeholder',
            message: `${field} 还是模板中的占位文字`,
            hint: `把 “${PLACEHOLDER}” 开头的文字换成真实内容`,
          });
        }
      }
    }
    if (e.text) {
      diagnostics.push(...scanPersonalData(e.file, e.text, { fieldAt: e.fieldAt }));
      if (e.data) {
        const scan = await scanBody(e.file, e.body, e.bodyLine, e.file.endsWith('.mdx'));
        diagnostics.push(...scan.diagnostics, ...checkBodyImages(e, root, scan.images));
      }
    }
  }

  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  return { diagnostics: sorted, files: files.length + 2, entries, errors, warnings: sorted.length - errors, leaks };
}
