/**
 * npm run schemas: everything generated from the zod schemas' field metadata, in one run —
 *   - schemas/<library>.schema.json (and schools, taxonomy), with the vocabularies of the
 *     sample taxonomy (content/taxonomy.yaml, or SIKU_CONTENT_DIR's);
 *   - the field tables of docs/content-model.md (between `<!-- fields:… -->` markers);
 *   - and it proves the templates of `npm run new` (src/build/scaffold.ts) still pass
 *     their schemas (they are built from the same metadata when they are written).
 * Every field must have a description. Commit the result; `--check` writes nothing and
 * exits 1 when a generated file is out of date or a template fails (for CI).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemas } from '../src/build/check/json-schema.ts';
import { contentRoot, PROJECT_ROOT } from '../src/build/paths.ts';
import { loadTaxonomy } from '../src/build/taxonomy-file.ts';
import { today } from '../src/build/today.ts';
import { renderModelDocs } from '../src/build/model-docs.ts';
import { scaffold } from '../src/build/scaffold.ts';
import { parse } from 'yaml';
import { COLLECTIONS, createSchemas, idSchema } from '../src/schemas/index.ts';
import { modelSchemas, undescribed } from '../src/schemas/model.ts';

const check = process.argv.includes('--check');
let failed = 0;
const fail = (message: string) => {
  failed++;
  console.error(message);
};

// Every field describes itself: the tooltips, the docs and the templates all read it.
for (const [name, schema] of Object.entries(modelSchemas())) {
  const missing = undescribed(schema);
  if (missing.length) fail(`${name} 的字段缺少说明（.meta({ description })）：${missing.join('、')}`);
}

const date = today();
const taxonomy = loadTaxonomy(contentRoot());

/** Writes `file` (relative to the project) unless it already holds `text`; in --check mode only reports. */
function output(file: string, text: string) {
  const full = path.join(PROJECT_ROOT, file);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : '';
  if (current === text) return false;
  if (check) fail(`${file} 不是最新的`);
  else {
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    console.log(`已写入 ${file}`);
  }
  return true;
}

let stale = 0;
for (const [name, schema] of Object.entries(jsonSchemas(taxonomy, date))) {
  if (output(`schemas/${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`)) stale++;
}

const docs = 'docs/content-model.md';
try {
  if (output(docs, renderModelDocs(readFileSync(path.join(PROJECT_ROOT, docs), 'utf8')))) stale++;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

// The templates of `npm run new`: every required field written, nothing the schema refuses.
const strict = createSchemas({ taxonomy, today: date, ref: () => idSchema, aliasMode: 'flag' });
for (const collection of COLLECTIONS) {
  const front = scaffold(collection, { taxonomy, school: 'template-school', instructor: 'template-instructor', today: date });
  const result = strict[collection].safeParse(parse(front.join('\n')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '-'}：${i.message}`).join('；');
    fail(`npm run new 的 ${collection} 模板（src/build/scaffold.ts）通不过检查：${problems}`);
  }
}

if (failed) {
  if (check && stale) console.error('请运行 npm run schemas 并提交结果');
  process.exit(1);
}
if (!stale) console.log('schemas/ 和 docs/content-model.md 的字段表已是最新');
