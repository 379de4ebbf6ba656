/**
 * 训后评估 (the optional `evaluation` block of a program): a valid evaluated program
 * passes the schema and the whole checker without a word; the rules hold with Astro's
 * `reference()` objects too; the references, the JSON Schema and the sample content
 * know the block. The bad inputs are in tests/fixtures/bad-inputs.ts (programs/pinggu-*).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_SCHEMA, load } from 'js-yaml';
import { checkContent } from '../src/build/check/index.ts';
import { loadTaxonomy } from '../src/build/taxonomy-file.ts';
import { referencesOf } from '../src/shared/refs.ts';
import { createSchemas, idSchema, type RefTarget } from '../src/schemas/index.ts';
import { FIXTURE_TODAY, FIXTURES, PROJECT_ROOT } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';

const taxonomy = loadTaxonomy(path.join(FIXTURES, 'basic'));
const schemas = createSchemas({ taxonomy, today: FIXTURE_TODAY, ref: () => idSchema, aliasMode: 'accept' });
/** What Astro's `reference()` yields: `{id, collection}` objects. */
const astroRef = (collection: RefTarget) => idSchema.transform((id) => ({ id, collection }));
const astro = createSchemas({ taxonomy, today: FIXTURE_TODAY, ref: astroRef, aliasMode: 'accept' });

const program = {
  title: '基层治理专题班',
  summary: '两天的基层治理专题班，课堂讲授与研讨结合。',
  owner: 'city-school',
  reviewed: '2026-10-20',
  audiences: ['县处级干部'],
  start: '2026-10-12',
  end: '2026-10-13',
  venue: '江门市委党校',
  sessions: [
    { date: '2026-10-12', from: '09:00', to: '11:30', course: 'zhizao-zhuanxing' },
    { date: '2026-10-13', from: '09:00', to: '11:30', course: 'wangge-zhili' },
    { date: '2026-10-13', from: '14:30', to: '16:00', title: '结业式' },
  ],
};
const evaluation = {
  date: '2026-10-20',
  respondents: 46,
  overall: 4.6,
  courses: [
    { course: 'zhizao-zhuanxing', score: 4.8 },
    { course: 'wangge-zhili', score: 4.2 },
  ],
};

function messages(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('evaluation schema', () => {
  it('accepts aggregate results and defaults the scale to 5', () => {
    const parsed = schemas.programs.parse({ ...program, evaluation });
    expect(parsed.evaluation).toEqual({ ...evaluation, scale: 5 });
    expect(schemas.programs.parse(program).evaluation).toBeUndefined();
  });

  it('accepts the 100-point scale from 0 to 100, dated the last day of the program', () => {
    const hundred = { date: '2026-10-13', respondents: 1, scale: 100, overall: 100, courses: [{ course: 'wangge-zhili', score: 0 }] };
    expect(schemas.programs.safeParse({ ...program, evaluation: hundred }).success).toBe(true);
  });

  it('says what is wrong, in Chinese, at the field', () => {
    const bad = {
      date: '2026-10-12',
      respondents: 46,
      overall: 6,
      courses: [
        { course: 'zhizao-zhuanxing', score: 4.8 },
        { course: 'dangxing-jiaoyu', score: 4.5 },
        { course: 'zhizao-zhuanxing', score: 0.5 },
      ],
    };
    const found = messages(schemas.programs.safeParse({ ...program, evaluation: bad }));
    expect(found).toEqual(
      expect.arrayContaining([
        'evaluation.date: 训后评估日期 2026-10-12 早于班次结束日期 2026-10-13',
        'evaluation.overall: 总体评分 6 超出 5 分制的范围（1–5）',
        'evaluation.courses.1.course: 课程 “dangxing-jiaoyu” 没有安排在本班次的课表中',
        'evaluation.courses.2.score: 课程评分 0.5 超出 5 分制的范围（1–5）',
        'evaluation.courses.2.course: 课程 “zhizao-zhuanxing” 重复评分：第 1 项已经评过',
      ]),
    );
    expect(messages(schemas.programs.safeParse({ ...program, evaluation: { ...evaluation, date: '2026-11-30' } }))).toEqual([
      'evaluation.date: 训后评估日期 2026-11-30 晚于今天（2026-11-21）',
    ]);
    expect(messages(schemas.programs.safeParse({ ...program, evaluation: { ...evaluation, respondents: 0 } }))).toEqual([
      'evaluation.respondents: 答卷人数至少为 1',
    ]);
    expect(messages(schemas.programs.safeParse({ ...program, evaluation: { ...evaluation, courses: [] } }))).toEqual([
      'evaluation.courses: 至少填写 1 门课程的评分',
    ]);
  });

  it('holds aggregates only: no comments, answers or names', () => {
    for (const extra of [{ comments: '很好' }, { answers: [5, 4, 5] }]) {
      const result = schemas.programs.safeParse({ ...program, evaluation: { ...evaluation, ...extra } });
      expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['evaluation'], keys: Object.keys(extra) });
    }
    const named = { ...evaluation, courses: [{ course: 'wangge-zhili', score: 4.2, name: '学员甲' }] };
    expect(schemas.programs.safeParse({ ...program, evaluation: named }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      path: ['evaluation', 'courses', 0],
      keys: ['name'],
    });
  });

  it('compares courses by id when the build hands references as objects', () => {
    const parsed = astro.programs.parse({ ...program, evaluation });
    expect(parsed.evaluation?.courses[0].course).toEqual({ id: 'zhizao-zhuanxing', collection: 'courses' });
    const twice = {
      ...evaluation,
      courses: [...evaluation.courses, { course: 'wangge-zhili', score: 4 }, { course: 'dangxing-jiaoyu', score: 4 }],
    };
    expect(messages(astro.programs.safeParse({ ...program, evaluation: twice }))).toEqual([
      'evaluation.courses.2.course: 课程 “wangge-zhili” 重复评分：第 2 项已经评过',
      'evaluation.courses.3.course: 课程 “dangxing-jiaoyu” 没有安排在本班次的课表中',
    ]);
  });
});

