/**
 * The body HTML policy applied to a rendered tree (hast), element by element. Kept:
 * allow-listed elements (html-allowlist.ts) with allow-listed attributes whose values
 * html-policy.ts — the checker's own rules — finds nothing wrong with. Removed with their
 * content: elements html-policy.ts forbids (script, iframe, style, svg, form…), comments.
 * Unwrapped (content kept, tag dropped): other unknown elements. MDX: only the site's
 * components (MDX_COMPONENTS, i.e. <Callout>) with their listed props; lower-case JSX
 * is treated as the HTML it renders; other components, import/export and {expressions}
 * are removed.
 *
 * Raw HTML (Markdown passes it through as `raw` nodes, a tag per node — `<b x>` and
 * `</b>` apart) is first serialised together with the tree and parsed again as a whole,
 * the way the browser will read the page, so a tag split over two nodes is judged as
 * the one element it becomes. Pure: the HTML parser is passed in.
 */
import { attributeName, checkElement, FORBIDDEN_ELEMENTS } from '../check/rules/html-policy.ts';
import { MDX_COMPONENTS } from '../check/rules/unsafe-markup.ts';
import { ALLOWED_ELEMENTS, isAllowedAttribute } from '../../shared/markdown/html-allowlist.ts';

/** The parts of hast (and of Sätteri's MDX hast nodes) the policy looks at. */
export interface HastLike {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  value?: string;
  name?: string | null;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: HastLike[];
  data?: unknown;
}

/** Parses an HTML fragment into a hast root (Sätteri's `htmlToHast(html, { fragment: true })`). */
export type ParseHtml = (html: string) => HastLike;

