/**
 * The last gate before a site is published: every SVG file in the build output is held
 * to svg-safety.ts, whichever way it got there — an instructor photo, a body image, a
 * file in public/, something a future component copies. The content checker refuses
 * unsafe SVGs earlier and says which entry uses them; this catches what skipped it
 * (a plain `astro build`, a new code path). Refused files are deleted from the output,
 * so even a half-finished dist/ never serves them.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkSvg, describeSvgProblems, type SvgProblem } from './svg/safety.ts';

/** A built SVG that is more than a drawing. */
export interface UnsafeSvg {
  /** Relative to the output folder, forward slashes. */
  file: string;
  problems: SvgProblem[];
}

/** Every `.svg` under a folder, relative, forward slashes. */
function svgFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.svg$/i.test(d.name))
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** Checks every SVG in `dir`; returns how many were checked and the unsafe ones. */
export function findUnsafeSvgs(dir: string): { checked: number; unsafe: UnsafeSvg[] } {
  const files = svgFiles(dir);
  const unsafe: UnsafeSvg[] = [];
  for (const file of files) {
    const problems = checkSvg(readFileSync(path.join(dir, file), 'utf8'));
    if (problems.length) unsafe.push({ file, problems });
  }
  return { checked: files.length, unsafe };
}

/** The build's error message: each file with what was found, then what to do. */
export function formatUnsafeSvgs(unsafe: UnsafeSvg[]): string {
  return [
    `构建结果中有 ${unsafe.length} 个不安全的 SVG 文件（已从输出中删除）：`,
    ...unsafe.map((u) => `  ${u.file}：含有${describeSvgProblems(u.problems)}`),
    '提示：SVG 中只能有图形，不能有脚本、事件属性、内嵌网页和外部引用。把图片导出为 png/jpg，或删除脚本和事件属性；运行 npm run check 可找到引用这些图片的条目。',
  ].join('\n');
}

/** A content problem found in the output: the message says it all, a stack trace would only hide it. */
export class UnsafeOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeOutputError';
    this.stack = message;
  }
}

/**
 * Refuses a build output holding an unsafe SVG: deletes those files and throws
 * UnsafeOutputError. Returns the number of SVG files checked when all are safe.
 */
export function guardSvgOutput(dir: string): number {
  const { checked, unsafe } = findUnsafeSvgs(dir);
  if (unsafe.length === 0) return checked;
  for (const u of unsafe) rmSync(path.join(dir, u.file), { force: true });
  throw new UnsafeOutputError(formatUnsafeSvgs(unsafe));
}
