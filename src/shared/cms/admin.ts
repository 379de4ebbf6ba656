/**
 * The script of /admin/, run after Decap's bundle (decap-cms.js, loaded with
 * `CMS_MANUAL_INIT`): registers Siku's file format, refuses a new entry without a valid
 * id, and starts the editor with /admin/config.yml. Bundled for the browser by
 * src/build/cms/assets.ts.
 */
import { readEntry, writeEntry } from './front-matter.ts';

/** The little of Decap's global `CMS` this script uses. */
interface DecapCms {
  registerCustomFormat(
    name: string,
    extension: string,
    format: { fromFile(raw: string): object; toFile(data: object, order?: string[]): string },
  ): void;
  registerEventListener(listener: { name: string; handler: (args: { entry: ImmutableMap }) => unknown }): void;
  init(options?: object): void;
}
interface ImmutableMap {
  get(key: string): unknown;
  getIn(path: string[]): unknown;
}

declare global {
  interface Window {
    CMS?: DecapCms;
  }
}

/** Same as src/build/cms/config.ts (kept here so the browser bundle stays free of Node code). */
const FORMAT = 'siku-frontmatter';
const ID_FIELD = 'id';
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const cms = window.CMS;
if (!cms) throw new Error('decap-cms.js 没有加载');

cms.registerCustomFormat(FORMAT, 'md', {
  fromFile: (raw) => readEntry(raw),
  toFile: (data, order) => writeEntry(data as Record<string, unknown>, order ?? [], [ID_FIELD]),
});

// A new entry's file name is its id, written once: refuse to save without a valid one
// (Decap's own message for a missing identifier names no field a teacher would recognise).
cms.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    if (!entry.get('newRecord')) return undefined;
    const id = String(entry.getIn(['data', ID_FIELD]) ?? '').trim();
    if (!ID_PATTERN.test(id)) {
      throw new Error(
        `请先填写“id（文件名）”：小写拼音或英文字母、数字，以连字符分隔（如 cun-ji-gong-ye-yuan）${id ? `；“${id}”不符合` : ''}`,
      );
    }
    return undefined;
  },
});

cms.init();