export interface Sanitized {
  tree: HastLike;
  /** Whether anything was removed or reparsed (an unchanged tree need not be written back). */
  changed: boolean;
  /** What was removed, for the build log: `<script>`, `onclick 属性`, `{表达式}`… */
  removed: string[];
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** A hast property name as the HTML attribute it becomes (`ariaDescribedBy` → `aria-describedby`). */
export function htmlAttributeName(property: string): string {
  if (/^aria[A-Z]/.test(property)) return `aria-${property.slice(4).toLowerCase()}`;
  return attributeName(property);
}

/** A property value as attribute text, or undefined when the attribute is absent. */
function attributeText(value: unknown): string | undefined {
  if (value === false || value === null || value === undefined) return undefined;
  if (value === true) return '';
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/** Whether html-policy.ts lets this one attribute stay on `tag` (element-level findings aside). */
function attributeIsSafe(tag: string, name: string, value: string): boolean {
  return isAllowedAttribute(tag, name) && checkElement(tag, [[name, value]]).every((f) => f.needle === `<${tag}`);
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** hast back to HTML, raw nodes verbatim: the page as the browser would receive it. */
export function toHtml(nodes: HastLike[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += escapeText(node.value ?? '');
    else if (node.type === 'raw') out += node.value ?? '';
    else if (node.type === 'comment') out += `<!--${node.value ?? ''}-->`;
    else if (node.type === 'element' && node.tagName) {
      let attributes = '';
      for (const [property, value] of Object.entries(node.properties ?? {})) {
        const text = attributeText(value);
        if (text !== undefined)
          attributes +=
            text === '' && value === true
              ? ` ${htmlAttributeName(property)}`
              : ` ${htmlAttributeName(property)}="${escapeAttribute(text)}"`;
      }
      out += `<${node.tagName}${attributes}>`;
      if (!VOID.has(node.tagName)) out += `${toHtml(node.children ?? [])}</${node.tagName}>`;
    } else if (node.children) out += toHtml(node.children);
  }
  return out;
}

function hasRaw(node: HastLike): boolean {
  return node.type === 'raw' || (node.children ?? []).some(hasRaw);
}

/**
 * Nodes are rebuilt as plain objects rather than spread: Sätteri hands plugins lazily
 * materialised nodes, whose fields need not be own properties. `data` is kept (MDX marks
 * explicit JSX there).
 */
function withData(out: HastLike, from: HastLike): HastLike {
  if (from.data !== undefined && from.data !== null) out.data = from.data;
  return out;
}

/** One pass over a tree; `removed` collects what went. */
class Sanitizer {
  readonly removed: string[] = [];
  changed = false;
  private readonly parse: ParseHtml;

  constructor(parse: ParseHtml) {
    this.parse = parse;
  }

  private drop(what: string): HastLike[] {
    this.removed.push(what);
    this.changed = true;
    return [];
  }

  children(nodes: HastLike[] | undefined): HastLike[] {
    return (nodes ?? []).flatMap((n) => this.node(n));
  }

  node(node: HastLike): HastLike[] {
    switch (node.type) {
      case 'text':
        return [{ type: 'text', value: node.value ?? '' }];
      case 'element':
        return this.element(node);
      case 'raw':
        // Only reached for raw HTML that could not be parsed with the rest (an MDX tree).
        this.changed = true;
        return this.children(this.parse(node.value ?? '').children);
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return this.jsx(node);
      case 'mdxjsEsm':
        return this.drop('import/export 语句');
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        return this.drop('{表达式}');
      case 'comment':
      case 'doctype':
        this.changed = true;
        return [];
      default:
        return this.drop(`${node.type} 节点`);
    }
  }

  private element(node: HastLike): HastLike[] {
    const tag = (node.tagName ?? '').toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(tag)) return this.drop(`<${tag}>`);
    if (!ALLOWED_ELEMENTS.has(tag)) {
      this.removed.push(`<${tag}>`);
      this.changed = true;
      return this.children(node.children);
    }
    const attributes = Object.entries(node.properties ?? {}).flatMap(([p, v]) => {
      const text = attributeText(v);
      return text === undefined ? [] : [[p, htmlAttributeName(p), text] as const];
    });
    // An element-level refusal (an <input> that is not a task-list checkbox) takes the element.
    if (
      checkElement(
        tag,
        attributes.map(([, n, t]) => [n, t]),
      ).some((f) => f.needle === `<${tag}`)
    )
      return this.drop(`<${tag}>`);
    const properties: Record<string, unknown> = {};
    for (const [property, name, text] of attributes) {
      if (attributeIsSafe(tag, name, text)) properties[property] = node.properties![property];
      else {
        this.removed.push(`${name} 属性`);
        this.changed = true;
      }
    }
    return [withData({ type: 'element', tagName: node.tagName, properties, children: this.children(node.children) }, node)];
  }

  private jsx(node: HastLike): HastLike[] {
    const name = node.name;
    if (name === null || name === undefined || name === '') return this.children(node.children); // a fragment <>…</>
    const component = MDX_COMPONENTS[name];
    if (!component && !/^[a-z][a-z0-9]*$/.test(name)) return this.drop(`组件 <${name}>`);
    const tag = name;
    if (!component && FORBIDDEN_ELEMENTS.has(tag)) return this.drop(`<${tag}>`);
    if (!component && !ALLOWED_ELEMENTS.has(tag)) {
      this.removed.push(`<${tag}>`);
      this.changed = true;
      return this.children(node.children);
    }
    const attributes: NonNullable<HastLike['attributes']> = [];
    const plain: Array<[string, string]> = [];
    for (const attribute of node.attributes ?? []) {
      const value = attribute.value;
      const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : undefined;
      const prop = attribute.name ?? '';
      const html = htmlAttributeName(prop);
      const allowed =
        attribute.type === 'mdxJsxAttribute' &&
        text !== undefined &&
        (component ? prop in component && (component[prop] === null || component[prop]!.includes(text)) : attributeIsSafe(tag, html, text));
      if (allowed) {
        attributes.push(attribute);
        plain.push([html, text!]);
      } else {
        this.removed.push(attribute.type === 'mdxJsxAttribute' ? `${prop} 属性` : '{...属性}');
        this.changed = true;
      }
    }
    if (!component && checkElement(tag, plain).some((f) => f.needle === `<${tag}`)) return this.drop(`<${tag}>`);
    return [withData({ type: node.type, name, attributes, children: this.children(node.children) }, node)];
  }
}

/**
 * Whether a body may render to anything the policy changes. Markdown with no `<` (raw
 * HTML, autolinks), no `](` (inline links and images) and no `]:` (link definitions,
 * footnotes) can only make elements the policy allows, and no URL but GFM's own
 * http(s):// and mailto: autolinks. MDX always may (components, expressions, imports).
 */
export function mayNeedSanitizing(source: string, format: 'markdown' | 'mdx'): boolean {
  return format !== 'markdown' || /<|\]\(|\]:/.test(source);
}

/**
 * Applies the body policy to a rendered tree. `parse` reads raw HTML; in Markdown, when
 * the tree holds any, the whole tree is serialised and parsed once more (see the file
 * comment). MDX has no raw HTML of its own: a raw node there is parsed on its own.
 */
export function sanitizeTree(root: HastLike, { parse, format }: { parse: ParseHtml; format: 'markdown' | 'mdx' }): Sanitized {
  const sanitizer = new Sanitizer(parse);
  let source = root;
  if (format === 'markdown' && hasRaw(root)) {
    source = parse(toHtml(root.children ?? []));
    sanitizer.changed = true;
  }
  const tree: HastLike = { type: 'root', children: sanitizer.children(source.children) };
  return { tree, changed: sanitizer.changed, removed: [...new Set(sanitizer.removed)] };
}
