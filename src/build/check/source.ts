/**
 * Reads content files the way an author wrote them: front matter split with
 * gray-matter, YAML read with js-yaml (the parser Astro uses, so the checker sees the
 * same data as the build) but with the core schema, so dates stay text and 2025-13-01
 * is caught instead of rolling over to 2026-01-01. Positions come from the `yaml`
 * library, parsed only when something has to be reported (it is seven times slower).
 */
import matter from 'gray-matter';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { FieldPath } from '../../shared/refs.ts';
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
      if (node?.range) {
        if (sub.length === path.length || sub.length === 0) return this.positionOfOffset(node.range[0]);
        // A missing child: point at its parent's key line.
        return this.locate(sub, { key: true });
      }
    }
    return { line: 1 + this.lineOffset, column: 1 };
  }

  /** The field path of the value written at `offset` of the YAML text (`['sources', 0, 'publisher']`). */
  pathAt(offset: number): FieldPath {
    const path: FieldPath = [];
    let node: unknown = this.doc.contents;
    for (;;) {
      let next: unknown;
      if (isMap(node)) {
        for (const pair of node.items) {
          const [start, end] = [(pair.key as YamlNode | null)?.range?.[0] ?? Infinity, (pair.value as YamlNode | null)?.range?.[1] ?? -1];
          if (isPair(pair) && isScalar(pair.key) && start <= offset && offset <= Math.max(end, start)) {
            path.push(String(pair.key.value));
            next = pair.value;
          }
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const range = (item as YamlNode | null)?.range;
          if (range && range[0] <= offset && offset <= range[1]) {
            path.push(i);
            next = item;
          }
        });
      }
      if (next === undefined) return path;
      node = next;
    }
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
  /** Offset in `text` of the YAML text the positions refer to (just after the opening `---`). */
  yamlOffset: number;
  /** The front matter as gray-matter handed it over (from the end of the opening `---`). */
  yamlText: string;
  /** The YAML document with positions, parsed on first use. */
  yaml: () => YamlSource | undefined;
  /** Problems found while reading (no further checks run on such a file's data). */
  problems: Diagnostic[];
}

