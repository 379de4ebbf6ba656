/**
 * The form editor's configuration, generated from the content model: every schema field
 * has a widget, vocabularies and references are pick lists, limits and required flags
 * come through; and the file format writes back only what changed.
 */
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cmsConfig, configuredPaths, ID_FIELD, readSchools } from '../src/build/cms/config.ts';
import { cmsSettings, localContentDir } from '../src/build/cms/settings.ts';
import type { CmsField } from '../src/build/cms/widgets.ts';
import { loadTaxonomy } from '../src/build/taxonomy-file.ts';
import { PROJECT_ROOT } from '../src/build/paths.ts';
import { COLLECTIONS } from '../src/schemas/index.ts';
import { allFields, modelSchemas } from '../src/schemas/model.ts';
import { readEntry, SOURCE_KEY, withoutEmpty, writeEntry } from '../src/shared/cms/front-matter.ts';

const root = path.join(PROJECT_ROOT, 'tests/fixtures/basic');
const config = cmsConfig(
  { localBackend: 'http://127.0.0.1:8081/api/v1', contentDir: '' },
  { taxonomy: loadTaxonomy(root), schools: readSchools(root), today: '2026-11-21' },
);
const collection = (name: string) => {
  const found = config.collections.find((c) => c.name === name);
  if (!found) throw new Error(`no collection ${name}`);
  return found;
};
/** The field at a dotted path (list items leave no segment, as in the model). */
function fieldAt(fields: CmsField[], dotted: string): CmsField | undefined {
  const [head, ...rest] = dotted.split('.');
  const field = fields.find((f) => f.name === head);
  if (!field || rest.length === 0) return field;
  return fieldAt((field.fields as CmsField[] | undefined) ?? [], rest.join('.'));
}

describe('generated Decap config', () => {
  it('has one folder collection per library and programs, in Simplified Chinese, from the local backend', () => {
    expect(config.collections.map((c) => c.name)).toEqual([...COLLECTIONS]);
    expect(config.locale).toBe('zh_Hans');
    expect(config.backend).toMatchObject({ name: 'proxy', proxy_url: 'http://127.0.0.1:8081/api/v1' });
    expect(collection('courses')).toMatchObject({ folder: 'courses', extension: 'md', create: true, slug: `{{${ID_FIELD}}}` });
  });

  for (const name of COLLECTIONS) {
    it(`${name}: every schema field has an editor widget with its label, hint and required flag`, () => {
      const fields = collection(name).fields as CmsField[];
      const missing: string[] = [];
      for (const model of allFields(modelSchemas()[name])) {
        const field = fieldAt(fields, model.path);
        if (!field?.widget) {
          missing.push(model.path);
          continue;
        }
        expect(field.label, model.path).toBe(model.meta.title);
        expect(field.hint, model.path).toContain(model.meta.description);
        // Inside an optional object nothing is required in the form (the checker still is);
        // a list item's fields are, since an item exists only once someone adds it.
        const inOptional = (() => {
          const parts = model.path.split('.');
          for (let i = parts.length - 1; i > 0; i--) {
            const parent = allFields(modelSchemas()[name]).find((f) => f.path === parts.slice(0, i).join('.'));
            if (!parent || parent.type.kind === 'list') return false;
            if (!parent.required) return true;
          }
          return false;
        })();
        expect(field.required, model.path).toBe(model.required && !inOptional);
      }
      expect(missing).toEqual([]);
      // Nothing the contract doesn't have, apart from the file name and the body.
      const modelPaths = new Set(allFields(modelSchemas()[name]).map((f) => f.path));
      expect(configuredPaths(fields).filter((p) => !modelPaths.has(p))).toEqual([ID_FIELD, 'body']);
    });
  }

  it('turns vocabularies, references, dates, numbers and nested fields into the right widgets', () => {
    const courses = collection('courses').fields as CmsField[];
    expect(fieldAt(courses, 'pillar')).toMatchObject({ widget: 'select', required: true });
    expect(((fieldAt(courses, 'pillar')?.options ?? []) as { value: string }[]).map((o) => o.value)).toContain('理论教育');
    expect(fieldAt(courses, 'topics')).toMatchObject({ widget: 'select', multiple: true, min: 1, max: 6 });
    expect(fieldAt(courses, 'instructors')).toMatchObject({
      widget: 'relation',
      collection: 'instructors',
      search_fields: ['name'],
      value_field: '{{slug}}',
      multiple: true,
      min: 1,
    });
    expect(fieldAt(courses, 'owner')).toMatchObject({ widget: 'select' });
    expect(fieldAt(courses, 'hours')).toMatchObject({ widget: 'number', value_type: 'float', min: 0.5, max: 40, step: 0.5 });
    expect(fieldAt(courses, 'featured')).toMatchObject({ widget: 'boolean', required: false, default: false });
    expect(fieldAt(courses, 'reviewed')).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD', time_format: false });
    expect(fieldAt(courses, 'title')?.pattern?.[0]).toBe('^[\\s\\S]{2,80}$');
    const programs = collection('programs').fields as CmsField[];
    expect(fieldAt(programs, 'sessions')).toMatchObject({ widget: 'list', min: 1 });
    expect(fieldAt(programs, 'sessions.from')?.pattern?.[0]).toContain('[0-5]');
    expect(fieldAt(programs, 'sessions.site')).toMatchObject({ widget: 'relation', collection: 'sites' });
    const cases = collection('cases').fields as CmsField[];
    expect(fieldAt(cases, 'sources')).toMatchObject({ widget: 'list', min: 1 });
    expect(fieldAt(cases, 'year')).toMatchObject({ widget: 'number', value_type: 'int', min: 1949, max: 2027 });
    // Traditional-script aliases stay choosable, so an entry written with one is not emptied.
    const topics = ((fieldAt(cases, 'topics')?.options ?? []) as { value: string }[]).map((o) => o.value);
    expect(topics).toEqual(expect.arrayContaining(['基层治理', '基層治理']));
    const sites = collection('sites').fields as CmsField[];
    expect(fieldAt(sites, 'location')).toMatchObject({ widget: 'object', required: false });
    expect(fieldAt(sites, 'location.crs')).toMatchObject({ widget: 'select', required: false });
    expect(fieldAt(sites, 'location.crs')?.default).toBeUndefined();
    expect(fieldAt(sites, 'admitted')?.hint).toContain('已纳入');
    const instructors = collection('instructors');
    expect(instructors).toMatchObject({ media_folder: 'photos', public_folder: './photos' });
    expect(fieldAt(instructors.fields as CmsField[], 'photo')).toMatchObject({ widget: 'image' });
    expect(fieldAt(instructors.fields as CmsField[], 'term.start')).toMatchObject({ widget: 'datetime' });
  });

  it('is not built without settings, and reads the content folder for the local backend', () => {
    expect(cmsSettings({})).toBeUndefined();
    expect(cmsSettings({ SIKU_CMS_LOCAL_BACKEND: 'http://localhost:8081/api/v1' })).toMatchObject({ contentDir: 'content' });
    expect(localContentDir(root)).toBe('tests/fixtures/basic');
    expect(localContentDir('/tmp/elsewhere')).toBe('');
  });

  it('reads a forge from a settings file', () => {
    const settings = cmsSettings({ SIKU_CMS_CONFIG: 'tests/fixtures/cms-gitlab.yaml' });
    const forge = cmsConfig(settings ?? { contentDir: '' }, { taxonomy: loadTaxonomy(root), schools: [], today: '2026-11-21' });
    expect(forge.backend).toMatchObject({ name: 'gitlab', repo: 'dangxiao/siku', base_url: 'https://git.dangxiao.example' });
    expect(forge.publish_mode).toBe('editorial_workflow');
    expect(forge.collections[0].folder).toBe('content/courses');
    expect(() => cmsSettings({ SIKU_CMS_CONFIG: 'tests/fixtures/cms-bad.yaml' })).toThrow(/backend\.name/);
  });
});

