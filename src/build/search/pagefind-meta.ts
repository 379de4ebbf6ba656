/**
 * Pagefind's index metadata (`pagefind.<lang>_<hash>.pf_meta`), read and rewritten. It
 * is gzip of a signature and a CBOR array: `[version, pages, index chunks, filters,
 * sorts]`, each page `[hash, word count, …]`, each chunk `[from, to, hash]`, each sort
 * `[name, page numbers]` (see Pagefind's `index_metadata.rs`). A big catalog's search
 * page never loads Pagefind's fragments, filters or sorts (./search-files.ts), so its
 * metadata keeps only what the WebAssembly needs to find pages, under short names: at
 * 10,000 entries the random seven-digit page hashes alone were 48 KB of a 146 KB file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decode, encode } from 'cborg';
import { SearchIndexError } from './search-error.ts';

/** Pagefind's compressed files start with this signature once gunzipped. */
export const SIGNATURE = 'pagefind_dcd';

/** The metadata as decoded; fields past the ones named stay as they were. */
export type PagefindMeta = [
  version: string,
  pages: unknown[][],
  chunks: unknown[][],
  filters: unknown[][],
  sorts: unknown[][],
  ...rest: unknown[],
];

/**
 * The metadata file of an index folder, as its `pagefind-entry.json` names it (Pagefind
 * does not clear a folder it writes into, so an earlier index's file may lie beside it).
 */
export function metaFile(folder: string): string {
  const entryFile = path.join(folder, 'pagefind-entry.json');
  let hashes: string[] = [];
  try {
    const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { languages?: Record<string, { hash?: unknown }> };
    hashes = Object.values(entry.languages ?? {}).flatMap((l) => (typeof l.hash === 'string' ? [l.hash] : []));
  } catch (error) {
    throw new SearchIndexError(`无法读取 Pagefind 索引入口 ${entryFile}：${error instanceof Error ? error.message : String(error)}`);
  }
  if (hashes.length !== 1) throw new SearchIndexError(`${entryFile} 应只列一种语言的索引，实际有 ${hashes.length} 种`);
  return path.join(folder, `pagefind.${hashes[0]}.pf_meta`);
}

/** Decodes and checks the shape this module relies on, so a Pagefind upgrade that changed it fails the build plainly. */
export function readMeta(file: string): PagefindMeta {
  const raw = gunzipSync(readFileSync(file));
  if (raw.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE)
    throw new SearchIndexError(`${file} 不是 Pagefind 的压缩文件（缺少 ${SIGNATURE} 标记）`);
  const meta = decode(raw.subarray(SIGNATURE.length)) as unknown;
  const ok =
    Array.isArray(meta) &&
    typeof meta[0] === 'string' &&
    meta[0].startsWith('1.') &&
    [1, 2, 3, 4].every((i) => Array.isArray(meta[i]) && (meta[i] as unknown[]).every(Array.isArray)) &&
    (meta[1] as unknown[][]).every((page) => typeof page[0] === 'string') &&
    (meta[2] as unknown[][]).every((chunk) => typeof chunk[2] === 'string');
  if (!ok)
    throw new SearchIndexError(
      `${file} 的结构与 Pagefind 1.x 不同（版本 ${Array.isArray(meta) ? String(meta[0]) : '未知'}）：升级 Pagefind 后请同步修改 src/build/search/pagefind-meta.ts`,
    );
  return meta as PagefindMeta;
}

export function writeMeta(file: string, meta: PagefindMeta): void {
  const body = encode(meta);
  writeFileSync(file, gzipSync(Buffer.concat([Buffer.from(SIGNATURE, 'latin1'), body]), { level: 9 }));
}

/**
 * Replaces an index folder's metadata with `meta`, under a name of its own content's
 * hash, and points `pagefind-entry.json` to it (with its page count). Kept under the
 * name Pagefind gave the original, a rewritten file could meet a browser's cached copy
 * of another build's metadata of that name.
 */
export function replaceMeta(folder: string, meta: PagefindMeta): void {
  const old = metaFile(folder);
  const entryFile = path.join(folder, 'pagefind-entry.json');
  const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { languages: Record<string, { hash: string; page_count?: number }> };
  const [language, info] = Object.entries(entry.languages)[0];
  const scratch = path.join(folder, 'pagefind.new.pf_meta');
  writeMeta(scratch, meta);
  const hash = `${language}_${createHash('sha256').update(readFileSync(scratch)).digest('hex').slice(0, 13)}`;
  rmSync(old);
  renameSync(scratch, path.join(folder, `pagefind.${hash}.pf_meta`));
  entry.languages[language] = { ...info, hash, page_count: meta[1].length };
  writeFileSync(entryFile, JSON.stringify(entry));
}

/** Page `g` of the whole catalog as the search page knows it: its number in base 36. */
export function pageId(g: number): string {
  return g.toString(36);
}

/**
 * Rewrites an index folder's metadata for the compact search files: page `i` gets the
 * id `pageId(rank[i])` (what a search result's `id` then is), index chunks get short
 * names (their files renamed to match), and filters and sorts are dropped. `rank` gives
 * each page (by its Pagefind hash, in Pagefind's order) its number; by default its
 * place in that order. Returns the Pagefind hashes by number, to match the pages with
 * their fragments.
 */
export function compactMeta(folder: string, rank: (hashes: string[]) => number[] = (hashes) => hashes.map((_, i) => i)): string[] {
  const file = metaFile(folder);
  const meta = readMeta(file);
  const hashes = meta[1].map((page) => page[0] as string);
  const ranks = rank(hashes);
  const byNumber: string[] = [];
  for (const [i, page] of meta[1].entries()) {
    page[0] = pageId(ranks[i]);
    byNumber[ranks[i]] = hashes[i];
  }
  meta[2].forEach((chunk, j) => {
    const name = `c${j.toString(36)}`;
    renameSync(path.join(folder, 'index', `${chunk[2] as string}.pf_index`), path.join(folder, 'index', `${name}.pf_index`));
    chunk[2] = name;
  });
  meta[3] = [];
  meta[4] = [];
  replaceMeta(folder, meta);
  return byNumber;
}