const YAML_MESSAGES: Array<[RegExp, string]> = [
  [/Map keys must be unique|duplicated mapping key/i, '同一字段写了两次'],
  [
    /Implicit map keys need to be followed by map values|Nested mappings are not allowed|bad indentation|can not read a block mapping entry/i,
    '缩进或冒号有误（“字段: 值” 的冒号后要有空格，同级字段缩进要一致）',
  ],
  [/Missing closing "?quote|Missing closing|unexpected end of the stream within a (double|single) quoted scalar/i, '引号没有成对'],
  [/missed comma|Flow sequence|flow collection|Expected a comma/i, '方括号或花括号中的列表有误（项之间用逗号分隔，括号要成对）'],
  [/tab/i, 'YAML 中不能用 Tab 缩进，请改用空格'],
];

function yamlMessage(message: string): string {
  const known = YAML_MESSAGES.find(([re]) => re.test(message));
  return `YAML 语法错误：${known ? known[1] : message.split('\n')[0]}`;
}

const YAML_HINT = '检查这一行及上一行的缩进、冒号后的空格和引号是否成对；含冒号、# 或以 [ { 开头的文字请加引号';

/** Binary junk: NUL bytes, or bytes that are not UTF-8 (U+FFFD appears only after decoding). */
export function looksBinary(bytes: Buffer, decoded: string): boolean {
  if (bytes.includes(0)) return true;
  return decoded.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD'));
}

function problem(file: string, line: number, column: number, field: string, rule: string, message: string, hint?: string): Diagnostic {
  return { file, line, column, field, rule, message, hint, severity: 'error' };
}

/** Strips a BOM and turns CRLF (or a lone CR) into LF; line numbers are unchanged. */
export function decode(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The first problem of a YAML text, from js-yaml (what Astro would stumble on). */
function jsYamlError(error: unknown): { line: number; column: number; message: string } {
  if (error instanceof YAMLException && error.mark) {
    return { line: error.mark.line + 1, column: error.mark.column + 1, message: error.reason || error.message };
  }
  return { line: 1, column: 1, message: error instanceof Error ? error.message : String(error) };
}

/**
 * One precise YAML error per file: js-yaml's first error (later ones are mostly
 * consequences of it), placed better where js-yaml only notices at the end of the text
 * (an unclosed quote) or says something vague (a tab in the indentation).
 */
function yamlProblems(file: string, yamlText: string, error: unknown, yaml: () => YamlSource): Diagnostic[] {
  const lines = yamlText.split('\n');
  const tab = lines.findIndex((l) => /^[ ]*\t/.test(l));
  if (tab !== -1 && tab < jsYamlError(error).line) {
    return [
      problem(
        file,
        tab + 1,
        lines[tab].indexOf('\t') + 1,
        fieldNear(lines, tab),
        'yaml-syntax',
        'YAML 语法错误：YAML 中不能用 Tab 缩进，请改用空格',
        '把这一行开头的 Tab 换成空格（同级字段的缩进要一致）',
      ),
    ];
  }
  let { line, column, message } = jsYamlError(error);
  // js-yaml notices an unclosed quote or bracket only where the text ends: point at where it opened.
  const quote = /within a (double|single) quoted scalar/i.exec(message)?.[1];
  const opened = quote
    ? lastLine(lines, line - 1, (l) => (l.split(quote === 'double' ? '"' : "'").length - 1) % 2 === 1)
    : /flow collection|missed comma/i.test(message)
      ? lastLine(lines, line - 1, (l) => (l.match(/[[{]/g) ?? []).length > (l.match(/[\]}]/g) ?? []).length)
      : -1;
  if (opened !== -1) {
    line = opened + 1;
    column = 1;
  } else if (/end of the stream/i.test(message)) {
    const first = yaml().doc.errors[0]?.linePos?.[0];
    if (first && first.line < line) ({ line, col: column } = first);
  }
  const duplicate = /duplicated mapping key/i.test(message)
    ? /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:/.exec(lines[line - 1] ?? '')?.[1]
    : undefined;
  return [
    problem(
      file,
      line,
      column,
      duplicate ?? fieldNear(lines, line - 1),
      'yaml-syntax',
      yamlMessage(message),
      duplicate ? `删除其中一个 ${duplicate}（同一字段只能写一次）` : YAML_HINT,
    ),
  ];
}

/** The last line at or before `index` that satisfies `test`, or -1. */
function lastLine(lines: string[], index: number, test: (line: string) => boolean): number {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) if (test(lines[i])) return i;
  return -1;
}

/** The top-level field a YAML line belongs to (the nearest `key:` at the start of a line, at or above it). */
function fieldNear(lines: string[], index: number): string {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i])?.[1];
    if (key) return key;
  }
  return '-';
}

/**
 * Whether a YAML text may hold an anchor (`&a`) or an alias (`*a`). Both can only start
 * a node: at the start of a line, or after a space, `[`, `{`, `,` or (after a quoted
 * key in braces) `:`. So a text without `&` or `*` in such a place has none, and almost
 * every file skips the second, slower parse of {@link aliasProblems}.
 */
