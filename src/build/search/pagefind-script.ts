/**
 * Pagefind's browser script with the index entry written in. Stock `pagefind.js` first
 * fetches `pagefind-entry.json` (with a query string that defeats any cache) and only
 * then the metadata and the WebAssembly: one request, and one round trip, before any
 * search can start. The build knows the entry, so it writes a copy of the script that
 * has it inline, named by the hash of its content: a browser's cached copy can never
 * name another build's metadata. The search page loads that copy (./finish-page.ts).
 *
 * Pagefind's script is minified code of one version; if the line this module replaces
 * is not there (another Pagefind version), the build says so and the search page keeps
 * the stock script, which works with one request more.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How Pagefind 1.6's `loadEntry` fetches and reads the entry file. */
export const FETCH_ENTRY = 'let entry_response=await this.throttledFetch(entryUrl);let entry_json=await entry_response.json();';

/** The stock script as Pagefind writes it. */
export const STOCK_SCRIPT = 'pagefind.js';

/** What `writeEntryScript` did: the script's file name in the index folder, or why the stock one stays. */
export type EntryScript = { file: string } | { kept: string };

/**
 * Writes `pagefind.<hash>.js` beside the stock script in the index `folder`, with the
 * folder's `pagefind-entry.json` inline. Call it once the entry is final (after the
 * metadata is rewritten).
 */
export function writeEntryScript(folder: string): EntryScript {
  const stock = path.join(folder, STOCK_SCRIPT);
  const entryFile = path.join(folder, 'pagefind-entry.json');
  if (!existsSync(stock) || !existsSync(entryFile)) return { kept: `${folder} 中没有 ${STOCK_SCRIPT} 或 pagefind-entry.json` };
  const script = readFileSync(stock, 'utf8');
  const at = script.indexOf(FETCH_ENTRY);
  if (at < 0 || script.indexOf(FETCH_ENTRY, at + 1) >= 0)
    return { kept: `${STOCK_SCRIPT} 中找不到读取索引入口的代码（Pagefind 升级后请同步修改 src/build/search/pagefind-script.ts）` };
  // Parsed and written again, so the inline entry is plain JSON whatever the file's spacing.
  const entry = JSON.stringify(JSON.parse(readFileSync(entryFile, 'utf8')));
  const patched = `${script.slice(0, at)}let entry_json=${entry};${script.slice(at + FETCH_ENTRY.length)}`;
  const file = `pagefind.${createHash('sha256').update(patched).digest('hex').slice(0, 10)}.js`;
  writeFileSync(path.join(folder, file), patched);
  return { file };
}
