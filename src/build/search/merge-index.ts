/**
 * Index shards merged into one Pagefind index after they are written. A big catalog is
 * indexed in shards, two Pagefind processes at once (./shards.ts), because Pagefind
 * indexes on one thread and holds every page in memory until it writes. Merged in the
 * browser, every shard would cost each search its own entry file, metadata and index
 * chunk for every word (at 100,000 entries, 13 shards: 86 requests for a first search).
 * Merged here, the search page loads one index, whatever the shard count.
 *
 * Pagefind 1.6's files, as its WebAssembly reads them (`pagefind_web/src/index.rs`):
 * each index chunk is gzip of `SIGNATURE` and CBOR `[words]`, each word
 * `[word, pages, variants]`, each page `[page delta, locations, …]` (page numbers are
 * gaps from the word's previous page) and each variant `[form, pages]`. Words sort by
 * their UTF-8 bytes; a chunk's `from` and `to` are cut to the shortest prefixes that
 * still tell it from its neighbours, as Pagefind's own `chunk_meta` does. The shards'
 * words are merged in one pass, a chunk per shard in memory at a time, so memory stays
 * flat at 100,000 entries.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipCallback } from 'node:zlib';
import { decode, encode } from 'cborg';
import { SearchIndexError } from './search-error.ts';
import { metaFile, readMeta, replaceMeta, SIGNATURE, type PagefindMeta } from './pagefind-meta.ts';

/**
 * Word positions in one chunk of the merged index: Pagefind's default is 20,000, the
 * shards use `INDEX_CHUNK_SIZE` (./pagefind-session.ts). Every query word loads the chunk where it
 * sorts, and the metadata lists every chunk's first and last word: with chunks of a
 * fixed size the list grows with the catalog (10,000 entries: 2,536 chunks, 59 KB). The
 * merged index grows its chunks with the catalog instead, so the list stays about as
 * long and a query's chunks weigh a few kilobytes each more.
 */
export function mergedChunkSize(pages: number): number {
  return Math.max(1000, Math.round(pages / 10));
}

/** UTF-16 units remapped so that comparing them orders strings by code point, i.e. by UTF-8 bytes, as Pagefind does. */
function unit(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return code + 0x2000;
  if (code >= 0xe000) return code - 0x800;
  return code;
}

export function compareWords(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unit(x) - unit(y);
  }
  return a.length - b.length;
}

/**
 * Pagefind's CBOR, walked in place: most words occur in one shard only and are copied
 * byte for byte; only the first page gap of each shard's list changes. (Decoding every
 * chunk and encoding it again took 10 s at 10,000 entries, most of it garbage collection.)
 */
interface Head {
  major: number;
  value: number;
  /** Where the item's content (or, for arrays, its first element) starts. */
  next: number;
}

function head(bytes: Uint8Array, at: number): Head {
  const first = bytes[at];
  if (first === undefined) throw new RangeError('CBOR 数据意外结束');
  const major = first >> 5;
  const info = first & 31;
  if (info < 24) return { major, value: info, next: at + 1 };
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  if (!size) throw new RangeError(`不支持的 CBOR 长度标记 ${info}`);
  let value = 0;
  for (let i = 1; i <= size; i++) value = value * 256 + bytes[at + i];
  return { major, value, next: at + 1 + size };
}

/** Where the item at `at` ends. */
function skip(bytes: Uint8Array, at: number): number {
  const h = head(bytes, at);
  switch (h.major) {
    case 2:
    case 3:
      return h.next + h.value;
    case 4: {
      let end = h.next;
      for (let i = 0; i < h.value; i++) end = skip(bytes, end);
      return end;
    }
    case 5: {
      let end = h.next;
      for (let i = 0; i < 2 * h.value; i++) end = skip(bytes, end);
      return end;
    }
    case 6:
      return skip(bytes, h.next);
    default:
      return h.next;
  }
}

