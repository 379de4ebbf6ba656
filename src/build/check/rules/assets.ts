/**
 * Files an entry points at: an instructor's `photo` and the images of a body. They sit
 * next to the entry (relative paths), inside the content root, and exist — Astro
 * optimises them, and a missing one stops the site build with a far less helpful error.
 * An SVG must also be only a drawing: it is published as a page of its own.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkSvg, describeSvgProblems } from '../../svg/safety.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { CheckedEntry } from '../entry.ts';
import { urlScheme } from './html-policy.ts';
import type { BodyImage } from './unsafe-markup.ts';

export const IMAGE = /\.(png|jpe?g|webp|gif|svg|avif)$/i;

/** Problems with one relative image path, or undefined when it is fine. */
function imageProblem(root: string, entryFile: string, url: string): { rule: string; message: string; hint: string } | undefined {
  const hint = '图片放在条目旁边，用相对路径引用，如 ./photos/zhang-san.jpg';
  let file: string;
  try {
    file = decodeURI(url.split(/[?#]/)[0]);
  } catch {
    file = url;
  }
  if (path.isAbsolute(file) || file.startsWith('/')) return { rule: 'bad-path', message: `图片路径 ${url} 应为相对于条目文件的路径`, hint };
  const full = path.resolve(path.dirname(path.join(root, entryFile)), file);
  const inside = path.relative(root, full);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return { rule: 'bad-path', message: `图片 ${url} 在内容目录之外`, hint };
  if (!IMAGE.test(file)) return { rule: 'bad-path', message: `${url} 不是图片文件（支持 png、jpg、webp、gif、svg、avif）`, hint };
  if (!existsSync(full) || !statSync(full).isFile()) return { rule: 'missing-file', message: `图片文件 ${url} 不存在`, hint };
  if (!looksLikeImage(full))
    return {
      rule: 'bad-image',
      message: `${url} 不是有效的图片文件（文件内容与扩展名不符）`,
      hint: '用看图软件打开确认，重新导出为 png、jpg 或 webp',
    };
  if (/\.svg$/i.test(file)) return svgProblem(full, url);
  return undefined;
}

/**
 * An SVG is published as a file of its own (/_astro/….svg): opened directly, any script
 * in it runs on the site's origin. Only drawings pass (see src/build/svg/safety.ts).
 */
function svgProblem(full: string, url: string): { rule: string; message: string; hint: string } | undefined {
  const problems = checkSvg(readFileSync(full, 'utf8'));
  if (problems.length === 0) return undefined;
  return {
    rule: 'unsafe-svg',
    message: `图片 ${url} 含有${describeSvgProblems(problems)}`,
    hint: '导出为 png/jpg，或删除脚本和事件属性（SVG 中只能有图形，不能有脚本、内嵌网页和外部引用）',
  };
}

/** The first bytes of the common image formats (a .png that is really a Word file stops the site build). */
function looksLikeImage(file: string): boolean {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(64);
  const n = readSync(fd, head, 0, 64, 0);
  closeSync(fd);
  const bytes = head.subarray(0, n);
  const text = bytes.toString('latin1');
  return (
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || // PNG
    (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) || // JPEG
    text.startsWith('GIF8') ||
    (text.startsWith('RIFF') && text.slice(8, 12) === 'WEBP') ||
    text.slice(4, 12) === 'ftypavif' ||
    /^\s*(<\?xml|<svg|<!--|<!DOCTYPE svg)/i.test(bytes.toString('utf8'))
  );
}

/** The instructor's portrait. */
export function checkPhoto(e: CheckedEntry, root: string): Diagnostic[] {
  const photo = e.data?.photo;
  if (e.collection !== 'instructors' || typeof photo !== 'string' || !photo.trim()) return [];
  if (urlScheme(photo) !== null) {
    return [
      {
        file: e.file,
        ...e.locate(['photo']),
        field: 'photo',
        severity: 'error',
        rule: 'external-resource',
        message: `照片 ${photo} 必须是站内文件，不能是网址`,
        hint: '把照片放在条目旁边，如 ./photos/zhang-san.jpg',
      },
    ];
  }
  const problem = imageProblem(root, e.file, photo.trim());
  return problem ? [{ file: e.file, ...e.locate(['photo']), field: 'photo', severity: 'error', ...problem }] : [];
}

/** Markdown images of the body (external ones are reported by the markup rules). */
export function checkBodyImages(e: CheckedEntry, root: string, images: BodyImage[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const image of images) {
    if (urlScheme(image.url) !== null || /^[\\/]{2}/.test(image.url.trim())) continue;
    const problem = imageProblem(root, e.file, image.url.trim());
    if (problem) out.push({ file: e.file, line: image.line, column: image.column, field: 'body', severity: 'error', ...problem });
  }
  return out;
}
