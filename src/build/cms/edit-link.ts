/**
 * The "编辑此页" link for the entry pages (src/components/EntryPage.astro): `SIKU_EDIT_URL`
 * filled for one entry, or undefined when it is not set (no link). Plain Node module.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { editUrl } from '../../shared/cms/edit-link.ts';
import { contentRoot } from '../paths.ts';
import { readEnv } from '../env.ts';
import { cmsSettings, localContentDir } from './settings.ts';

let files: Map<string, string> | undefined;

/** `collection/id` → the file's path under the content root (sub-folders are allowed; the id is the stem). */
function entryFiles(root: string): Map<string, string> {
  if (files) return files;
  files = new Map();
  for (const collection of ['courses', 'cases', 'sites', 'instructors', 'programs']) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(root, collection), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names) {
      const rel = name.split(path.sep).join('/');
      if (/\.mdx?$/.test(rel)) files.set(`${collection}/${path.posix.basename(rel).replace(/\.mdx?$/, '')}`, `${collection}/${rel}`);
    }
  }
  return files;
}

/** The edit link of an entry, or undefined without `SIKU_EDIT_URL`. */
export function editLinkFor(collection: string, id: string): string | undefined {
  const pattern = readEnv('SIKU_EDIT_URL');
  if (!pattern) return undefined;
  const root = contentRoot();
  const file = entryFiles(root).get(`${collection}/${id}`) ?? `${collection}/${id}.md`;
  const contentDir = cmsSettings()?.contentDir ?? localContentDir(root);
  return editUrl(pattern, { collection, id, file, contentDir });
}
