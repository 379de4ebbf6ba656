/**
 * Markdown passes raw HTML through, and MDX runs code at build time. Bodies may not
 * carry scripts, frames, event handlers or `javascript:` links; contributed MDX may
 * only use the allow-listed components, with no import/export and no {expressions}.
 */
import type { Diagnostic } from '../diagnostics.ts';

/** Components MDX entries may use (provided by the site, no import needed). */
export const MDX_COMPONENTS = ['Callout'] as const;

const UNSAFE_HTML: Array<{ re: RegExp; message: string }> = [
  { re: /<\s*script\b/gi, message: '正文中不允许 <script> 脚本' },
  { re: /<\s*iframe\b/gi, message: '正文中不允许 <iframe> 内嵌网页' },
  { re: /<\s*(object|embed|frame|frameset|base|meta|link|form)\b/gi, message: '正文中不允许 <$1> 元素' },
  { re: /<[a-z][^>]*?\son[a-z]+\s*=/gi, message: '正文中不允许 on* 事件属性（如 onclick、onerror）' },
  { re: /javascript\s*:/gi, message: '正文中不允许 javascript: 链接' },
  { re: /(?:href|src)\s*=\s*["']?\s*data:/gi, message: '正文中不允许 data: 链接' },
  { re: /<\s*style\b/gi, message: '正文中不允许 <style> 样式' },
];

/** Blanks out fenced code blocks and inline code (they are shown, never run). */
export function maskCode(body: string): string {
  let inFence = false;
  return body
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        inFence = !inFence;
        return ' '.repeat(line.length);
      }
      if (inFence) return ' '.repeat(line.length);
      return line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    })
    .join('\n');
}

export function scanBody(file: string, body: string, bodyLine: number, isMdx: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const masked = maskCode(body);
  masked.split('\n').forEach((text, i) => {
    const line = bodyLine + i;
    const add = (column: number, rule: string, message: string, hint: string) =>
      out.push({ file, line, column, field: 'body', severity: 'error', rule, message, hint });
    for (const { re, message } of UNSAFE_HTML) {
      for (const m of text.matchAll(re)) {
        add((m.index ?? 0) + 1, 'unsafe-html', message.replace('$1', (m[1] ?? '').toLowerCase()), '删除这段代码；需要视频或地图时，请写成普通链接');
      }
    }
    if (!isMdx) return;
    const statement = /^\s*(import|export)\b/.exec(text);
    if (statement) {
      add(1, 'mdx-statement', `MDX 条目中不允许 ${statement[1]} 语句`, `可直接使用的组件：${MDX_COMPONENTS.join('、')}，无需 import`);
    }
    for (const m of text.matchAll(/(?<!\\)\{/g)) {
      add((m.index ?? 0) + 1, 'mdx-expression', 'MDX 条目中不允许 {表达式}', '如需显示花括号，请写成 \\{');
    }
    for (const m of text.matchAll(/<\/?([A-Z][\w.]*)/g)) {
      if (!(MDX_COMPONENTS as readonly string[]).includes(m[1])) {
        add((m.index ?? 0) + 1, 'mdx-component', `MDX 条目中不允许使用组件 <${m[1]}>`, `可用组件：${MDX_COMPONENTS.join('、')}`);
      }
    }
  });
  return out;
}
