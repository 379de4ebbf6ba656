/**
 * Bodies may not run code in a reader's browser or at build time.
 *
 * Markdown (.md) passes raw HTML through, so the body is rendered with the same
 * Markdown engine as the site (satteri, GFM and smart punctuation, as Astro does), the
 * HTML is parsed like a browser would, and every element is held to html-policy.ts.
 * Checking the rendered result rather than the source closes the tricks a source scan
 * misses: entity-encoded schemes (`jav&#x09;ascript:`), upper case (`JAVASCRIPT:`),
 * tags split over lines, attributes that only appear once two HTML blocks join.
 *
 * MDX (.mdx) runs code at build time: contributed MDX may use the allow-listed
 * components only (no import needed), no import/export and no {expressions}; its
 * HTML-like tags are held to the same policy.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { LineIndex } from '../line-index.ts';
import { ALLOWED_ELEMENTS, isAllowedAttribute } from '../../../shared/markdown/html-allowlist.ts';
import { attributeName, checkElement, checkUrl, FORBIDDEN_ELEMENTS, normalizeUrl, type Finding } from './html-policy.ts';

/** Components MDX entries may use (provided by the site, see src/components/mdx/), and their props. */
export const MDX_COMPONENTS: Record<string, Record<string, readonly string[] | null>> = {
  /** An aside note box: `<Callout type="tip" title="…">…</Callout>`. */
  Callout: { type: ['note', 'tip', 'warning'], title: null },
};

/** A Markdown image in a body, for the asset checks (files next to the entry). */
export interface BodyImage {
  url: string;
  line: number;
  column: number;
}

export interface BodyScan {
  diagnostics: Diagnostic[];
  images: BodyImage[];
}

type Satteri = typeof import('satteri');
let satteri: Promise<Satteri> | undefined;
/** The native Markdown engine loads only when a body needs it. */
const loadSatteri = () => (satteri ??= import('satteri'));

/** What Astro's Markdown pipeline enables by default. */
const FEATURES = { gfm: true, smartPunctuation: true } as const;

const SENTINEL = '<b data-siku-end=""></b>';

interface Node {
  type: string;
  value?: string;
  url?: string;
  name?: string | null;
  identifier?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: Node[];
  position?: { start: { line: number; column: number } };
}

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
}

/** The body text's positions, shifted to the file's lines. */
class BodyPositions {
  private readonly index: LineIndex;
  private readonly lower: string;
  readonly bodyLine: number;

  constructor(body: string, bodyLine: number) {
    this.index = new LineIndex(body, bodyLine);
    this.lower = body.toLowerCase();
    this.bodyLine = bodyLine;
  }

  /** A node's start in file lines. */
  of(node: Node): { line: number; column: number } {
    const start = node.position?.start;
    return start ? { line: start.line + this.bodyLine - 1, column: start.column } : { line: this.bodyLine, column: 1 };
  }

  /** Where `needle` first appears in `from`…`to` (case-insensitive), if it does. */
  find(needle: string, from = 0, to = Infinity): { line: number; column: number } | undefined {
    if (!needle) return undefined;
    const at = this.lower.indexOf(needle.toLowerCase(), from);
    return at === -1 || at > to ? undefined : this.index.position(at);
  }

  offsetOf(node: Node): number {
    const start = node.position?.start;
    return start ? this.index.offset(start.line + this.bodyLine - 1, start.column) : 0;
  }
}

function diagnostic(
  file: string,
  pos: { line: number; column: number },
  finding: { rule: string; message: string; hint: string },
): Diagnostic {
  // Markup outside the allow-list is harmless but does not survive rendering: the author should know, nothing more.
  const severity = finding.rule === UNSUPPORTED ? 'warning' : 'error';
  return { file, ...pos, field: 'body', severity, rule: finding.rule, message: finding.message, hint: finding.hint };
}

const UNSUPPORTED = 'unsupported-html' as const;

/**
 * What the render-time policy (src/build/markdown/) will strip although it is safe: an
 * element or attribute outside the allow-list. Said here so that nothing is lost unseen.
 */
function unsupported(tagName: string, attributes: Array<[string, string]>): Finding[] {
  const tag = tagName.toLowerCase();
  if (FORBIDDEN_ELEMENTS.has(tag)) return [];
  if (!ALLOWED_ELEMENTS.has(tag)) {
    return [
      {
        rule: UNSUPPORTED,
        message: `正文中的 <${tag}> 不在允许的 HTML 中，发布时只保留其中的文字`,
        hint: '改用 Markdown 写法或允许的 HTML（见 docs/authoring.md），或删除这个标签',
        needle: `<${tag}`,
      },
    ];
  }
  return attributes
    .filter(([name]) => !isAllowedAttribute(tag, name.toLowerCase()) && !name.toLowerCase().startsWith('on'))
    .map(([name]) => ({
      rule: UNSUPPORTED,
      message: `<${tag}> 的 ${name} 属性发布时会被去掉（不在允许的属性中）`,
      hint: '删除这个属性',
      needle: name,
    }));
}

