/**
 * npm run schemas: writes schemas/<library>.schema.json (and schools, taxonomy) from
 * the zod schemas, with the vocabularies of the sample taxonomy (content/taxonomy.yaml,
 * or SIKU_CONTENT_DIR's). Commit the result; `--check` exits 1 when the committed files
 * are out of date (for CI).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemas } from '../src/build/check/json-schema.ts';
import { contentRoot, loadTaxonomy, PROJECT_ROOT, today } from '../src/build/content-root.ts';

const check = process.argv.includes('--check');
const outDir = path.join(PROJECT_ROOT, 'schemas');
const schemas = jsonSchemas(loadTaxonomy(contentRoot()), today());
let stale = 0;
mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries(schemas)) {
  const file = path.join(outDir, `${name}.schema.json`);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === text) continue;
  stale++;
  if (check) console.error(`schemas/${name}.schema.json 不是最新的`);
  else {
    writeFileSync(file, text);
    console.log(`已写入 schemas/${name}.schema.json`);
  }
}
if (check && stale) {
  console.error('请运行 npm run schemas 并提交结果');
  process.exit(1);
}
if (!stale) console.log('schemas/ 已是最新');
