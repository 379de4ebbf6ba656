/**
 * Which files of the content root are entries. Anything the site build would silently
 * skip is said out loud: a library folder spelt wrong, `.MD`, an `.mdx` programme,
 * a stray file. Anything it must not load is refused: symbolic links, named pipes and
 * files over the size limit. The walk is the one the Astro loaders use
 * (src/build/content-files.ts), so checker and build see the same files.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS, type Collection } from '../../schemas/index.ts';
import { describeLink, linkHint, linkWhere, MAX_CONTENT_FILE_BYTES, tooLargeMessage, walkContentRoot } from '../content-files.ts';
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

const ROOT_FILES = new Set(['schools.yaml', 'taxonomy.yaml', 'public-phrases.yaml']);

/** What to do about an entry over the size limit. */
const TOO_LARGE_HINT = '把内容拆成几个条目，或删去误粘贴的大段数据（图片请作为单独的文件引用，不要内嵌 base64）';

/**
 * The entry files of every collection, and diagnostics for files the build would skip
 * or must not load. Entries over {@link MAX_CONTENT_FILE_BYTES} are reported and left
 * out (a stat per entry, before anything is read).
 */
export function listEntryFiles(root: string, diagnostics: Diagnostic[]): EntryFile[] {
  const warn = (file: string, rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'warning') =>
    diagnostics.push({ file, line: 1, column: 1, field: '-', rule, message, hint, severity });
  const tree = walkContentRoot(root);

  for (const rel of tree.links) {
    const info = describeLink(root, rel);
    const what = info.kind === 'folder' ? '这个文件夹' : info.kind === 'file' ? '这个文件' : '这';
    warn(rel, 'symlink', `${what}是符号链接，${linkWhere(info)}；内容目录中不允许符号链接`, linkHint(info), 'error');
  }
  for (const rel of tree.special) {
    warn(
      rel,
      'special-file',
      `不是普通文件（命名管道、设备等），无法读取`,
      '删除它；内容目录中只放条目、图片和根目录的 YAML 文件',
      'error',
    );
  }

  // Files outside the libraries: at the top level, or in folders that are not libraries.
  const strayFolders = new Map<string, string[]>();
  const files: EntryFile[] = [];
  for (const rel of tree.files) {
    const slash = rel.indexOf('/');
    const top = slash === -1 ? rel : rel.slice(0, slash);
    if (slash === -1) {
      if (ROOT_FILES.has(rel)) continue;
      if (/\.ya?ml$/i.test(rel)) {
        const guess = suggest(rel, [...ROOT_FILES]);
        warn(
          rel,
          'ignored-file',
          `${rel} 不会被读取`,
          guess ? `是不是 ${guess}？` : `内容根目录只读取 ${[...ROOT_FILES].join('、')}`,
          guess ? 'error' : 'warning',
        );
      } else if (/\.mdx?$/i.test(rel)) {
        warn(rel, 'ignored-file', `${rel} 放在内容根目录，不会发布`, `条目应放在 ${COLLECTIONS.join('/、')}/ 中`);
      }
      continue;
    }
    if (!(COLLECTIONS as readonly string[]).includes(top)) {
      if (/\.mdx?$/i.test(rel)) strayFolders.set(top, [...(strayFolders.get(top) ?? []), rel]);
      continue;
    }
    const collection = top as Collection;
    const inner = rel.slice(slash + 1);
    const allowed = collection === 'programs' ? ['.md'] : ['.md', '.mdx'];
    const ext = path.extname(inner);
    if (allowed.includes(ext)) {
      const full = path.join(root, rel);
      const size = statSync(full).size;
      if (size > MAX_CONTENT_FILE_BYTES) warn(rel, 'file-too-large', tooLargeMessage(size), TOO_LARGE_HINT, 'error');
      else files.push({ collection, file: rel, full, ext });
    } else if (allowed.includes(ext.toLowerCase()) || /^\.(mdx?|markdown)$/i.test(ext)) {
      const right = allowed.includes(ext.toLowerCase()) ? ext.toLowerCase() : '.md';
      warn(
        rel,
        'bad-extension',
        `扩展名 ${ext} 不会被发布（${collection === 'programs' ? '培训班次只能用 .md' : '只认小写的 .md 和 .mdx'}）`,
        `改名为 ${path.basename(inner, ext)}${right}`,
        'error',
      );
    } else if (!IMAGE.test(inner)) {
      warn(
        rel,
        'ignored-file',
        `不是 ${allowed.join(' 或 ')} 文件，发布时会被忽略`,
        `条目文件的扩展名应为 ${allowed.join(' 或 ')}；附件请勿放在内容目录中`,
      );
    }
  }
  for (const [folder, markdown] of strayFolders) {
    const guess = suggest(folder, COLLECTIONS);
    warn(
      markdown[0],
      'unknown-folder',
      `文件夹 ${folder}/ 不是内容库，其中的 ${markdown.length} 个条目不会发布`,
      guess ? `是不是 ${guess}/？` : `条目应放在 ${COLLECTIONS.join('/、')}/ 中`,
      'error',
    );
  }
  return files;
}
