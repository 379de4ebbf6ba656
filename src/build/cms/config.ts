/**
 * The Decap CMS configuration (/admin/config.yml), generated from the content model at
 * build time: one folder collection per library and one for programs, every field of
 * their schemas as a form widget (./widgets.ts), the vocabularies of taxonomy.yaml and the
 * schools of schools.yaml as pick lists, and the backend from ./settings.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { COLLECTIONS, type Collection } from '../../schemas/index.ts';
import { fieldsOf, modelSchemas } from '../../schemas/model.ts';
import { schoolsFileSchema } from '../../schemas/school.ts';
import { readText } from '../taxonomy-file.ts';
import type { CmsSettings } from './settings.ts';
import { type CmsField, cmsField, DISPLAY_FIELD, ID_FIELD_PATTERN, type SchoolOption, type WidgetContext } from './widgets.ts';

/** The custom file format src/shared/cms/front-matter.ts registers (keeps unchanged YAML as written). */
export const CMS_FORMAT = 'siku-frontmatter';

/** The form field that names a new entry's file (the id); never written into the front matter. */
export const ID_FIELD = 'id';

/** Collection labels in the editor's side bar. */
export const COLLECTION_LABELS: Record<Collection, string> = {
  courses: '课程库',
  cases: '案例库',
  sites: '现场教学库',
  instructors: '师资库',
  programs: '培训班次',
};

/** The schools of schools.yaml for the `owner` pick list (empty when the file is unreadable: the checker says why). */
export function readSchools(root: string): SchoolOption[] {
  const file = path.join(root, 'schools.yaml');
  if (!existsSync(file)) return [];
  try {
    const result = schoolsFileSchema.safeParse(parse(readText(file)));
    return result.success ? result.data.map((s) => ({ id: s.id, name: s.name })) : [];
  } catch {
    return [];
  }
}

/** The id field shown first in every form: only a new entry's file name comes from it. */
function idField(collection: Collection): CmsField {
  return {
    name: ID_FIELD,
    label: 'id（文件名）',
    widget: 'string',
    required: false,
    pattern: ID_FIELD_PATTERN,
    hint: `只在新建时填写：成为文件名和网址 /${collection}/<id>/，发布后不能再改。小写拼音或英文，以连字符分隔，如 cun-ji-gong-ye-yuan。已有条目此处留空。`,
  };
}

/** The Markdown body after the front matter. */
const BODY_FIELD: CmsField = {
  name: 'body',
  label: '正文',
  widget: 'markdown',
  required: false,
  // Raw Markdown first: the rich-text mode rewrites the Markdown it did not write.
  modes: ['raw', 'rich_text'],
  hint: '条目的长文本（课程大纲、案例正文、教学点介绍、个人简介），Markdown 格式',
};

/** One folder collection: the model's fields of `collection`, in the model's order. */
export function collectionConfig(collection: Collection, ctx: WidgetContext, contentDir: string) {
  const display = DISPLAY_FIELD[collection];
  const photos = collection === 'instructors';
  return {
    name: collection,
    label: COLLECTION_LABELS[collection],
    label_singular: COLLECTION_LABELS[collection].replace(/库$/, ''),
    folder: [contentDir, collection].filter(Boolean).join('/'),
    extension: 'md',
    format: CMS_FORMAT,
    create: true,
    delete: false,
    identifier_field: ID_FIELD,
    slug: `{{${ID_FIELD}}}`,
    summary: `{{${display}}}`,
    sortable_fields: [display],
    // The checker validates ids; Decap must not transliterate or lower-case them.
    // Photos go next to the entries, in `photos/`, and the field holds the path relative to
    // the entry. Decap writes it as `photos/x.jpg` (path.join drops the `./`): the checker and
    // Astro's image() read it like the sample's `./photos/x.jpg` (tests/cms-browser.test.ts).
    ...(photos ? { media_folder: 'photos', public_folder: './photos' } : {}),
    fields: [idField(collection), ...fieldsOf(modelSchemas()[collection]).map((f) => cmsField(f, ctx)), BODY_FIELD],
  };
}

/** The whole Decap configuration. */
export function cmsConfig(settings: CmsSettings, ctx: WidgetContext) {
  const backend = settings.localBackend
    ? // decap-server: Decap's proxy backend talks to it directly, on any host name.
      { name: 'proxy', proxy_url: settings.localBackend, branch: settings.file?.backend.branch ?? 'main' }
    : settings.file?.backend;
  const root = settings.contentDir;
  return {
    backend,
    ...(settings.localBackend ? { local_backend: { url: settings.localBackend } } : {}),
    ...(settings.file?.publish_mode ? { publish_mode: settings.file.publish_mode } : {}),
    ...(settings.file?.site_url ? { site_url: settings.file.site_url, display_url: settings.file.site_url } : {}),
    locale: 'zh_Hans',
    // Required by Decap; photos are saved next to their entry (instructors collection).
    media_folder: [root, 'media'].filter(Boolean).join('/'),
    public_folder: '/media',
    slug: { encoding: 'ascii', clean_accents: false, sanitize_replacement: '-' },
    search: true,
    show_preview_links: false,
    editor: { preview: false },
    collections: COLLECTIONS.map((c) => collectionConfig(c, ctx, root)),
  };
}

/** Every field path of a generated collection (nested ones as `sessions.date`), to prove the model is covered. */
export function configuredPaths(fields: CmsField[], parent = ''): string[] {
  return fields.flatMap((f) => {
    const here = parent ? `${parent}.${f.name}` : f.name;
    const nested = (f.fields as CmsField[] | undefined) ?? [];
    return [here, ...configuredPaths(nested, here)];
  });
}
