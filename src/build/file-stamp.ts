/**
 * A file's size, modification time (ns) and inode, as one string: it changes whenever
 * the file is written or replaced. The leak guard (leaks/guard.ts) reads again only files
 * whose stamp changed; the index uses a page prepared ahead only while its source's
 * stamp is the one it was prepared from (search/prepare-ahead.ts).
 */
import { readFileSync, statSync } from 'node:fs';

export function fileStamp(file: string): string {
  const { size, mtimeNs, ino } = statSync(file, { bigint: true });
  return `${size}:${mtimeNs}:${ino}`;
}

/**
 * A file's bytes with its stamp, or undefined while it is being written: a page read
 * while Astro was still writing it can end complete and yet carry the stamp of the first
 * part, so the stamp must be the same before and after the read.
 */
export function readSettled(file: string): { bytes: Buffer; stamp: string } | undefined {
  const stamp = fileStamp(file);
  const bytes = readFileSync(file);
  return fileStamp(file) === stamp ? { bytes, stamp } : undefined;
}