export function mayHaveAliases(yamlText: string): boolean {
  if (!yamlText.includes('&') && !yamlText.includes('*')) return false;
  return /(?:^|[\s[{,:])[&*]/m.test(yamlText);
}

const MAX_ALIAS_REPORTS = 10;

/**
 * Anchors and aliases are refused: this content never needs them, and a few aliases of
 * a long anchored text make a front matter that js-yaml reads in a millisecond (it
 * shares the value) but that anything walking or serialising the data — Astro's data
 * store, for one — expands to gigabytes. One error per anchor name, at its first alias
 * (or at the anchor when it is never used), at most 10 per file.
 */
export function aliasProblems(file: string, yamlText: string, yaml: YamlSource): Diagnostic[] {
  const names = new Map<string, { anchor?: number; alias?: number; uses: number }>();
  const named = (name: string) => names.get(name) ?? names.set(name, { uses: 0 }).get(name)!;
  visit(yaml.doc, {
    Node(_, node) {
      const start = node.range?.[0];
      if (start === undefined) return;
      if (isAlias(node)) {
        const seen = named(node.source);
        seen.uses++;
        seen.alias ??= start;
      } else if (node.anchor) {
        // The node's range starts at its value: the `&name` is just before it.
        const at = yamlText.lastIndexOf(`&${node.anchor}`, start);
        named(node.anchor).anchor ??= at === -1 ? start : at;
      }
    },
  });
  const out: Diagnostic[] = [];
  for (const [name, { anchor, alias, uses }] of names) {
    if (out.length === MAX_ALIAS_REPORTS) {
      out[out.length - 1].message += `（本文件还有 ${names.size - MAX_ALIAS_REPORTS} 个锚点或别名未列出）`;
      break;
    }
    const offset = alias ?? anchor!;
    const pos = yaml.positionOfOffset(offset);
    const path = yaml.pathAt(offset);
    const field = path.length ? path.join('.') : fieldNear(yamlText.split('\n'), pos.line - 1);
    const anchorLine = anchor === undefined ? undefined : yaml.positionOfOffset(anchor).line;
    const message =
      alias === undefined
        ? `不能使用 YAML 锚点 &${name}：内容文件中不允许锚点和别名`
        : `不能使用 YAML 别名 *${name}${uses > 1 ? `（共 ${uses} 处）` : ''}${anchorLine === undefined ? '' : `，它引用第 ${anchorLine} 行的锚点 &${name}`}：内容文件中不允许锚点和别名`;
    const hint =
      alias === undefined
        ? `删除 &${name}；如果 & 本是文字的一部分，请给整个值加上引号`
        : `把值直接写出来：${anchor === undefined ? '' : `删除 &${name}，`}在用到 *${name} 的地方写完整的值；如果 * 本是文字的一部分，请给整个值加上引号`;
    out.push(problem(file, pos.line, pos.column, field, 'yaml-alias', message, hint));
  }
  return out;
}

const NOT_YAML = (language: string) => () => {
  throw new Error(`front matter 只能用 YAML（不支持 ${language}）`);
};

/** Parses a Markdown entry: front matter (required) and body. */
export function parseEntryFile(file: string, bytes: Buffer): ParsedFile {
  const out: ParsedFile = { file, body: '', text: '', bodyLine: 1, yamlOffset: 0, yamlText: '', yaml: () => undefined, problems: [] };
  const raw = bytes.toString('utf8');
  if (raw.replace(/^\uFEFF/, '').trim() === '') {
    out.problems.push(
      problem(
        file,
        1,
        1,
        '-',
        'empty-file',
        '文件是空的',
        '用 npm run new -- <库> <id> 生成带全部必填字段的模板，或参照 docs/content-model.md 填写 front matter 和正文',
      ),
    );
    return out;
  }
  if (looksBinary(bytes, raw)) {
    out.problems.push(
      problem(
        file,
        1,
        1,
        '-',
        'not-text',
        '文件不是 UTF-8 文本（可能是二进制文件，或用 GBK 等其他编码保存）',
        '请用 UTF-8 编码保存；图片等附件不要用 .md 扩展名',
      ),
    );
    return out;
  }
  if (/\r(?!\n)/.test(raw)) {
    const line = raw.slice(0, raw.search(/\r(?!\n)/)).split(/\r\n|\n/).length;
    out.problems.push(
      problem(
        file,
        line,
        1,
        '-',
        'bad-line-endings',
        '文件用了旧式的 CR 换行符',
        '用编辑器把换行符改为 LF 或 CRLF（VS Code 右下角可切换）',
      ),
    );
    return out;
  }
  const text = decode(raw);
  out.text = text;
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  if (!/^---[ \t]*$/.test(firstLine)) {
    // `---js` front matter would be run as JavaScript by gray-matter: never hand it over.
    const hint = /^---\s*\S/.test(firstLine)
      ? 'front matter 只能用 YAML：第一行只写 ---，不要在后面加语言名'
      : /^\s*$/.test(firstLine) && /^\s*---/.test(text)
        ? '删除 --- 之前的空行：第一行必须是 ---'
        : '在第一行写 ---，接着写字段（title: …），再以一行 --- 结束，正文写在其后';
    out.problems.push(problem(file, 1, 1, '-', 'missing-front-matter', '缺少 front matter：文件应以单独一行 “---” 开头', hint));
    return out;
  }
  const close = /\n---[ \t]*(\n|$)/.exec(text.slice(firstLine.length));
  if (!close) {
    out.problems.push(
      problem(file, 1, 1, '-', 'unclosed-front-matter', 'front matter 没有结束：找不到第二个 “---” 行', '在字段之后、正文之前加一行 ---'),
    );
    return out;
  }
  // gray-matter hands the engine everything after the opening `---`, including the rest of line 1.
  out.yamlOffset = 3;
  let yamlText = '';
  let data: unknown;
  let failure: unknown;
  const parsed = matter(text, {
    language: 'yaml',
    engines: {
      yaml: (source: string) => {
        yamlText = source;
        try {
          data = load(source, { schema: CORE_SCHEMA, filename: file });
        } catch (error) {
          failure = error;
        }
        return {};
      },
      js: NOT_YAML('JavaScript'),
      javascript: NOT_YAML('JavaScript'),
      coffee: NOT_YAML('CoffeeScript'),
      json: NOT_YAML('JSON'),
    },
  } as Parameters<typeof matter>[1]);
  out.body = parsed.content;
  out.bodyLine = text.slice(0, text.length - parsed.content.length).split('\n').length;
  let yaml: YamlSource | undefined;
  out.yamlText = yamlText;
  out.yaml = () => (yaml ??= new YamlSource(yamlText, 0));
  // Checked before the data is used: later rules walk it, and must never meet an alias bomb.
  const aliases = mayHaveAliases(yamlText) ? aliasProblems(file, yamlText, out.yaml()!) : [];
  if (aliases.length) {
    out.problems.push(...aliases);
    return out;
  }
  if (failure !== undefined) {
    out.problems.push(...yamlProblems(file, yamlText, failure, () => out.yaml()!));
    return out;
  }
  if (data === null || data === undefined) {
    out.problems.push(
      problem(
        file,
        2,
        1,
        '-',
        'empty-front-matter',
        'front matter 是空的',
        '至少填写该库的必填字段（见 docs/content-model.md），或用 npm run new 生成模板',
      ),
    );
    return out;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    out.problems.push(
      problem(file, 2, 1, '-', 'front-matter-not-mapping', 'front matter 应为 “字段: 值” 的列表', '每行写一个字段，如 title: 课程名称'),
    );
    return out;
  }
  out.data = data as Record<string, unknown>;
  return out;
}

/** Parses a whole YAML file (schools.yaml, taxonomy.yaml). */
export function parseYamlFile(file: string, bytes: Buffer): { data?: unknown; yaml?: YamlSource; text: string; problems: Diagnostic[] } {
  const raw = bytes.toString('utf8');
  if (looksBinary(bytes, raw))
    return { text: '', problems: [problem(file, 1, 1, '-', 'not-text', '文件不是 UTF-8 文本', '请用 UTF-8 编码保存')] };
  const text = decode(raw);
  const yaml = new YamlSource(text);
  const aliases = mayHaveAliases(text) ? aliasProblems(file, text, yaml) : [];
  if (aliases.length) return { yaml, text, problems: aliases };
  try {
    return { data: load(text, { schema: CORE_SCHEMA, filename: file }), yaml, text, problems: [] };
  } catch (error) {
    return { yaml, text, problems: yamlProblems(file, text, error, () => yaml) };
  }
}
