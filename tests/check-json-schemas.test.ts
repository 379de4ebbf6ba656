/**
 * schemas/*.schema.json and the field tables of docs/content-model.md: up to date with
 * the zod schemas (`npm run schemas -- --check`, which also proves the `npm run new`
 * templates still pass), and the JSON Schemas usable — every sample entry's front
 * matter validates against its library's schema, and typical mistakes do not (checked
 * with a small validator for the JSON Schema keywords these files use).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_SCHEMA, load } from 'js-yaml';
import { renderModelDocs } from '../src/build/model-docs.ts';
import { fieldsOf, modelSchemas } from '../src/schemas/model.ts';
import { PROJECT_ROOT } from './helpers/build.ts';

type Schema = Record<string, any>;

/** Errors of `value` against the subset of JSON Schema the generated files use. */
function validate(schema: Schema, value: unknown, at = ''): string[] {
  const errors: string[] = [];
  if (schema.anyOf) return (schema.anyOf as Schema[]).some((s) => validate(s, value, at).length === 0) ? [] : [`${at}: 不符合任何一种写法`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} 不在 enum 中`);
  const type = schema.type as string | undefined;
  const typeOk =
    !type ||
    (type === 'integer'
      ? Number.isInteger(value)
      : type === 'array'
        ? Array.isArray(value)
        : type === 'object'
          ? typeof value === 'object' && value !== null && !Array.isArray(value)
          : typeof value === type);
  if (!typeOk) return [...errors, `${at}: 应为 ${type}`];
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: 太短`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: 太长`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: 不符合 ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: 太小`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: 太大`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: 项太少`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${at}: 项太多`);
    if (schema.items)
      value.forEach((v, i) => {
        errors.push(...validate(schema.items, v, `${at}.${i}`));
      });
  }
  if (type === 'object' && value && typeof value === 'object') {
    for (const key of schema.required ?? []) if (!(key in value)) errors.push(`${at}.${key}: 缺少`);
    for (const [key, v] of Object.entries(value)) {
      if (schema.properties?.[key]) errors.push(...validate(schema.properties[key], v, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${key}: 未知字段`);
    }
  }
  return errors;
}

const schema = (name: string): Schema => JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schemas', `${name}.schema.json`), 'utf8'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) =>
    statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : /\.mdx?$/.test(f) ? [path.join(dir, f)] : [],
  );
}

const frontMatter = (file: string) =>
  load(readFileSync(file, 'utf8').split(/^---$/m)[1], { schema: CORE_SCHEMA }) as Record<string, unknown>;

describe('JSON Schemas for editors and tools', () => {
  it('are up to date with the zod schemas (and so are the docs tables and the templates)', () => {
    const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/json-schemas.ts'), '--check'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, SIKU_CONTENT_DIR: '' },
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('accept every sample entry', () => {
    for (const library of ['courses', 'cases', 'sites', 'instructors', 'programs']) {
      const s = schema(library);
      const entries = files(path.join(PROJECT_ROOT, 'content', library));
      expect(entries.length).toBeGreaterThan(0);
      for (const file of entries) expect(validate(s, frontMatter(file)), path.relative(PROJECT_ROOT, file)).toEqual([]);
    }
    expect(
      validate(schema('schools'), load(readFileSync(path.join(PROJECT_ROOT, 'content/schools.yaml'), 'utf8'), { schema: CORE_SCHEMA })),
    ).toEqual([]);
    expect(
      validate(schema('taxonomy'), load(readFileSync(path.join(PROJECT_ROOT, 'content/taxonomy.yaml'), 'utf8'), { schema: CORE_SCHEMA })),
    ).toEqual([]);
  });

  it('catch typical mistakes: a misspelt field, an unknown term, a wrong type, a bad date', () => {
    const course = frontMatter(path.join(PROJECT_ROOT, 'content/courses/nanhai/jiceng-wangge-zhili.md'));
    const s = schema('courses');
    expect(validate(s, { ...course, titel: 'x' })).toContain('.titel: 未知字段');
    expect(validate(s, { ...course, pillar: '不存在的板块' })).toContain('.pillar: "不存在的板块" 不在 enum 中');
    expect(validate(s, { ...course, hours: '三' })).toContain('.hours: 应为 number');
    expect(validate(s, { ...course, reviewed: '2025/13/01' }).join()).toMatch(/reviewed/);
    const { summary: _summary, ...missing } = course;
    expect(validate(s, missing)).toContain('.summary: 缺少');
  });

  it('describe fields in Chinese and list vocabulary terms with their aliases', () => {
    const s = schema('courses');
    expect(s.properties.summary.description).toMatch(/摘要/);
    expect(s.properties.topics.items.enum).toEqual(expect.arrayContaining(['基层治理', '基層治理']));
    expect(s.properties.reviewed).toMatchObject({ type: 'string', format: 'date' });
    expect(schema('sites').properties.category.enum).toContain('灯塔工厂');
  });
});

describe('the field tables of docs/content-model.md', () => {
  const docs = readFileSync(path.join(PROJECT_ROOT, 'docs/content-model.md'), 'utf8');

  it('are generated from the schemas: a hand edit is undone, the prose around them stays', () => {
    expect(renderModelDocs(docs)).toBe(docs);
    const edited = docs
      .replace(/^\| `hours` \|.*$/m, '| `hours` | 数字 | 是 | 学时 |')
      .replace('公开条目不能引用内部案例', '公开条目不得引用内部案例');
    const again = renderModelDocs(edited);
    expect(again).not.toBe(edited);
    expect(again).toContain('公开条目不得引用内部案例');
    expect(again.replace('不得引用', '不能引用')).toBe(docs);
  });

  it('say what the schema says: limits and requiredness from zod, meaning from .meta()', () => {
    const hours = fieldsOf(modelSchemas().courses).find((f) => f.key === 'hours')!;
    expect(docs).toContain(`| \`hours\` | 数字，0.5–40，0.5 的整数倍 | 是 | ${hours.meta.description} |`);
    expect(docs).toMatch(/^\| `admitted` \| 日期 `YYYY-MM-DD` \| 状态为 `已纳入` 时必填 \|/m);
    expect(docs).toMatch(/^`sessions` 的每一项：$/m);
    expect(docs).toMatch(/^`evaluation\.courses` 的每一项：$/m);
  });

  it('each table has its place, and a marker must name a table', () => {
    expect(() => renderModelDocs(docs.replace('<!-- fields:schools -->', '<!-- fields:school -->'))).toThrow(/school/);
    expect(() => renderModelDocs(docs.replace(/<!-- fields:taxonomy -->[\s\S]*?<!-- \/fields -->/, ''))).toThrow(/fields:taxonomy/);
  });
});
