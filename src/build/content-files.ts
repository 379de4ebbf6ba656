/**
 * What a content root holds, walked once and the same way for the checker and for the
 * Astro loaders, so both see exactly the same files.
 *
 * The rule: no symbolic link anywhere in the content root — file or folder, pointing
 * inside or outside. Astro's glob loader follows links, the checker did not, so a
 * linked file or folder was published without ever being checked (and a link can
 * pull in anything on the machine). Git stores links as links (mode 120000), so a pull
 * request can add one; refusing them all is simpler and safer than judging where each
 * one points. Files that are neither files nor folders (named pipes, devices) are
 * refused too: reading one never ends.
 *
 * Also the size limit of one content file, checked with a stat before reading.
 *
 * Plain Node module (no `astro:` imports): used by `src/content.config.ts` and the checker.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';

/** Everything under a content root, relative paths with forward slashes, each list sorted. */
export interface ContentTree {
  /**
   * Regular files, without dot-files and anything in a dot-folder (Astro's globs skip
   * them too).
   */
  files: string[];
  /** Symbolic links, dot-folders included (an image path can still reach into one). */
  links: string[];
  /** Named pipes, sockets, devices. */
  special: string[];
}

/**
 * Walks a content root with `readdir(withFileTypes)`: the file type comes with the
 * listing, so 100,000 files cost one system call per folder, not one per file. Links
 * are listed, never followed. `.git` is not entered (a content root may be a checkout).
 */
export function walkContentRoot(root: string): ContentTree {
  const tree: ContentTree = { files: [], links: [], special: [] };
  if (!isDirectory(root)) return tree;
  const visit = (dir: string, rel: string, hidden: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }) as Dirent[]) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const inHidden = hidden || entry.name.startsWith('.');
      if (entry.isSymbolicLink()) tree.links.push(relPath);
      else if (entry.isDirectory()) {
        if (entry.name !== '.git') visit(path.join(dir, entry.name), relPath, inHidden);
      } else if (entry.isFile()) {
        if (!inHidden) tree.files.push(relPath);
      } else tree.special.push(relPath);
    }
  };
  visit(root, '', false);
  tree.files.sort();
  tree.links.sort();
  tree.special.sort();
  return tree;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Where a link points, for messages. */
export interface LinkInfo {
  /** The link as written (what `ls -l` shows). */
  target: string;
  /** Whether it resolves to somewhere inside the content root. */
  inside: boolean;
  /** A folder, a file, or nothing (a broken link). */
  kind: 'folder' | 'file' | 'broken';
}

/** Reads a link under `root` (`rel` relative to it) without following it further than needed. */
export function describeLink(root: string, rel: string): LinkInfo {
  const full = path.join(root, rel);
  let target = '';
  try {
    target = readlinkSync(full);
  } catch {
    /* gone in the meantime */
  }
  let kind: LinkInfo['kind'] = 'broken';
  let resolved = path.resolve(path.dirname(full), target);
  try {
    kind = statSync(full).isDirectory() ? 'folder' : 'file';
    resolved = realpathSync(full);
  } catch {
    /* broken link: judge by the text of the target */
  }
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    /* keep the path as given */
  }
  const fromRoot = path.relative(realRoot, resolved);
  const inside = fromRoot === '' || (!fromRoot.startsWith('..') && !path.isAbsolute(fromRoot));
  return { target, inside, kind };
}

/** “指向 /etc/x（内容目录之外）” for a link. */
export function linkWhere(info: LinkInfo): string {
  const where =
    info.kind === 'broken' ? '目标不存在' : info.inside ? `内容目录中的${info.kind === 'folder' ? '文件夹' : '文件'}` : '内容目录之外';
  return `指向 ${info.target || '（无法读取）'}（${where}）`;
}

/** What to do about a link: replace it by the real thing. */
export function linkHint(info: LinkInfo): string {
  return info.kind === 'folder'
    ? '删除这个链接，把要发布的文件夹整个复制到这里（链接中的内容不会经过检查，因此不能发布）'
    : '删除这个链接，把要发布的文件复制到这里（链接的文件不会经过检查，因此不能发布）';
}

/**
 * Upper limit of one content file (an entry, schools.yaml, taxonomy.yaml): 1 MiB.
 * About 300,000 Chinese characters — far beyond any course outline or case narrative.
 * A larger file is almost always a mistake (a pasted export, an embedded base64 image)
 * and would only slow every check and build down.
 */
export const MAX_CONTENT_FILE_BYTES = 1024 * 1024;

/** `2.75 MiB`, `640 KB`, `12 字节`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2).replace(/\.?0+$/, '')} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** The message for a file over the limit (bytes too: 1.001 MiB would read as the limit itself). */
export function tooLargeMessage(size: number, limit = MAX_CONTENT_FILE_BYTES): string {
  return `文件大小 ${formatBytes(size)}（${size} 字节），超过了单个内容文件 ${formatBytes(limit)}（${limit} 字节）的上限，没有读取`;
}

/** `lstat`, or undefined when nothing is there. */
export function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The first symbolic link on the way from `root` down to `file` (the file itself
 * included), relative to `root`; undefined when there is none. For files that appear
 * while `astro dev` runs, after the start-up walk.
 */
export function linkOnPath(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    if (lstatOrUndefined(path.join(root, sub))?.isSymbolicLink()) return sub;
  }
  return undefined;
}

/** Thrown by {@link assertPublishableTree}: the content root holds links or special files. */
export class ContentTreeError extends Error {
  override name = 'ContentTreeError';
}

/**
 * Refuses a content root with links or special files, for the site build (`astro build`
 * and `astro dev` load nothing then). One readable Chinese message naming each file
 * (the first 10) and pointing to `npm run check`.
 */
export function assertPublishableTree(root: string, tree: ContentTree = walkContentRoot(root)): void {
  const lines = [
    ...tree.links.map((rel) => `  ${rel} 是符号链接，${linkWhere(describeLink(root, rel))}`),
    ...tree.special.map((rel) => `  ${rel} 不是普通文件（命名管道、设备等）`),
  ];
  if (!lines.length) return;
  const shown = lines.length > 10 ? [...lines.slice(0, 10), `  ……另有 ${lines.length - 10} 个`] : lines;
  throw new ContentTreeError(
    [
      `内容目录 ${root} 中有不能发布的文件，已停止加载内容：`,
      ...shown,
      '内容目录中不允许符号链接：链接的内容不会经过检查。请删除链接，把真实的文件或文件夹复制进来，然后运行 npm run check 查看全部问题。',
    ].join('\n'),
  );
}
