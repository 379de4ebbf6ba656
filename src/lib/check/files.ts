/**
 * Which files of the content root are entries. Anything the site build would silently
 * skip is said out loud: a library folder spelt wrong, `.MD`, an `.mdx` programme,
 * a stray file.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS, type Collection } from '../../schemas/index.ts';
import { suggest } from './suggest.ts';
import type { Diagnostic } from './diagnostics.ts';
import { IMAGE } from './rules/assets.ts';

export interface EntryFile {
  collection: Collection;
  /** Relative to the content root, forward slashes. */
  file: string;
  /** Absolute path. */
  full: string;
  ext: string;
}

/** Every file under `dir`, relative, sorted; dot-files and dot-folders are skipped (as the build does). */
function walk(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name), relPath));
    else out.push(relPath);
  }
  return out.sort();
}

const ROOT_FILES = new Set(['schools.yaml', 'taxonomy.yaml']);

/** The entry files of every collection, and diagnostics for files the build would skip. */
export function listEntryFiles(root: string, diagnostics: Diagnostic[]): EntryFile[] {
  const warn = (file: string, rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'warning') =>
    diagnostics.push({ file, line: 1, column: 1, field: '-', rule, message, hint, severity });

  for (const entry of existsSync(root) ? readdirSync(root, { withFileTypes: true }) : []) {
    if (entry.name.startsWith('.') || (COLLECTIONS as readonly string[]).includes(entry.name) || ROOT_FILES.has(entry.name)) continue;
    if (entry.isDirectory()) {
      const markdown = walk(path.join(root, entry.name)).filter((f) => /\.mdx?$/i.test(f));
      if (markdown.length) {
        const guess = suggest(entry.name, COLLECTIONS);
        warn(`${entry.name}/${markdown[0]}`, 'unknown-folder', `文件夹 ${entry.name}/ 不是内容库，其中的 ${markdown.length} 个条目不会发布`, guess ? `是不是 ${guess}/？` : `条目应放在 ${COLLECTIONS.join('/、')}/ 中`, 'error');
      }
    } else if (/\.ya?ml$/i.test(entry.name)) {
      const guess = suggest(entry.name, [...ROOT_FILES]);
      warn(entry.name, 'ignored-file', `${entry.name} 不会被读取`, guess ? `是不是 ${guess}？` : '内容根目录只读取 schools.yaml 和 taxonomy.yaml', guess ? 'error' : 'warning');
    } else if (/\.mdx?$/i.test(entry.name)) {
      warn(entry.name, 'ignored-file', `${entry.name} 放在内容根目录，不会发布`, `条目应放在 ${COLLECTIONS.join('/、')}/ 中`);
    }
  }

  const files: EntryFile[] = [];
  for (const collection of COLLECTIONS) {
    const allowed = collection === 'programs' ? ['.md'] : ['.md', '.mdx'];
    for (const rel of walk(path.join(root, collection))) {
      const file = `${collection}/${rel}`;
      const ext = path.extname(rel);
      if (allowed.includes(ext)) {
        files.push({ collection, file, full: path.join(root, collection, rel), ext });
      } else if (allowed.includes(ext.toLowerCase()) || /^\.(mdx?|markdown)$/i.test(ext)) {
        const right = allowed.includes(ext.toLowerCase()) ? ext.toLowerCase() : '.md';
        warn(file, 'bad-extension', `扩展名 ${ext} 不会被发布（${collection === 'programs' ? '培训班次只能用 .md' : '只认小写的 .md 和 .mdx'}）`, `改名为 ${path.basename(rel, ext)}${right}`, 'error');
      } else if (!IMAGE.test(rel)) {
        warn(file, 'ignored-file', `不是 ${allowed.join(' 或 ')} 文件，发布时会被忽略`, `条目文件的扩展名应为 ${allowed.join(' 或 ')}；附件请勿放在内容目录中`);
      }
    }
  }
  return files;
}
