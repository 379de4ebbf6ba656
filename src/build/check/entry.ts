/** One content file as the checker sees it, with lazy ways back to file positions. */
import type { Collection } from '../../schemas/index.ts';
import type { FieldPath } from '../../shared/refs.ts';
import { LineIndex } from './line-index.ts';
import { quickLocate } from './quick-locate.ts';
import type { ParsedFile, Position } from './source.ts';

export interface CheckedEntry extends ParsedFile {
  collection: Collection;
  id: string;
  /** Schema output when the entry is valid. */
  valid?: Record<string, unknown>;
  /** Where a field is written (its parent when missing); line 1 when positions are unknown. */
  locate: (path: FieldPath, options?: { key?: boolean }) => Position;
  /** The field an offset of `text` belongs to: `sources.0.title`, `body`, or `-`. */
  fieldAt: (offset: number) => string;
  /** Line and column of an offset of `text`. */
  position: (offset: number) => Position;
}

/** Adds the position helpers to a parsed file. */
export function toEntry(parsed: ParsedFile, collection: Collection, id: string): CheckedEntry {
  let lines: LineIndex | undefined;
  const bodyOffset = parsed.text.length - parsed.body.length;
  return {
    ...parsed,
    collection,
    id,
    locate: (path, options) =>
      quickLocate(parsed.yamlText, path, options) ?? parsed.yaml()?.locate(path, options) ?? { line: 1, column: 1 },
    fieldAt: (offset) => {
      if (parsed.text && offset >= bodyOffset) return 'body';
      if (offset < parsed.yamlOffset) return '-';
      const path = parsed.yaml()?.pathAt(offset - parsed.yamlOffset) ?? [];
      return path.length ? path.join('.') : '-';
    },
    position: (offset) => {
      lines ??= new LineIndex(parsed.text);
      return lines.position(offset);
    },
  };
}
