/**
 * npm run check [-- --format github | --format json | --json]
 * Checks the content root (SIKU_CONTENT_DIR or content/) and reports every problem.
 * Exit 1 on errors (or a malformed SIKU_* variable); warnings alone exit 0; 2 for a bad
 * command line or a checker crash.
 */
import path from 'node:path';
import { formatGithub, formatText, summary } from '../src/build/check/diagnostics.ts';
import { checkContent } from '../src/build/check/index.ts';
import { contentRoot, PROJECT_ROOT } from '../src/build/paths.ts';
import { today } from '../src/build/today.ts';
import { requireValidEnv } from '../src/build/env.ts';

function parseFormat(args: string[]): string {
  let format = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') format = 'json';
    else if (arg === '--format') format = args[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else {
      console.error(`未知的参数 “${arg}”：可用 --format github、--format json（或 --json）`);
      process.exit(2);
    }
  }
  if (!['text', 'json', 'github'].includes(format)) {
    console.error(`未知的输出格式 “${format}”：可用 --format github 或 --json`);
    process.exit(2);
  }
  return format;
}

const format = parseFormat(process.argv.slice(2));
// Before anything reads them: a bad SIKU_TODAY would otherwise surface as a "checker crash".
requireValidEnv(['SIKU_CONTENT_DIR', 'SIKU_TODAY']);
const root = contentRoot();
const relative = path.relative(PROJECT_ROOT, root).split(path.sep).join('/');
/** How files are named in the output: relative to the project when inside it (what CI annotations need). */
const shown = relative === '' ? '.' : relative.startsWith('..') ? root.split(path.sep).join('/') : relative;
const date = today();

try {
  const result = await checkContent({ root, today: date });
  if (format === 'json') {
    console.log(
      JSON.stringify(
        { root: shown, files: result.files, errors: result.errors, warnings: result.warnings, diagnostics: result.diagnostics },
        null,
        2,
      ),
    );
  } else if (format === 'github') {
    if (result.diagnostics.length) console.log(formatGithub(result.diagnostics, shown === '.' ? '' : shown));
    console.log(summary(result.diagnostics, result.files));
  } else {
    if (result.diagnostics.length)
      console.log(`${formatText(result.diagnostics.map((d) => ({ ...d, file: shown === '.' ? d.file : `${shown}/${d.file}` })))}\n`);
    console.log(summary(result.diagnostics, result.files));
  }
  process.exitCode = result.errors > 0 ? 1 : 0;
} catch (error) {
  console.error('检查器自身出错（这不是内容的问题，请把下面的信息报告给维护者）：');
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 2;
}
