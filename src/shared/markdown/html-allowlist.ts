/**
 * The HTML a rendered body may contain: what Markdown (GFM, footnotes, task lists, code
 * highlighting) produces, plus the inline and block elements an author writes by hand.
 * Everything else is removed at render time. This is the allow-list half of the policy;
 * the other half — which values are dangerous (script URLs, external resources, CSS that
 * loads, forbidden elements) — is src/build/check/rules/html-policy.ts, which the checker
 * uses too. Pure data: safe to import anywhere, browser included.
 */

/** Elements kept, with their content. */
export const ALLOWED_ELEMENTS = new Set([
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'div',
  'span',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'details',
  'summary',
  'figure',
  'figcaption',
  'section',
  'article',
  'aside',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
  'img',
  'input',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'code',
  'kbd',
  'samp',
  'var',
  'abbr',
  'cite',
  'dfn',
  'q',
  'time',
  'ruby',
  'rt',
  'rp',
  'bdi',
  'bdo',
  'wbr',
  'address',
]);

/** Attributes any kept element may carry (`aria-*` as well, see isAllowedAttribute). */
export const GLOBAL_ATTRIBUTES = new Set(['id', 'class', 'title', 'lang', 'dir', 'style', 'role']);

/** Attributes kept only on these elements. URL-valued ones are still checked by html-policy.ts. */
export const ELEMENT_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'hreflang', 'data-footnote-ref', 'data-footnote-backref']),
  img: new Set(['src', 'alt', 'width', 'height', 'loading', 'decoding']),
  // GFM task lists: a disabled checkbox (html-policy.ts refuses any other input).
  input: new Set(['type', 'checked', 'disabled']),
  ol: new Set(['start', 'reversed', 'type']),
  li: new Set(['value']),
  td: new Set(['colspan', 'rowspan', 'align', 'headers']),
  th: new Set(['colspan', 'rowspan', 'align', 'scope', 'abbr', 'headers']),
  col: new Set(['span', 'width']),
  colgroup: new Set(['span', 'width']),
  blockquote: new Set(['cite']),
  q: new Set(['cite']),
  del: new Set(['cite', 'datetime']),
  ins: new Set(['cite', 'datetime']),
  time: new Set(['datetime']),
  details: new Set(['open']),
  section: new Set(['data-footnotes']),
  // Syntax highlighting: the language label, and a focusable scrolling block.
  pre: new Set(['tabindex', 'data-language']),
};

/** Whether `attribute` (an HTML attribute name, lower case) may stay on `tag`. */
export function isAllowedAttribute(tag: string, attribute: string): boolean {
  return GLOBAL_ATTRIBUTES.has(attribute) || /^aria-[a-z]+$/.test(attribute) || ELEMENT_ATTRIBUTES[tag]?.has(attribute) === true;
}
