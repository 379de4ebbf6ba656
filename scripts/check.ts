/**
 * npm run check [-- --format github | --json]
 * Checks the content root (SIKU_CONTENT_DIR or content/) and reports every problem.
 * Exit 1 on errors; warnings alone exit 0.
 */
import path from 'node:path';
import { formatGithub, formatText, summary } from '../src/lib/check/diagnostics.ts';
import { checkContent } from '../src/lib/check/index.ts';
import { contentRoot, PROJECT_ROOT, today } from '../src/lib/content-root.ts';

const args = process.argv.slice(2);
const format = args.includes('--json') ? 'json' : args.includes('--format') ? args[args.indexOf('--format') + 1] : 'text';
if (!['text', 'json', 'github'].includes(format)) {
  console.error(`未知的输出格式 “${format}”：可用 --format github 或 --json`);
  process.exit(2);
}

const root = contentRoot();
const result = await checkContent({ root, today: today() });
const relRoot = path.relative(PROJECT_ROOT, root).split(path.sep).join('/') || '.';

if (format === 'json') {
  console.log(JSON.stringify({ root: relRoot, files: result.files, errors: result.errors, warnings: result.warnings, diagnostics: result.diagnostics }, null, 2));
} else if (format === 'github') {
  if (result.diagnostics.length) console.log(formatGithub(result.diagnostics, relRoot.startsWith('..') ? '' : relRoot));
  console.log(summary(result.diagnostics, result.files));
} else {
  if (result.diagnostics.length) console.log(formatText(result.diagnostics.map((d) => ({ ...d, file: `${relRoot}/${d.file}` }))) + '\n');
  console.log(summary(result.diagnostics, result.files));
}
process.exit(result.errors > 0 ? 1 : 0);
