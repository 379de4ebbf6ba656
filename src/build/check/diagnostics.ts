/** What the checker reports, and the three ways it prints it. */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path relative to the content root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** Dotted field path (`sessions.2.date`), or `-` for the file as a whole. */
  field: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  severity: Severity;
  /** Stable rule name, e.g. `unknown-field`, `dangling-reference`. */
  rule: string;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.field.localeCompare(b.field));
}

const LABEL: Record<Severity, string> = { error: '错误', warning: '警告' };

/** `path:line:col  field  message` plus an indented hint. */
export function formatText(list: Diagnostic[]): string {
  return list
    .map((d) => {
      const head = `${d.file}:${d.line}:${d.column}  ${d.field}  ${LABEL[d.severity]}：${d.message}`;
      return d.hint ? `${head}\n    提示：${d.hint}` : head;
    })
    .join('\n');
}

function escapeData(s: string) {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands, so problems show on the pull request's lines. */
export function formatGithub(list: Diagnostic[], prefix: string): string {
  return list
    .map((d) => {
      const file = escapeProperty(prefix ? `${prefix}/${d.file}` : d.file);
      const message = escapeData(d.hint ? `${d.message}\n提示：${d.hint}` : d.message);
      return `::${d.severity} file=${file},line=${d.line},col=${d.column},title=${escapeProperty(d.field)}::${message}`;
    })
    .join('\n');
}

export function summary(list: Diagnostic[], files: number): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  if (list.length === 0) return `检查了 ${files} 个文件，没有发现问题。`;
  return `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告。${errors > 0 ? '请先修正错误再提交。' : ''}`;
}
