/**
 * Positions of the most common fields without parsing YAML: a top-level key and its
 * value, or an item of a one-line `[a, b]` list. Most diagnostics point at exactly
 * these, and a full position-keeping parse of a front matter costs seven times a plain
 * one. Anything less simple returns undefined and the caller falls back to the parser;
 * tests/check-locate.test.ts holds the two to the same answers.
 */
import type { FieldPath } from '../../shared/refs.ts';

export interface Position {
  line: number;
  column: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Start offsets of the items of a flow sequence whose `[` is at `open`, if it closes on the same line. */
function flowItems(line: string, open: number): number[] | undefined {
  const starts: number[] = [];
  let depth = 0;
  let quote = '';
  let itemStart = -1;
  for (let i = open; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote && !(quote === '"' && line[i - 1] === '\\')) quote = '';
      continue;
    }
    if (ch === '#' && /\s/.test(line[i - 1] ?? '')) return undefined;
    if (ch === '"' || ch === "'") {
      if (depth === 1 && itemStart === -1) itemStart = i;
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      if (depth === 1 && itemStart === -1) itemStart = i;
      depth++;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) {
        if (itemStart !== -1) starts.push(itemStart);
        return /^\s*(#.*)?$/.test(line.slice(i + 1)) ? starts : undefined;
      }
    } else if (ch === ',' && depth === 1) {
      if (itemStart === -1) return undefined;
      starts.push(itemStart);
      itemStart = -1;
    } else if (!/\s/.test(ch) && depth === 1 && itemStart === -1) itemStart = i;
  }
  return undefined;
}

/** Where `path` is written in `yamlText` (line 1 = the text's first line), or undefined when not simple. */
export function quickLocate(yamlText: string, path: FieldPath, { key = false } = {}): Position | undefined {
  if (path.length === 0 || path.length > 2 || typeof path[0] !== 'string') return undefined;
  const lines = yamlText.split('\n');
  const keyRe = new RegExp(`^(["']?)${escapeRegExp(path[0])}\\1[ \\t]*:(?=\\s|$)`);
  const found = lines.flatMap((l, i) => (keyRe.test(l) ? [i] : []));
  if (found.length !== 1) return undefined;
  const index = found[0];
  const line = lines[index];
  if (key && path.length === 1) return { line: index + 1, column: 1 };
  const afterColon = line.indexOf(':', line.match(keyRe)![0].length - 1) + 1;
  const valueAt = afterColon + (line.slice(afterColon).length - line.slice(afterColon).trimStart().length);
  const rest = line.slice(valueAt);
  if (rest === '' || rest.startsWith('#') || /^[&!*]/.test(rest)) return undefined;
  if (path.length === 1) return { line: index + 1, column: valueAt + 1 };
  if (typeof path[1] !== 'number' || !rest.startsWith('[') || key) return undefined;
  const items = flowItems(line, valueAt);
  const start = items?.[path[1]];
  return start === undefined ? undefined : { line: index + 1, column: start + 1 };
}
