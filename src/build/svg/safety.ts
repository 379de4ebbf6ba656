/**
 * Whether an SVG file is only a drawing. The file is parsed the way a browser opening it
 * directly does — as namespaced XML (sax, strict) — and every element and attribute is
 * held to svg-allowlist.ts: what is not listed is a problem, and so is anything that
 * runs script, embeds a page or loads from elsewhere. A file the parser cannot read is
 * refused too (a browser shows what it parsed before the error, script included).
 * Used by the content checker (with the entry's position) and by the build's output
 * guard (every built .svg), so both refuse the same files.
 */
import sax from 'sax';
import { LineIndex } from '../check/line-index.ts';
import {
  DATA_IMAGE,
  IMAGE_HREF_ELEMENTS,
  METADATA_NAMESPACES,
  NAMESPACED_ATTRIBUTES,
  SVG_ATTRIBUTES,
  SVG_DOCTYPE,
  SVG_ELEMENTS,
  SVG_NS,
  XLINK_NS,
  XML_NS,
  XMLNS_NS,
} from './allowlist.ts';

export type SvgProblemKind =
  | 'syntax'
  | 'not-svg'
  | 'script'
  | 'event'
  | 'embed'
  | 'script-url'
  | 'external'
  | 'doctype'
  | 'entity'
  | 'css'
  | 'element'
  | 'attribute';

/** One thing an SVG file may not contain, with where it is (1-based). */
export interface SvgProblem {
  kind: SvgProblemKind;
  line: number;
  column: number;
  /** What was found, in Chinese, e.g. `脚本 <script>`. */
  what: string;
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const ANIMATION = new Set(['animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor', 'discard', 'mpath']);

const shorten = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** A value with what a URL parser ignores removed: control characters and spaces. */
// eslint-disable-next-line no-control-regex
const squeeze = (value: string) => value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();

/** Whether a value carries a script URL, however it is spaced or cased. */
function hasScriptUrl(value: string): boolean {
  const v = squeeze(value);
  return v.includes('javascript:') || v.includes('vbscript:');
}

/** CSS as the browser reads it: comments gone, escapes (`\75 rl(`) decoded. */
function decodeCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-fA-F]{1,6})\s?|\\([^\n])/g, (_, hex: string | undefined, ch: string | undefined) => {
      if (hex === undefined) return ch ?? '';
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    });
}