/** The minimal CBOR head of an unsigned (`major` 0), text (3) or array (4) of `value`. */
function encodeHead(major: number, value: number): Uint8Array {
  const m = major << 5;
  if (value < 24) return Uint8Array.of(m | value);
  if (value < 0x100) return Uint8Array.of(m | 24, value);
  if (value < 0x10000) return Uint8Array.of(m | 25, value >> 8, value & 0xff);
  if (value < 0x100000000) return Uint8Array.of(m | 26, value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
  throw new RangeError(`页码 ${value} 超出范围`);
}

/** One word of a chunk, as byte ranges of its chunk. */
interface WordRef {
  key: string;
  bytes: Uint8Array;
  /** Fields of the word's array (Pagefind 1.6: word, pages, variants). */
  fields: number;
  /** Its pages: each page's range, first gap and location count. */
  pages: { start: number; end: number; gap: number; gapStart: number; gapEnd: number; locations: number }[];
  /** Range of the fields after the pages (the variants), `[end, end]` when none. */
  after: [number, number];
}

const decoder = new TextDecoder();

function readWord(bytes: Uint8Array, at: number): { word: WordRef; end: number } {
  const w = head(bytes, at);
  const k = head(bytes, w.next);
  if (w.major !== 4 || w.value < 2 || k.major !== 3) throw new RangeError('词条不是 [词, 页面, …]');
  const key = decoder.decode(bytes.subarray(k.next, k.next + k.value));
  const list = head(bytes, k.next + k.value);
  if (list.major !== 4) throw new RangeError(`“${key}”的页面不是数组`);
  const pages: WordRef['pages'] = [];
  let pos = list.next;
  for (let i = 0; i < list.value; i++) {
    const page = head(bytes, pos);
    const gap = head(bytes, page.next);
    if (page.major !== 4 || page.value < 2 || gap.major !== 0) throw new RangeError(`“${key}”的页面不是 [页码差, 位置, …]`);
    const locations = head(bytes, gap.next);
    const end = skip(bytes, pos);
    pages.push({ start: pos, end, gap: gap.value, gapStart: page.next, gapEnd: gap.next, locations: locations.value });
    pos = end;
  }
  let end = pos;
  for (let f = 2; f < w.value; f++) end = skip(bytes, end);
  return { word: { key, bytes, fields: w.value, pages, after: [pos, end] }, end };
}

function readChunk(file: string): WordRef[] {
  const raw = gunzipSync(readFileSync(file));
  if (raw.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE)
    throw new SearchIndexError(`${file} 不是 Pagefind 的压缩文件（缺少 ${SIGNATURE} 标记）`);
  const bytes = raw.subarray(SIGNATURE.length);
  try {
    const outer = head(bytes, 0);
    const list = head(bytes, outer.next);
    if (outer.major !== 4 || list.major !== 4) throw new RangeError('分块不是 [[词条…]]');
    const words: WordRef[] = [];
    let pos = list.next;
    for (let i = 0; i < list.value; i++) {
      const read = readWord(bytes, pos);
      words.push(read.word);
      pos = read.end;
    }
    return words;
  } catch (error) {
    throw new SearchIndexError(
      `${file} 的结构与 Pagefind 1.6 的索引分块不同（${error instanceof Error ? error.message : String(error)}）：升级 Pagefind 后请同步修改 src/build/search/merge-index.ts`,
    );
  }
}

/** The words of one index folder in order, a chunk file at a time. */
function* wordsOf(folder: string, meta: PagefindMeta): Generator<WordRef> {
  for (const chunk of meta[2]) yield* readChunk(path.join(folder, 'index', `${chunk[2] as string}.pf_index`));
}

/** Shortest prefixes (in characters) of two neighbouring boundary words that still differ, as Pagefind's `get_prefixes`. */
function prefixes(a: string, b: string): [string, string] {
  const x = [...a];
  const y = [...b];
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  return [x.slice(0, common + 1).join(''), y.slice(0, common + 1).join('')];
}

const EMPTY_ARRAY = 0x80;
const encoder = new TextEncoder();

/**
 * One word of the merged index from its occurrences in the shards (in shard order, with
 * each shard's first page number): its pages joined, each shard's first gap rebased.
 * Variant forms (Pagefind's other spellings of a word, none in Chinese text) are joined
 * the same way after a plain decode.
 */
function mergeWord(key: string, parts: { word: WordRef; offset: number }[]): { bytes: Uint8Array[]; weight: number } {
  const out: Uint8Array[] = [];
  const fields = Math.max(...parts.map((p) => p.word.fields));
  const text = encoder.encode(key);
  out.push(encodeHead(4, fields), encodeHead(3, text.length), text);
  out.push(
    encodeHead(
      4,
      parts.reduce((n, p) => n + p.word.pages.length, 0),
    ),
  );
  let last = 0;
  let weight = 0;
  for (const { word, offset } of parts) {
    let local = 0;
    for (const [i, page] of word.pages.entries()) {
      local += page.gap;
      weight += page.locations + 1;
      if (i === 0) {
        out.push(
          word.bytes.subarray(page.start, page.gapStart),
          encodeHead(0, offset + local - last),
          word.bytes.subarray(page.gapEnd, page.end),
        );
      } else out.push(word.bytes.subarray(page.start, page.end));
    }
    if (word.pages.length) last = offset + local;
  }
  if (fields >= 3) {
    const withVariants = parts.filter((p) => p.word.fields >= 3 && p.word.bytes[p.word.after[0]] !== EMPTY_ARRAY);
    if (withVariants.length === 0) out.push(Uint8Array.of(EMPTY_ARRAY));
    else out.push(encode(mergeVariants(withVariants)));
    // Fields past the variants (none in Pagefind 1.6): the last shard's.
    const tail = parts[parts.length - 1].word;
    if (tail.fields > 3) out.push(tail.bytes.subarray(skip(tail.bytes, tail.after[0]), tail.after[1]));
  }
  return { bytes: out, weight };
}

type Page = [gap: number, ...rest: unknown[]];

function mergeVariants(parts: { word: WordRef; offset: number }[]): [string, Page[]][] {
  const forms = new Map<string, { pages: Page[]; last: number }>();
  for (const { word, offset } of parts) {
    const variants = decode(word.bytes.subarray(word.after[0], skip(word.bytes, word.after[0]))) as [string, Page[]][];
    for (const [form, pages] of variants) {
      const merged = forms.get(form) ?? { pages: [], last: 0 };
      let local = 0;
      for (const [i, page] of pages.entries()) {
        local += page[0];
        if (i === 0) page[0] = offset + local - merged.last;
        merged.pages.push(page);
      }
      if (pages.length) merged.last = offset + local;
      forms.set(form, merged);
    }
  }
  return [...forms].map(([form, { pages }]) => [form, pages]);
}

/** Chunks compressed at once on libuv's threads, while this thread merges the next words. */
const COMPRESSING = 8;

function chunkFile(words: Uint8Array[][], count: number): Promise<Buffer> {
  return gzip(Buffer.concat([Buffer.from(SIGNATURE, 'latin1'), encodeHead(4, 1), encodeHead(4, count), ...words.flat()]));
}

const gzip = promisify(gzipCallback);
const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 13);

