/**
 * What HTML a body may produce. Markdown passes raw HTML through to the page, so the
 * rendered body is held to this policy element by element, attribute by attribute:
 * nothing that runs script (script-like elements, on* handlers, javascript:/data:
 * URLs, CSS url()/expression()), nothing that loads from another site (the pages make
 * no request outside their own origin), nothing that rewrites the page (forms, base,
 * meta, frames). Pure functions: the Markdown and MDX scanners share them.
 */

export interface Finding {
  rule: 'unsafe-html' | 'unsafe-url' | 'external-resource' | 'unsupported-html';
  message: string;
  hint: string;
  /** Text to look for in the source to place the diagnostic (tag, attribute name or URL). */
  needle: string;
  /** For URL findings: the URL as the page would get it, and the attribute holding it. */
  url?: string;
  attribute?: string;
}

const REMOVE = '删除这段代码；需要视频、地图或外部网页时，请写成普通链接 [说明](https://…)';

/** Elements that run code, embed other pages, submit data or change how the page is read. */
export const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'fencedframe',
  'param',
  'base',
  'basefont',
  'meta',
  'link',
  'style',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'form',
  'button',
  'textarea',
  'select',
  'option',
  'optgroup',
  'keygen',
  'isindex',
  'svg',
  'math',
  'xmp',
  'plaintext',
  'listing',
  'title',
  'html',
  'head',
  'body',
  'image',
]);

/** Attributes that take a URL the browser loads or navigates to. */
const LINK_ATTRIBUTES = new Set(['href', 'cite', 'longdesc', 'usemap']);
const RESOURCE_ATTRIBUTES = new Set(['src', 'poster']);
/** URL-bearing attributes with no place in a body (srcset and friends can't be checked one URL at a time). */
const FORBIDDEN_ATTRIBUTES = new Set([
  'srcdoc',
  'srcset',
  'imagesrcset',
  'action',
  'formaction',
  'ping',
  'codebase',
  'classid',
  'archive',
  'dynsrc',
  'lowsrc',
  'manifest',
  'icon',
  'profile',
  'background',
  'data',
  'xml:base',
  'xlink:href',
  'innerhtml',
  'outerhtml',
  'dangerouslysetinnerhtml',
]);
const SAFE_LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/** A URL as a browser reads it: surrounding spaces and control characters dropped, tabs and newlines removed. */
export function normalizeUrl(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

/** The scheme of a URL (`javascript`), or null for a relative one. */
export function urlScheme(value: string): string | null {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(normalizeUrl(value));
  return m ? m[1].toLowerCase() : null;
}

/** Whether loading `value` would reach another origin (`https://…`, `//host`, `\\host`). */
export function isExternal(value: string): boolean {
  const url = normalizeUrl(value);
  return urlScheme(url) !== null || /^[\\/]{2}/.test(url);
}

/** Problems with a link target (`href`) or a loaded resource (`src`). */
export function checkUrl(attribute: string, value: string, kind: 'link' | 'resource'): Finding | undefined {
  const scheme = urlScheme(value);
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  if (scheme !== null && !(kind === 'link' ? SAFE_LINK_SCHEMES : new Set(['http', 'https'])).has(scheme)) {
    return {
      rule: 'unsafe-url',
      message: `正文中不允许 ${scheme}: 链接（${attribute}="${shown}"）`,
      hint: '链接只能以 http:// 或 https:// 开头，或是站内的相对路径',
      needle: value,
      url: value,
      attribute,
    };
  }
  if (kind === 'resource' && isExternal(value)) {
    return {
      rule: 'external-resource',
      message: `正文引用了外部网站的资源（${attribute}="${shown}"）：网站不得向站外发出请求`,
      hint: '把图片等文件放在条目旁边，用相对路径引用，如 ![说明](./images/xxx.jpg)；外部网页请写成普通链接',
      needle: value,
      url: value,
      attribute,
    };
  }
  return undefined;
}

/** CSS that loads or runs something. */
function unsafeStyle(style: string): boolean {
  const css = style
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\[0-9a-fA-F]{1,6}\s?|\\/g, '')
    .toLowerCase();
  return /url\s*\(|expression\s*\(|javascript:|@import|behavior\s*:|-moz-binding|image-set\s*\(|image\s*\(/.test(css);
}

/** hast property names (`onMouseOver`, `xLinkHref`, `dataFoo`) back to attribute names. */
export function attributeName(property: string): string {
  if (property === 'className') return 'class';
  if (property === 'htmlFor') return 'for';
  if (/^xLink[A-Z]/.test(property)) return `xlink:${property.slice(5).toLowerCase()}`;
  if (/^xml[A-Z]/.test(property)) return `xml:${property.slice(3).toLowerCase()}`;
  if (/^(data|aria)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return property.toLowerCase();
}

/** Problems with one element; `attributes` are names (any case) with string values ('' when bare). */
export function checkElement(tagName: string, attributes: Array<[string, string]>): Finding[] {
  const tag = tagName.toLowerCase();
  const out: Finding[] = [];
  if (FORBIDDEN_ELEMENTS.has(tag)) {
    const what =
      tag === 'script' ? '<script> 脚本' : tag === 'iframe' ? '<iframe> 内嵌网页' : tag === 'style' ? '<style> 样式' : `<${tag}> 元素`;
    // The element goes as a whole: its attributes need no separate report.
    return [{ rule: 'unsafe-html', message: `正文中不允许 ${what}`, hint: REMOVE, needle: `<${tag}` }];
  }
  if (tag === 'input') {
    // GFM task lists render as disabled checkboxes; any other input is a form control.
    const type = attributes.find(([n]) => n.toLowerCase() === 'type')?.[1]?.toLowerCase();
    const disabled = attributes.some(([n]) => n.toLowerCase() === 'disabled');
    if (type !== 'checkbox' || !disabled)
      out.push({ rule: 'unsafe-html', message: '正文中不允许 <input> 表单控件', hint: REMOVE, needle: '<input' });
  }
  for (const [rawName, value] of attributes) {
    const name = rawName.toLowerCase();
    if (name.startsWith('on')) {
      out.push({
        rule: 'unsafe-html',
        message: `正文中不允许 on* 事件属性（${name}）`,
        hint: '删除这个属性：正文中不能运行脚本',
        needle: rawName,
      });
    } else if (FORBIDDEN_ATTRIBUTES.has(name) || (name.includes(':') && name !== 'xml:lang')) {
      out.push({
        rule: 'unsafe-html',
        message: `正文中不允许 ${name} 属性`,
        hint: '删除这个属性；图片请用 Markdown 图片语法 ![说明](./xxx.jpg)',
        needle: rawName,
      });
    } else if (LINK_ATTRIBUTES.has(name) || RESOURCE_ATTRIBUTES.has(name)) {
      const found = checkUrl(name, value, LINK_ATTRIBUTES.has(name) ? 'link' : 'resource');
      if (found) out.push(found);
    } else if (name === 'style' && unsafeStyle(value)) {
      out.push({
        rule: 'unsafe-html',
        message: 'style 属性中不允许 url()、expression() 等会加载或运行内容的写法',
        hint: '删除这段样式',
        needle: rawName,
      });
    }
  }
  return out;
}