describe('the editor file format', () => {
  const file = `---
title: 基層治理網格化  # 繁體
summary: 以網格為單元整合力量，提升基層治理的精細化水平。
topics: [基層治理]
owner: nanhai
reviewed: 2026-03-01
sessions:
  - { date: 2026-03-02, from: "09:00", to: "11:00", title: 開班式 }
  - { date: 2026-03-02, from: "14:00", to: "16:00", title: 研討 }
---

正文第一段。
`;

  it('keeps every untouched line, dates as text, comments and flow lists', () => {
    const values = readEntry(file);
    expect(values.reviewed).toBe('2026-03-01');
    expect((values.sessions as { from: string }[])[0].from).toBe('09:00');
    expect(writeEntry(values)).toBe(file);
  });

  it('changes only the edited field', () => {
    const values = readEntry(file);
    const sessions = structuredClone(values.sessions) as { to: string }[];
    sessions[1].to = '17:00';
    const out = writeEntry({ ...values, summary: '以網格為單元整合力量，提升基層治理精細化水平。', sessions });
    const before = file.split('\n');
    const after = out.split('\n');
    expect(after.length).toBe(before.length);
    expect(before.filter((line, i) => line !== after[i])).toEqual([before[2], before[8]]);
    expect(after[8]).toBe('  - { date: 2026-03-02, from: "14:00", to: "17:00", title: 研討 }');
  });

  it('drops empty optional values and form-only fields, quotes times for YAML 1.1 readers', () => {
    const out = writeEntry(
      { id: 'x-y', title: '新课程', tags: [], position: '', term: { start: '', end: '' }, from: '09:30', body: '' },
      ['id', 'title', 'from'],
      ['id'],
    );
    expect(parse(out.split('---\n')[1])).toEqual({ title: '新课程', from: '09:30' });
    expect(out).toContain('from: "09:30"');
    expect(withoutEmpty({ a: [{ b: '' }], c: 0, d: false })).toEqual({ c: 0, d: false });
  });

  it('writes a new entry in the form order', () => {
    const out = writeEntry({ summary: '摘要写在这里就好了', title: '题目', [SOURCE_KEY]: undefined, body: '正文\n' }, ['title', 'summary']);
    expect(out).toBe('---\ntitle: 题目\nsummary: 摘要写在这里就好了\n---\n正文\n');
  });
});
