/**
 * The file format of the form editor: Markdown with YAML front matter, read and written so
 * that saving a form changes only the lines of the fields that changed. Decap's own
 * `frontmatter` format re-serialises the whole front matter (key order by the form,
 * quoting and comments lost, dates possibly turned into timestamps); this one keeps the
 * parsed YAML document of the file it read and updates it in place. Browser-safe (the
 * /admin/ script registers it as a Decap custom format) and used by the tests in Node.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

/** Where the original front matter travels with the entry's data between read and write (never saved). */
export const SOURCE_KEY = '__siku_source';

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** An entry's data as the editor holds it: front matter fields, `body`, and the source. */
export type EntryValues = Record<string, unknown>;

/** YAML 1.2 core schema: dates stay `YYYY-MM-DD` text (as the contract writes them), `09:00` stays text. */
const YAML_OPTIONS = { schema: 'core', version: '1.2' } as const;

/** Reads a file: front matter values, `body`, and the raw front matter under SOURCE_KEY. */
export function readEntry(raw: string): EntryValues {
  const match = FRONT_MATTER.exec(raw);
  if (!match) return { body: raw.replace(/^\uFEFF/, '') };
  const front = match[1];
  const data = parseDocument(front, YAML_OPTIONS).toJS() as unknown;
  const values = data && typeof data === 'object' && !Array.isArray(data) ? (data as EntryValues) : {};
  return { ...values, body: raw.slice(match[0].length), [SOURCE_KEY]: front };
}

/** Empty form values that mean "not filled in": the contract has no empty fields. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value === 'number' && Number.isNaN(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/** Drops what a form leaves behind for untouched optional fields (`""`, `[]`, `{}`, null), at every depth. */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty).filter((v) => !isEmpty(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const cleaned = withoutEmpty(v);
      if (!isEmpty(cleaned)) out[key] = cleaned;
    }
    return out;
  }
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Text a YAML 1.1 reader (Astro's js-yaml, older tools) would not read back as the same
 * text: `09:00` (sexagesimal), yes/no/on/off, numbers written as text.
 */
function needsQuotes(value: string): boolean {
  return /^\d{1,2}:\d{2}(:\d{2})?$/.test(value) || /^(y|yes|n|no|on|off|true|false|null|~)$/i.test(value) || /^[-+]?[\d._]+$/.test(value);
}

/** A new YAML node for `value`, with the quoting the contract's examples use. */
function nodeFor(doc: Document, value: unknown): unknown {
  const node = doc.createNode(value);
  const quote = (n: unknown) => {
    if (isScalar(n) && typeof n.value === 'string' && needsQuotes(n.value)) n.type = Scalar.QUOTE_DOUBLE;
    else if (isMap(n)) for (const pair of n.items) quote(pair.value);
    else if (isSeq(n)) n.items.forEach(quote);
  };
  quote(node);
  return node;
}

/**
 * Makes `node` (a value of the original document) hold `value`, touching only what
 * differs: same maps and lists are updated item by item, so one changed session rewrites
 * one line, not the timetable.
 */
function update(doc: Document, parent: YAMLMap | YAMLSeq, key: string | number, value: unknown): void {
  const current = parent.get(key, true);
  const before = current && typeof current === 'object' && 'toJSON' in current ? (current as { toJSON: () => unknown }).toJSON() : current;
  if (sameValue(before, value)) return;
  if (isMap(current) && value && typeof value === 'object' && !Array.isArray(value)) {
    const next = value as Record<string, unknown>;
    for (const pair of [...current.items]) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!(k in next)) current.delete(k);
    }
    for (const [k, v] of Object.entries(next)) update(doc, current, k, v);
    return;
  }
  if (isSeq(current) && Array.isArray(value) && current.items.length === value.length) {
    value.forEach((v, i) => {
      update(doc, current, i, v);
    });
    return;
  }
  if (isScalar(current) && typeof value === typeof current.value) {
    current.value = value;
    if (typeof value === 'string' && needsQuotes(value) && current.type === Scalar.PLAIN) current.type = Scalar.QUOTE_DOUBLE;
    return;
  }
  parent.set(key, nodeFor(doc, value));
}

const STRINGIFY = { lineWidth: 0 } as const;

/**
 * The YAML library prints a document in its own spacing (one space before a comment, its
 * padding in flow lists). Lines it prints the same before and after the edit are the
 * untouched ones: those come back exactly as the author wrote them. This holds when the
 * original prints with the same number of lines; otherwise the printed text is used.
 */
function keepUntouchedLines(source: string, edited: string): string {
  const raw = source.replace(/\r\n/g, '\n').replace(/\n?$/, '\n').split('\n').slice(0, -1);
  const printed = parseDocument(source, YAML_OPTIONS).toString(STRINGIFY).split('\n').slice(0, -1);
  const next = edited.split('\n').slice(0, -1);
  if (printed.length !== raw.length) return edited;
  // Longest common subsequence of printed-before and printed-after lines.
  const n = printed.length;
  const m = next.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = printed[i] === next[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (j < m) {
    if (i < n && printed[i] === next[j]) {
      out.push(raw[i]);
      i++;
      j++;
    } else if (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else out.push(next[j++]);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Writes an entry: the original front matter with the changed fields updated (or, for a
 * new entry, the fields in the form's order), then the body. `drop` names form-only
 * fields (the id of a new entry's file name) that never reach the file.
 */
export function writeEntry(values: EntryValues, order: readonly string[] = [], drop: readonly string[] = []): string {
  const { body, [SOURCE_KEY]: source, ...rest } = values;
  for (const key of drop) delete rest[key];
  const data = withoutEmpty(rest) as Record<string, unknown>;
  const doc = typeof source === 'string' ? parseDocument(source, YAML_OPTIONS) : new Document({}, YAML_OPTIONS);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as YAMLMap;
  const map = doc.contents as YAMLMap;
  for (const pair of [...map.items]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!(key in data)) map.delete(key);
  }
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const added = Object.keys(data)
    .filter((k) => !map.has(k))
    .sort((a, b) => rank(a) - rank(b));
  for (const key of Object.keys(data)) if (map.has(key)) update(doc, map, key, data[key]);
  for (const key of added) map.set(key, nodeFor(doc, data[key]));
  const front = typeof source === 'string' ? keepUntouchedLines(source, doc.toString(STRINGIFY)) : doc.toString(STRINGIFY);
  const text = typeof body === 'string' ? body.replace(/\r\n/g, '\n') : '';
  return `---\n${front}---\n${text}`;
}