/** What a piece of CSS (a style sheet, a style attribute or a presentation value) loads or runs. */
function cssProblems(raw: string): Array<{ kind: SvgProblemKind; what: string; needle: string }> {
  if (!/[@(:\\]/.test(raw)) return [];
  const css = decodeCss(raw).toLowerCase();
  const out: Array<{ kind: SvgProblemKind; what: string; needle: string }> = [];
  if (css.includes('@import')) out.push({ kind: 'css', what: '@import 样式（加载外部样式表）', needle: '@import' });
  // Only references into the same file (`url(#gradient)`) draw without loading anything.
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)|url\(/g)) {
    const target = m[2] === undefined ? '' : m[2].trim();
    if (m[2] === undefined || !target.startsWith('#')) out.push({ kind: 'external', what: `外部引用 ${shorten(m[0])}`, needle: 'url(' });
  }
  if (/image-set\s*\(|(^|[^a-z-])src\s*\(/.test(css)) out.push({ kind: 'external', what: '外部引用 image-set()/src()', needle: 'image' });
  if (/expression\s*\(|-moz-binding|behavior\s*:/.test(css))
    out.push({ kind: 'css', what: '会执行代码的样式（expression、binding）', needle: css.includes('expression') ? 'expression' : 'b' });
  return out;
}

/** How a refused element is described. */
function elementWhat(name: string, local: string, uri: string): { kind: SvgProblemKind; what: string } {
  const lower = local.toLowerCase();
  if (lower === 'script') return { kind: 'script', what: `脚本 <${name}>` };
  if (lower === 'foreignobject') return { kind: 'embed', what: `嵌入网页的 <${name}>` };
  if (['iframe', 'embed', 'object', 'frame', 'frameset', 'portal'].includes(lower)) return { kind: 'embed', what: `嵌入网页的 <${name}>` };
  if (ANIMATION.has(lower)) return { kind: 'element', what: `动画元素 <${name}>（可把链接改写为脚本）` };
  if (uri === XHTML_NS) return { kind: 'element', what: `HTML 元素 <${name}>` };
  if (uri !== SVG_NS) return { kind: 'element', what: `不属于 SVG 的元素 <${name}>` };
  return { kind: 'element', what: `不允许的元素 <${name}>` };
}

/** Problems with an href: only `#fragment`, or an inline raster image on <image>/<feImage>. */
function hrefProblem(name: string, value: string, element: string): { kind: SvgProblemKind; what: string } | undefined {
  // eslint-disable-next-line no-control-regex
  const url = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (url.startsWith('#')) return undefined;
  if (IMAGE_HREF_ELEMENTS.has(element) && DATA_IMAGE.test(url)) return undefined;
  if (hasScriptUrl(url)) return { kind: 'script-url', what: `javascript: 链接（${name}）` };
  return { kind: 'external', what: `外部引用 ${name}="${shorten(url)}"` };
}

class Abort extends Error {}

/** Every problem of an SVG file's text, in document order. An empty list means it only draws. */
export function checkSvg(source: string): SvgProblem[] {
  const text = source.replace(/^\uFEFF/, '');
  const lines = new LineIndex(text);
  const lower = text.toLowerCase();
  const problems: SvgProblem[] = [];
  const add = (kind: SvgProblemKind, offset: number, what: string) =>
    problems.push({ kind, what, ...lines.position(Math.max(0, Math.min(offset, text.length))) });
  /** Where `needle` first appears from `from` on (case-insensitive), else `from`. */
  const find = (needle: string, from: number, to = text.length) => {
    const at = lower.indexOf(needle.toLowerCase(), from);
    return at === -1 || at > to ? from : at;
  };

  /** Where an attribute's name starts inside its tag (`<rect r="1">`: not the r of rect). */
  const attributeAt = (name: string, from: number, to: number) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`\\s${escaped}\\s*=`).exec(text.slice(from, to));
    return m ? from + m.index + 1 : from;
  };

  const parser = sax.parser(true, { xmlns: true, strictEntities: true });
  /** Per open element: for a <style>, its CSS so far (checked whole when it closes). */
  const open: Array<{ css?: { text: string; start: number } }> = [];
  let sawRoot = false;
  let markupEnd = 0;
  const tagStart = () => Math.max(0, parser.startTagPosition - 1);
  // sax hands long text over in chunks: text is joined up to the next markup and checked
  // as one run, so a payload split at a chunk boundary is still seen whole.
  let run = '';
  let runStart = 0;
  const flush = () => {
    if (run && hasScriptUrl(run)) add('script-url', find('script:', runStart), 'javascript: 文字');
    run = '';
  };
  const onText = (value: string, from: number) => {
    if (!run) runStart = from;
    run += value;
    for (let i = open.length - 1; i >= 0; i--) {
      const css = open[i].css;
      if (css) {
        css.text += value;
        break;
      }
    }
  };

  parser.onerror = (error) => {
    add('syntax', lines.offset(parser.line + 1, parser.column + 1), `无法解析的 XML（${error.message.split('\n')[0]}）`);
    throw new Abort();
  };
  parser.onprocessinginstruction = (pi) => {
    flush();
    // <?xml-stylesheet?> loads CSS or XSLT (which can run script); only the XML declaration may stay.
    if (pi.name.toLowerCase() !== 'xml') add('external', tagStart(), `处理指令 <?${pi.name}?>`);
    markupEnd = parser.position;
  };
  parser.ondoctype = (doctype) => {
    flush();
    if (/<!ENTITY/i.test(doctype)) add('entity', find('<!entity', tagStart()), '实体声明 <!ENTITY>');
    else if (!SVG_DOCTYPE.test(doctype)) add('doctype', tagStart(), '文档类型声明 <!DOCTYPE>');
    markupEnd = parser.position;
  };
  parser.onsgmldeclaration = (decl) => {
    flush();
    add(
      /^entity/i.test(decl) ? 'entity' : 'doctype',
      tagStart(),
      /^entity/i.test(decl) ? '实体声明 <!ENTITY>' : `声明 <!${shorten(decl.split(/\s/)[0])}>`,
    );
    markupEnd = parser.position;
  };
  parser.oncomment = (comment) => {
    flush();
    if (hasScriptUrl(comment)) add('script-url', find('script', tagStart()), 'javascript: 文字');
    markupEnd = parser.position;
  };
  parser.ontext = (value) => onText(value, markupEnd);
  parser.oncdata = (value) => onText(value, tagStart());
  parser.onopentag = (tag) => {
    flush();
    const start = tagStart();
    const end = parser.position;
    const badRoot = !sawRoot && !(tag.uri === SVG_NS && tag.local === 'svg');
    if (badRoot)
      add(
        'not-svg',
        start,
        tag.local === 'svg'
          ? '没有声明 SVG 命名空间的 <svg>（缺少 xmlns="http://www.w3.org/2000/svg"）'
          : `根元素 <${tag.name}>（不是 SVG 文件）`,
      );
    sawRoot = true;
    const isSvg = tag.uri === SVG_NS && SVG_ELEMENTS.has(tag.local);
    const isMetadata = METADATA_NAMESPACES.has(tag.uri);
    if (!isSvg && !isMetadata && !badRoot) {
      const { kind, what } = elementWhat(tag.name, tag.local, tag.uri);
      add(kind, start, what);
    }
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === XMLNS_NS) continue; // a namespace declaration names a namespace, it loads nothing
      const at = attributeAt(a.name, start, end);
      if (/^on/i.test(a.local)) {
        add('event', at, `事件属性 ${a.name}`);
        continue;
      }
      if (a.local === 'href' && (a.uri === '' || a.uri === XLINK_NS)) {
        const problem = hrefProblem(a.name, a.value, isMetadata ? '' : tag.local);
        if (problem) add(problem.kind, at, problem.what);
        continue;
      }
      if (hasScriptUrl(a.value)) {
        add('script-url', at, `javascript: 链接（${a.name}）`);
        continue;
      }
      const css = cssProblems(a.value);
      for (const p of css) add(p.kind, at, `${p.what}（${a.name} 属性）`);
      if (css.length) continue;
      const listed = isSvg
        ? (a.uri === '' && SVG_ATTRIBUTES.has(a.local)) ||
          NAMESPACED_ATTRIBUTES.has(`${a.uri} ${a.local}`) ||
          METADATA_NAMESPACES.has(a.uri)
        : isMetadata && (a.uri === '' || a.uri === XML_NS || METADATA_NAMESPACES.has(a.uri));
      // On a refused element its attributes need no report of their own.
      if (!listed && (isSvg || isMetadata)) add('attribute', at, `不允许的属性 ${a.name}`);
    }
    open.push(tag.uri === SVG_NS && tag.local === 'style' ? { css: { text: '', start: end } } : {});
    markupEnd = end;
  };
  parser.onclosetag = () => {
    flush();
    const css = open.pop()?.css;
    if (css) {
      // Each finding placed after the previous one with the same needle (two url()s, two lines).
      const after = new Map<string, number>();
      for (const p of cssProblems(css.text)) {
        const at = find(p.needle, after.get(p.needle) ?? css.start, parser.position);
        after.set(p.needle, at + 1);
        add(p.kind, at, p.what);
      }
    }
    markupEnd = parser.position;
  };

  try {
    parser.write(text).close();
    flush();
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
  }
  if (!sawRoot && !problems.some((p) => p.kind === 'syntax')) add('not-svg', 0, '没有 <svg> 元素（不是 SVG 文件）');
  return problems;
}

/** Most telling first: a reader should see "script" before "unknown attribute". */
const RANK: SvgProblemKind[] = [
  'script',
  'event',
  'embed',
  'script-url',
  'entity',
  'css',
  'external',
  'doctype',
  'element',
  'attribute',
  'not-svg',
  'syntax',
];

/** Problems as one line, most serious first: `脚本 <script>（第 3 行）、事件属性 onload（第 5 行）等 4 处问题`. */
export function describeSvgProblems(problems: SvgProblem[], max = 3): string {
  const sorted = [...problems].sort((a, b) => RANK.indexOf(a.kind) - RANK.indexOf(b.kind));
  const shown = sorted
    .slice(0, max)
    .map((p) => `${p.what}（第 ${p.line} 行）`)
    .join('、');
  return problems.length > max ? `${shown}等 ${problems.length} 处问题` : shown;
}
