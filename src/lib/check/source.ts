/**
 * Reads content files the way an author wrote them: front matter split with
 * gray-matter, YAML parsed with positions (so every problem gets a line), dates
 * kept as text (so 2025-13-01 is caught rather than rolled over to 2026-01-01).
 */
import matter from 'gray-matter';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { FieldPath } from '../refs.ts';
import type { Diagnostic } from './diagnostics.ts';

export interface Position {
  line: number;
  column: number;
}

/** A YAML document with a way back from field paths to file positions. */
export class YamlSource {
  readonly doc: Document;
  private readonly counter: LineCounter;
  /** Lines before the YAML text in its file (1 for the opening `---`). */
  private readonly lineOffset: number;

  constructor(yamlText: string, lineOffset = 0) {
    this.counter = new LineCounter();
    this.doc = parseDocument(yamlText, { schema: 'core', lineCounter: this.counter, uniqueKeys: true, prettyErrors: false });
    this.lineOffset = lineOffset;
  }

  positionOfOffset(offset: number): Position {
    const { line, col } = this.counter.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  /** Where a field is written; for a missing field, where its parent is. */
  locate(path: FieldPath, { key = false } = {}): Position {
    for (let depth = path.length; depth >= 0; depth--) {
      const sub = path.slice(0, depth);
      if (key && depth === path.length && sub.length > 0) {
        const parent = sub.length === 1 ? this.doc.contents : this.doc.getIn(sub.slice(0, -1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === sub[sub.length - 1]);
          const range = (pair?.key as YamlNode | undefined)?.range;
          if (range) return this.positionOfOffset(range[0]);
        }
      }
      const node = (sub.length === 0 ? this.doc.contents : this.doc.getIn(sub, true)) as YamlNode | null | undefined;
      if (node && node.range) {
        if (sub.length === path.length || sub.length === 0) return this.positionOfOffset(node.range[0]);
        // A missing child: point at its parent's key line.
        return this.locate(sub, { key: true });
      }
    }
    return { line: 1 + this.lineOffset, column: 1 };
  }
}

export interface ParsedFile {
  /** Relative path, forward slashes. */
  file: string;
  /** Front matter data (undefined when it could not be read). */
  data?: Record<string, unknown>;
  body: string;
  /** The decoded text (BOM removed, LF line endings). */
  text: string;
  /** First line of the body in the file. */
  bodyLine: number;
  yaml?: YamlSource;
  /** Problems found while reading (no further checks run on such a file's data). */
  problems: Diagnostic[];
}

const YAML_MESSAGES: Array<[RegExp, string]> = [
  [/Map keys must be unique/i, '同一字段写了两次'],
  [/Implicit map keys need to be followed by map values|Nested mappings are not allowed/i, '缩进或冒号有误（“字段: 值” 的冒号后要有空格，同级字段缩进要一致）'],
  [/Missing closing "?quote|Missing closing/i, '引号没有成对'],
  [/tab/i, 'YAML 中不能用 Tab 缩进，请改用空格'],
];

function yamlMessage(message: string): string {
  const known = YAML_MESSAGES.find(([re]) => re.test(message));
  return `YAML 语法错误：${known ? known[1] : message.split('\n')[0]}`;
}

/** Binary junk: NUL bytes or invalid UTF-8. */
export function looksBinary(bytes: Buffer): boolean {
  if (bytes.includes(0)) return true;
  return bytes.toString('utf8').includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD'));
}

function problem(file: string, line: number, column: number, field: string, rule: string, message: string, hint?: string): Diagnostic {
  return { file, line, column, field, rule, message, hint, severity: 'error' };
}

/** Decodes and normalises text: strips a BOM, turns CRLF into LF (line numbers unchanged). */
export function decode(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Parses a Markdown entry: front matter (required) and body. */
export function parseEntryFile(file: string, bytes: Buffer): ParsedFile {
  const out: ParsedFile = { file, body: '', text: '', bodyLine: 1, problems: [] };
  if (bytes.length === 0 || bytes.toString('utf8').replace(/^\uFEFF/, '').trim() === '') {
    out.problems.push(problem(file, 1, 1, '-', 'empty-file', '文件是空的', '按 docs/content-model.md 的示例填写 front matter 和正文，或用 npm run new 生成模板'));
    return out;
  }
  if (looksBinary(bytes)) {
    out.problems.push(problem(file, 1, 1, '-', 'not-text', '文件不是 UTF-8 文本（可能是二进制文件或其他编码）', '请用 UTF-8 编码保存；图片等附件不要放进条目文件夹的 .md 文件名下'));
    return out;
  }
  const text = decode(bytes);
  out.text = text;
  if (!/^---[ \t]*\n/.test(text)) {
    out.problems.push(problem(file, 1, 1, '-', 'missing-front-matter', '缺少 front matter：文件应以单独一行 “---” 开头', '在第一行写 ---，接着写字段（title: …），再以一行 --- 结束，正文写在其后'));
    return out;
  }
  const close = /\n---[ \t]*(\n|$)/.exec(text.slice(3));
  if (!close) {
    out.problems.push(problem(file, 1, 1, '-', 'unclosed-front-matter', 'front matter 没有结束：找不到第二个 “---” 行', '在字段之后、正文之前加一行 ---'));
    return out;
  }
  let yaml: YamlSource | undefined;
  const parsed = matter(text, {
    engines: {
      yaml: (source: string) => {
        yaml = new YamlSource(source, 1);
        return (yaml.doc.errors.length ? {} : yaml.doc.toJS()) ?? {};
      },
    },
  } as Parameters<typeof matter>[1]);
  out.body = parsed.content;
  out.bodyLine = text.slice(0, text.length - parsed.content.length).split('\n').length;
  out.yaml = yaml;
  if (!yaml) return out;
  for (const error of yaml.doc.errors) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    out.problems.push(problem(file, pos.line + 1, pos.col, '-', 'yaml-syntax', yamlMessage(error.message), '检查这一行及上一行的缩进、冒号后的空格和引号是否成对'));
  }
  if (out.problems.length) return out;
  const data = yaml.doc.toJS();
  if (data === null || data === undefined) {
    out.problems.push(problem(file, 2, 1, '-', 'empty-front-matter', 'front matter 是空的', '至少填写该库的必填字段，见 docs/content-model.md'));
    return out;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    out.problems.push(problem(file, 2, 1, '-', 'front-matter-not-mapping', 'front matter 应为 “字段: 值” 的列表', '每行写一个字段，如 title: 课程名称'));
    return out;
  }
  out.data = data as Record<string, unknown>;
  return out;
}

/** Parses a whole YAML file (schools.yaml, taxonomy.yaml). */
export function parseYamlFile(file: string, bytes: Buffer): { data?: unknown; yaml?: YamlSource; problems: Diagnostic[] } {
  if (looksBinary(bytes)) return { problems: [problem(file, 1, 1, '-', 'not-text', '文件不是 UTF-8 文本')] };
  const yaml = new YamlSource(decode(bytes));
  const problems = yaml.doc.errors.map((error) => {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    return problem(file, pos.line, pos.col, '-', 'yaml-syntax', yamlMessage(error.message), '检查这一行及上一行的缩进、冒号后的空格和引号是否成对');
  });
  return { data: problems.length ? undefined : yaml.doc.toJS(), yaml, problems };
}
