/**
 * A file's size, modification time (ns) and inode, as one string: it changes whenever
 * the file is written or replaced. The leak guard (leaks/guard.ts) reads again only files
 * whose stamp changed; the index uses a page prepared ahead only while its source's
 * stamp is the one it was prepared from (search/prepare-ahead.ts).
 */
import { statSync } from 'node:fs';

export function fileStamp(file: string): string {
  const { size, mtimeNs, ino } = statSync(file, { bigint: true });
  return `${size}:${mtimeNs}:${ino}`;
}