/** Checks one body. `isMdx` selects the MDX rules. */
export async function scanBody(file: string, body: string, bodyLine: number, isMdx: boolean): Promise<BodyScan> {
  if (isMdx) return scanMdx(file, body, bodyLine, await loadSatteri());
  // No `<` and no `]`: no HTML, no links, no images: nothing to render.
  if (!/[<\]]/.test(body)) return { diagnostics: [], images: [] };
  return scanMarkdown(file, body, bodyLine, await loadSatteri());
}

/** What the rendered body holds that breaks the policy, before anything is placed in the source. */
function renderedFindings(body: string, s: Satteri): { findings: Finding[]; closed: boolean } {
  const { html } = s.markdownToHtml(body, { features: FEATURES });
  const rendered = s.htmlToHast(html + SENTINEL, { fragment: true }) as unknown as Node;
  const findings: Finding[] = [];
  let closed = false;
  for (const node of walk(rendered)) {
    if (node.type !== 'element' || !node.tagName) continue;
    const props = node.properties ?? {};
    if (node.tagName === 'b' && 'dataSikuEnd' in props) {
      closed = true;
      continue;
    }
    const attributes: Array<[string, string]> = Object.entries(props).map(([k, v]) => [
      attributeName(k),
      Array.isArray(v) ? v.join(' ') : v === true ? '' : String(v),
    ]);
    const unsafe = checkElement(node.tagName, attributes);
    findings.push(...unsafe);
    // Attributes already refused as unsafe need no second word.
    findings.push(...unsupported(node.tagName, attributes).filter((u) => !unsafe.some((f) => f.needle === u.needle)));
  }
  return { findings, closed };
}

/** The page-level tags a fragment parser silently drops, but a browser merges into the page. */
const PAGE_TAGS = /<\s*(html|head|body|frameset)\b/gi;