/**
 * Merges the indexes in `shards` into the index in `target` (written by Pagefind, the
 * first shard): pages numbered on in shard order, every word's pages joined, chunks cut
 * anew at `chunkSize` positions. Fragments move into the target; filters and sort
 * orders are dropped (the search files replace them, ./search-files.ts), and so are the
 * shard folders. Returns the merged page count.
 */
export async function mergeIndexes(target: string, shards: readonly string[], chunkSize: number): Promise<number> {
  const folders = [target, ...shards];
  const metas = folders.map((folder) => readMeta(metaFile(folder)));
  const offsets: number[] = [];
  let total = 0;
  for (const meta of metas) {
    offsets.push(total);
    total += meta[1].length;
  }

  const streams = folders.map((folder, s) => wordsOf(folder, metas[s]));
  const heads = streams.map((stream) => stream.next());
  const staging = path.join(target, 'index.merged');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const chunks: [string, string, string][] = [];
  let pending: Uint8Array[][] = [];
  let first = '';
  let last = '';
  let weight = 0;
  const writing: Promise<void>[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const at = chunks.length;
    chunks.push([first, last, '']);
    const written = chunkFile(pending, pending.length).then((bytes) => {
      const name = hashOf(bytes);
      chunks[at][2] = name;
      return writeFile(path.join(staging, `${name}.pf_index`), bytes);
    });
    // Awaited below; until then a failure must not count as unhandled.
    written.catch(() => {});
    writing.push(written);
    pending = [];
    weight = 0;
    if (writing.length >= COMPRESSING) await writing.shift();
  };

  for (;;) {
    let word: string | undefined;
    for (const h of heads) if (!h.done && (word === undefined || compareWords(h.value.key, word) < 0)) word = h.value.key;
    if (word === undefined) break;
    const parts: { word: WordRef; offset: number }[] = [];
    for (const [s, h] of heads.entries()) {
      if (h.done || h.value.key !== word) continue;
      parts.push({ word: h.value, offset: offsets[s] });
      heads[s] = streams[s].next();
    }
    const merged = mergeWord(word, parts);
    if (!pending.length) first = word;
    last = word;
    pending.push(merged.bytes);
    weight += merged.weight;
    if (weight >= chunkSize) await flush();
  }
  await flush();
  await Promise.all(writing);
  for (let i = 0; i + 1 < chunks.length; i++) [chunks[i][1], chunks[i + 1][0]] = prefixes(chunks[i][1], chunks[i + 1][0]);

  // Fragments keep their names (hashes of their content): a shard's never clash with another's page.
  const fragments = path.join(target, 'fragment');
  mkdirSync(fragments, { recursive: true });
  for (const shard of shards) {
    const from = path.join(shard, 'fragment');
    if (!existsSync(from)) continue;
    for (const name of readdirSync(from)) renameSync(path.join(from, name), path.join(fragments, name));
  }

  const meta = metas[0];
  meta[1] = metas.flatMap((m) => m[1]);
  meta[2] = chunks;
  meta[3] = [];
  meta[4] = [];
  const old = `${staging}.old`;
  renameSync(path.join(target, 'index'), old);
  renameSync(staging, path.join(target, 'index'));
  replaceMeta(target, meta);
  // Thousands of files: removed on libuv's threads, several at a time.
  await Promise.all([old, path.join(target, 'filter'), ...shards].map((folder) => rm(folder, { recursive: true, force: true })));
  return total;
}