describe('evaluation in the checker', () => {
  it('an evaluated program passes with no diagnostics at all', async () => {
    const root = copyFixture('basic');
    const before = await checkContent({ root, today: FIXTURE_TODAY });
    const yaml = [
      '---',
      `title: ${program.title}`,
      `summary: ${program.summary}`,
      'owner: city-school',
      'reviewed: 2026-10-20',
      'audiences: [县处级干部]',
      'start: 2026-10-12',
      'end: 2026-10-13',
      'venue: 江门市委党校',
      'sessions:',
      '  - { date: 2026-10-12, from: "09:00", to: "11:30", course: zhizao-zhuanxing }',
      '  - { date: 2026-10-13, from: "09:00", to: "11:30", course: wangge-zhili }',
      '  - { date: 2026-10-13, from: "14:30", to: "16:00", title: 结业式 }',
      'evaluation:',
      '  date: 2026-10-20',
      '  respondents: 46',
      '  scale: 5',
      '  overall: 4.6',
      '  courses:',
      '    - course: zhizao-zhuanxing',
      '      score: 4.8',
      '    - course: wangge-zhili',
      '      score: 4.2',
      '---',
      '',
      '两天的专题班。',
      '',
    ].join('\n');
    mkdirSync(path.join(root, 'programs'), { recursive: true });
    writeFileSync(path.join(root, 'programs/pinggu-wanzheng.md'), yaml);
    const result = await checkContent({ root, today: FIXTURE_TODAY });
    expect(result.diagnostics.filter((d) => d.file === 'programs/pinggu-wanzheng.md')).toEqual([]);
    expect(result.errors).toBe(before.errors);
    const entry = result.entries.find((e) => e.id === 'pinggu-wanzheng');
    expect(entry?.valid?.evaluation).toMatchObject({
      respondents: 46,
      scale: 5,
      courses: [
        { course: 'zhizao-zhuanxing', score: 4.8 },
        { course: 'wangge-zhili', score: 4.2 },
      ],
    });
  });

  it('block-style evaluation items are located at their line', async () => {
    const root = copyFixture('basic');
    const text = readFileSync(path.join(root, 'programs/zhizao-ban.md'), 'utf8').replace(
      '\n---\n',
      '\nevaluation:\n  date: 2026-12-02\n  respondents: 30\n  courses:\n    - course: zhizao-zhuanxing\n      score: 4.6\n    - course: cungai-xianchang\n      score: 7\n---\n',
    );
    writeFileSync(path.join(root, 'programs/zhizao-ban.md'), text);
    const result = await checkContent({ root, today: '2026-12-03' });
    const lines = text.split('\n');
    const found = result.diagnostics.filter((d) => d.file === 'programs/zhizao-ban.md').map((d) => [d.field, d.rule, d.line]);
    expect(found).toContainEqual(['evaluation.courses.1.score', 'evaluation-score-range', lines.indexOf('      score: 7') + 1]);
  });
});

describe('evaluation elsewhere', () => {
  it('evaluated courses are references (dangling ids are reported, back-links stay)', () => {
    const refs = referencesOf('programs', {
      owner: 'city-school',
      sessions: [{ course: 'a' }],
      evaluation: {
        courses: [
          { course: 'a', score: 4 },
          // Plain ids: Astro's reference objects are converted at load (src/build/load-catalog.ts).
          { course: 'b', score: 5 },
        ],
      },
    });
    expect(refs).toEqual([
      { path: ['owner'], to: 'schools', id: 'city-school' },
      { path: ['sessions', 0, 'course'], to: 'courses', id: 'a' },
      { path: ['evaluation', 'courses', 0, 'course'], to: 'courses', id: 'a' },
      { path: ['evaluation', 'courses', 1, 'course'], to: 'courses', id: 'b' },
    ]);
  });

  it('the JSON Schema describes the block in Chinese', () => {
    const s = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schemas/programs.schema.json'), 'utf8'));
    const e = s.properties.evaluation;
    expect(e.description).toMatch(/训后评估/);
    expect(e.additionalProperties).toBe(false);
    expect(e.required).toEqual(['date', 'respondents', 'courses']);
    expect(e.properties.date).toMatchObject({ format: 'date', description: expect.stringMatching(/不早于班次结束日期/) });
    expect(e.properties.scale).toMatchObject({ enum: [5, 100], default: 5 });
    expect(e.properties.courses.items.additionalProperties).toBe(false);
    expect(e.properties.courses.items.properties.course.description).toMatch(/sessions/);
    expect(e.properties.courses.items.properties.score.description).toMatch(/汇总评分/);
  });

  it('a sample program carries an evaluation of the courses it scheduled', () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'content/programs/zhizaoye-dangjia-zhuanti-2026.md'), 'utf8');
    const data = load(text.split(/^---$/m)[1], { schema: CORE_SCHEMA }) as Record<string, unknown>;
    const sample = createSchemas({
      taxonomy: loadTaxonomy(path.join(PROJECT_ROOT, 'content')),
      today: FIXTURE_TODAY,
      ref: () => idSchema,
      aliasMode: 'accept',
    });
    const parsed = sample.programs.parse(data);
    expect(parsed.evaluation?.courses.length).toBeGreaterThan(0);
    expect(parsed.evaluation!.date >= parsed.end).toBe(true);
  });
});