function scanMarkdown(file: string, body: string, bodyLine: number, s: Satteri): BodyScan {
  const { findings, closed } = renderedFindings(body, s);
  // The Markdown tree is needed only to place problems and to find images: most bodies need neither.
  if (findings.length === 0 && closed && !body.includes('![') && body.search(PAGE_TAGS) === -1) return { diagnostics: [], images: [] };

  const positions = new BodyPositions(body, bodyLine);
  const tree = s.markdownToMdast(body, { features: FEATURES }) as unknown as Node;
  const htmlNodes: Node[] = [];
  const urlNodes: Node[] = [];
  const images: BodyImage[] = [];
  const definitions = new Map<string, string>();
  for (const node of walk(tree)) {
    if (node.type === 'html') htmlNodes.push(node);
    else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') urlNodes.push(node);
    if (node.type === 'definition' && node.identifier && node.url !== undefined) definitions.set(node.identifier, node.url);
  }
  for (const node of walk(tree)) {
    const url = node.type === 'image' ? node.url : node.type === 'imageReference' ? definitions.get(node.identifier ?? '') : undefined;
    if (url !== undefined) images.push({ url, ...positions.of(node) });
  }

  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (finding: Pick<Finding, 'rule' | 'message' | 'hint'>, pos: { line: number; column: number }) => {
    const key = `${finding.rule}|${finding.message}|${pos.line}|${pos.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(diagnostic(file, pos, finding));
  };
  /** Where a node's text lies in the body (its value loses container prefixes such as `> `: allow slack). */
  const extent = (node: Node): [number, number] => {
    const from = positions.offsetOf(node);
    return [from, from + (node.value?.length ?? 0) * 2 + 8];
  };
  /** Places a finding: the Markdown link with that URL, else the HTML that holds the needle. */
  const place = (finding: Finding): { line: number; column: number } => {
    if (finding.url !== undefined) {
      const link = urlNodes.find((n) => n.url === finding.url);
      if (link) return positions.of(link);
      // Written with entities or odd spacing: the first HTML holding the attribute and the URL's start.
      const start = normalizeUrl(finding.url).slice(0, 3).toLowerCase();
      const holder = htmlNodes.find((n) => {
        const value = (n.value ?? '').toLowerCase();
        return value.includes(`${finding.attribute}`) && value.includes(start);
      });
      const pos = holder && positions.find(finding.attribute ?? '', ...extent(holder));
      if (pos) return pos;
    }
    for (const node of htmlNodes) {
      const pos = positions.find(finding.needle, ...extent(node));
      if (pos) return pos;
    }
    return positions.find(finding.needle) ?? (htmlNodes[0] ? positions.of(htmlNodes[0]) : { line: bodyLine, column: 1 });
  };

  for (const node of htmlNodes) {
    for (const m of (node.value ?? '').matchAll(PAGE_TAGS)) {
      report(
        { rule: 'unsafe-html', message: `正文中不允许 <${m[1].toLowerCase()}> 元素`, hint: '删除这段代码' },
        positions.find(m[0], ...extent(node)) ?? positions.of(node),
      );
    }
  }
  for (const finding of findings) report(finding, place(finding));
  if (!closed) {
    const last = htmlNodes[htmlNodes.length - 1];
    report(
      {
        rule: 'unsafe-html',
        message: '正文中的 HTML 没有结束（标签、引号或注释未闭合），会吞掉页面的其余部分',
        hint: '检查 < > 和引号是否成对；只想显示 < 符号时请写成 &lt;',
      },
      last ? positions.of(last) : { line: bodyLine, column: 1 },
    );
  }
  return { diagnostics: out, images };
}

function mdxErrorPosition(message: string, bodyLine: number): { line: number; column: number } {
  const m = /^(\d+):(\d+)/.exec(message);
  return m ? { line: Number(m[1]) + bodyLine - 1, column: Number(m[2]) } : { line: bodyLine, column: 1 };
}

function scanMdx(file: string, body: string, bodyLine: number, s: Satteri): BodyScan {
  const positions = new BodyPositions(body, bodyLine);
  let tree: Node;
  try {
    tree = s.mdxToMdast(body, { features: FEATURES }) as unknown as Node;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      diagnostics: [
        diagnostic(file, mdxErrorPosition(message, bodyLine), {
          rule: 'mdx-syntax',
          message: `MDX 语法错误：${message.replace(/^\d+:\d+:\s*/, '')}`,
          hint: 'MDX 中 < 和 { 有特殊含义：标签要成对闭合，只想显示这两个符号时请写成 \\< 和 \\{（或改用 .md 文件）',
        }),
      ],
      images: [],
    };
  }
  const out: Diagnostic[] = [];
  const images: BodyImage[] = [];
  const components = Object.keys(MDX_COMPONENTS);
  const add = (node: Node, rule: Finding['rule'] | 'mdx-statement' | 'mdx-expression' | 'mdx-component', message: string, hint: string) =>
    out.push({ file, ...positions.of(node), field: 'body', severity: rule === UNSUPPORTED ? 'warning' : 'error', rule, message, hint });
  for (const node of walk(tree)) {
    switch (node.type) {
      case 'mdxjsEsm': {
        const keyword = /^\s*export\b/.test(node.value ?? '') ? 'export' : 'import';
        add(node, 'mdx-statement', `MDX 条目中不允许 ${keyword} 语句`, `可直接使用的组件：${components.join('、')}，无需 import`);
        break;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        add(node, 'mdx-expression', 'MDX 条目中不允许 {表达式}', '如需显示花括号，请写成 \\{');
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkJsxElement(node, add);
        break;
      case 'link':
      case 'definition':
      case 'image': {
        const finding = checkUrl(node.type === 'image' ? 'src' : 'href', node.url ?? '', node.type === 'image' ? 'resource' : 'link');
        if (finding) add(node, finding.rule, finding.message, finding.hint);
        if (node.type === 'image' && node.url !== undefined) images.push({ url: node.url, ...positions.of(node) });
        break;
      }
    }
  }
  return { diagnostics: out, images };
}

type Add = (node: Node, rule: Finding['rule'] | 'mdx-expression' | 'mdx-component', message: string, hint: string) => void;

function checkJsxElement(node: Node, add: Add) {
  const name = node.name;
  if (name === null || name === undefined) return; // a fragment <>…</> renders nothing of its own
  const attributes = node.attributes ?? [];
  const plain: Array<[string, string]> = [];
  for (const attribute of attributes) {
    if (
      attribute.type !== 'mdxJsxAttribute' ||
      (attribute.value !== null && attribute.value !== undefined && typeof attribute.value !== 'string')
    ) {
      add(node, 'mdx-expression', `MDX 条目中不允许 {表达式}（<${name}> 的属性）`, '属性值请写成带引号的文字，如 title="注意"');
      continue;
    }
    plain.push([attribute.name ?? '', typeof attribute.value === 'string' ? attribute.value : '']);
  }
  const component = MDX_COMPONENTS[name];
  if (component) {
    for (const [prop, value] of plain) {
      if (!(prop in component)) {
        add(node, 'mdx-component', `组件 <${name}> 没有 ${prop} 属性`, `可用属性：${Object.keys(component).join('、')}`);
      } else if (component[prop] && !component[prop]!.includes(value)) {
        add(
          node,
          'mdx-component',
          `<${name}> 的 ${prop} 应为 ${component[prop]!.join('、')} 之一`,
          `如 <${name} ${prop}="${component[prop]![0]}">`,
        );
      }
    }
    return;
  }
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    add(node, 'mdx-component', `MDX 条目中不允许使用组件 <${name}>`, `可用组件：${Object.keys(MDX_COMPONENTS).join('、')}（无需 import）`);
    return;
  }
  // Attribute names with a colon (set:html, client:load) are Astro directives: checkElement refuses them.
  const unsafe = checkElement(name, plain);
  for (const finding of unsafe) add(node, finding.rule, finding.message, finding.hint);
  for (const finding of unsupported(name, plain))
    if (!unsafe.some((f) => f.needle === finding.needle)) add(node, finding.rule, finding.message, finding.hint);
}
