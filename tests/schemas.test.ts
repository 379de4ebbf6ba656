import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../src/build/taxonomy-file.ts';
import { createSchemas, idSchema, normalizeDate, schoolsFileSchema, taxonomySchema } from '../src/schemas/index.ts';
import { allFields, fieldsOf, modelSchemas, undescribed } from '../src/schemas/model.ts';
import { referencesOf } from '../src/shared/refs.ts';
import { FIXTURES } from './helpers/build.ts';

const taxonomy = loadTaxonomy(path.join(FIXTURES, 'basic'));
const schemas = createSchemas({ taxonomy, today: '2026-11-21', ref: () => idSchema, aliasMode: 'accept' });
const strict = createSchemas({ taxonomy, today: '2026-11-21', ref: () => idSchema, aliasMode: 'flag' });

const course = {
  title: '制造业数字化转型',
  summary: '讲解制造业数字化转型的政策工具与实践难点。',
  topics: ['制造业高质量发展'],
  owner: 'city-school',
  reviewed: '2026-09-01',
  pillar: '履职能力',
  formats: ['专题讲授'],
  audiences: ['县处级干部'],
  hours: 3,
  instructors: ['lin-jiaoshou'],
  status: '入库',
};

function messages(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('course schema', () => {
  it('accepts a valid course and fills defaults', () => {
    const parsed = schemas.courses.parse(course);
    expect(parsed.delivery).toBe('线下');
    expect(parsed.featured).toBe(false);
  });

  it('accepts YAML dates (Date objects) and keeps them as YYYY-MM-DD', () => {
    expect(schemas.courses.parse({ ...course, reviewed: new Date('2026-09-01') }).reviewed).toBe('2026-09-01');
  });

  it.each([
    [{ hours: 0.7 }, 'hours: 学时应为 0.5 的整数倍'],
    [{ hours: 41 }, 'hours: 学时最多 40'],
    [{ formats: [] }, 'formats: 至少填写 1 项'],
    [{ status: '上线' }, 'status: 应为以下之一：入库 · 试讲 · 停用'],
    [{ pillar: '理论学习' }, 'pillar: “理论学习” 不在词表 pillars 中'],
    [{ topics: ['制造业高质量发展', '制造业高质量发展'] }, 'topics.1: 重复的项：制造业高质量发展'],
    [{ reviewed: '2027-01-01' }, 'reviewed: 日期不能晚于今天（2026-11-21）'],
    [{ reviewed: '2025-13-01' }, 'reviewed: “2025-13-01” 不是有效日期，应写成 YYYY-MM-DD（如 2026-03-15）'],
    [{ instructors: ['Lin Jiaoshou'] }, 'instructors.0: id 只能用小写拼音或英文字母、数字，以连字符分隔（如 cun-ji-gong-ye-yuan）'],
    [{ summary: '太短' }, 'summary: 至少 10 个字'],
  ])('rejects %j with a useful message', (patch, message) => {
    expect(messages(schemas.courses.safeParse({ ...course, ...patch }))).toContain(message);
  });

  it('rejects unknown fields such as a misspelled title', () => {
    const result = schemas.courses.safeParse({ ...course, titel: 'x' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['titel'] });
  });

  it('maps a vocabulary alias to its label, and flags it in strict mode', () => {
    expect(schemas.courses.parse({ ...course, topics: ['製造業高質量發展'] }).topics).toEqual(['制造业高质量发展']);
    const flagged = strict.courses.safeParse({ ...course, topics: ['製造業高質量發展'] });
    expect(flagged.success).toBe(false);
    expect(flagged.error!.issues[0].message).toContain('是 “制造业高质量发展” 的别名');
  });
});

describe('site, case, instructor and program schemas', () => {
  const site = {
    name: '江门电器灯塔工厂',
    summary: '可参观智能产线与数字化运营中心。',
    topics: ['制造业高质量发展'],
    owner: 'city-school',
    reviewed: '2026-09-10',
    category: '灯塔工厂',
    region: '江门市蓬江区',
    address: '示例工业大道 1 号',
    host: '某电器企业',
    instructors: ['yin-gongjiang'],
    duration: 90,
    capacity: 40,
    status: '培育中',
  };

  it('requires admitted when a site is 已纳入', () => {
    expect(messages(schemas.sites.safeParse({ ...site, status: '已纳入' }))).toContain(
      'admitted: 状态为 “已纳入” 的教学点必须填写纳入日期 admitted（YYYY-MM-DD）',
    );
    expect(schemas.sites.safeParse({ ...site, status: '已纳入', admitted: '2024-05-01' }).success).toBe(true);
  });

  it('defaults location crs to GCJ02 and checks ranges', () => {
    expect(schemas.sites.parse({ ...site, location: { lat: 22.6, lng: 113.1 } }).location?.crs).toBe('GCJ02');
    expect(messages(schemas.sites.safeParse({ ...site, location: { lat: 95, lng: 113.1 } }))).toContain(
      'location.lat: 纬度应在 −90 到 90 之间',
    );
    expect(messages(schemas.sites.safeParse({ ...site, duration: 20 }))).toContain('duration: 时长至少 30 分钟');
  });

  it('checks case sources and years', () => {
    const base = {
      title: '某案例',
      summary: '一段足够长的案例摘要文字。',
      topics: ['基层治理'],
      owner: 'city-school',
      reviewed: '2026-01-01',
      region: '江门市',
      year: 2023,
      sources: [{ title: '报道' }],
    };
    expect(schemas.cases.parse(base).visibility).toBe('公开');
    expect(messages(schemas.cases.safeParse({ ...base, sources: [] }))).toContain('sources: 至少填写 1 个公开来源');
    expect(messages(schemas.cases.safeParse({ ...base, sources: [{ title: '报道', url: 'javascript:alert(1)' }] }))).toContain(
      'sources.0.url: 网址必须以 http:// 或 https:// 开头',
    );
    expect(messages(schemas.cases.safeParse({ ...base, year: 2028 }))).toContain('year: 年份不能晚于 2027');
  });

  it('checks instructor terms', () => {
    const base = {
      name: '林育文',
      summary: '市委党校经济学教研部教师。',
      topics: ['制造业高质量发展'],
      owner: 'city-school',
      reviewed: '2026-01-01',
      category: '党校教师',
      employment: '专职',
      affiliation: '江门市委党校',
      status: '在库',
    };
    expect(schemas.instructors.parse(base).publish).toBe(true);
    expect(messages(schemas.instructors.safeParse({ ...base, term: { start: '2027-01-01', end: '2026-01-01' } }))).toContain(
      'term.end: 聘期开始日期不能晚于结束日期',
    );
  });

  it('checks program sessions: dates within the program, no overlaps, something to do', () => {
    const base = {
      title: '专题班',
      summary: '两天的专题研讨班安排。',
      owner: 'city-school',
      reviewed: '2026-01-01',
      audiences: ['县处级干部'],
      start: '2026-12-01',
      end: '2026-12-02',
      venue: '市委党校',
    };
    const sessions = [
      { date: '2026-12-01', from: '09:00', to: '11:00', title: '开班式' },
      { date: '2026-12-01', from: '10:30', to: '12:00', course: 'zhizao-zhuanxing' },
      { date: '2026-12-05', from: '09:00', to: '10:00', title: '结业' },
      { date: '2026-12-02', from: '09:00', to: '10:00' },
    ];
    const found = messages(schemas.programs.safeParse({ ...base, sessions }));
    expect(found).toContain('sessions.1.from: 与第 1 节（2026-12-01 09:00–11:00）时间重叠');
    expect(found).toContain('sessions.2.date: 2026-12-05 不在班次日期 2026-12-01 至 2026-12-02 之内');
    expect(found).toContain('sessions.3: 每节课至少填写 course、site、title 之一');
  });
});

describe('taxonomy and primitives', () => {
  it('requires a slug for every topic', () => {
    const result = taxonomySchema.safeParse({
      pillars: ['a'],
      formats: ['a'],
      audiences: ['a'],
      case_kinds: ['a'],
      site_categories: ['a'],
      instructor_categories: ['a'],
      topics: ['基层治理'],
    });
    expect(messages(result)).toContain('topics.0: 专题 “基层治理” 缺少 slug（专题页网址 /topics/<slug>/）');
  });

  it('defaults review_months to 12', () => {
    expect(taxonomy.review_months).toBe(12);
  });

  it('rejects impossible calendar dates', () => {
    expect(normalizeDate('2025-02-29')).toBeNull();
    expect(normalizeDate('2024-02-29')).toBe('2024-02-29');
    expect(normalizeDate('2025-13-01')).toBeNull();
  });
});

describe('one home per rule and per text', () => {
  const models = modelSchemas();

  it('every field of every file describes itself in .meta(), nested fields included', () => {
    for (const [name, schema] of Object.entries(models)) expect([name, undescribed(schema)]).toEqual([name, []]);
    const paths = allFields(models.programs).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['sessions.from', 'evaluation.courses.score']));
    expect(allFields(models.taxonomy).map((f) => f.path)).toEqual(expect.arrayContaining(['review_months', 'topics.slug']));
  });

  it('reads requiredness, defaults, limits, vocabularies and reference targets from the schema', () => {
    const course = Object.fromEntries(fieldsOf(models.courses).map((f) => [f.key, f]));
    expect(course.hours).toMatchObject({ required: true, type: { kind: 'number', min: 0.5, max: 40, step: 0.5 } });
    expect(course.delivery).toMatchObject({ required: false, default: '线下', type: { kind: 'choice' } });
    expect(course.topics.type).toMatchObject({ kind: 'list', min: 1, max: 6, unique: true, item: { kind: 'term', vocabulary: 'topics' } });
    expect(course.instructors.type).toMatchObject({ kind: 'list', item: { kind: 'id', ref: 'instructors' } });
    expect(course.owner.type).toEqual({ kind: 'id', ref: 'schools' });
    const site = Object.fromEntries(fieldsOf(models.sites).map((f) => [f.key, f]));
    expect(site.admitted).toMatchObject({ required: false, meta: { requiredWhen: expect.stringContaining('已纳入') } });
  });

  it('the reference table is the schemas’ `ref` metadata', () => {
    const refs = referencesOf('courses', { owner: 's', instructors: ['a'], cases: ['c'], sites: ['x'], title: 'not-a-ref' });
    expect(refs.map((r) => [r.path.join('.'), r.to])).toEqual([
      ['owner', 'schools'],
      ['instructors.0', 'instructors'],
      ['cases.0', 'cases'],
      ['sites.0', 'sites'],
    ]);
    expect(referencesOf('cases', { authors: ['a'] })).toEqual([{ path: ['authors', 0], to: 'instructors', id: 'a' }]);
  });

  const rules = (result: { error?: { issues: Array<{ path: PropertyKey[]; params?: unknown }> } }) =>
    (result.error?.issues ?? []).map((i) => [i.path.join('.'), (i.params as { rule?: string } | undefined)?.rule]);

  it('a rule across fields carries its name and hint, the same whether or not another field failed', () => {
    const site = {
      name: '江门电器灯塔工厂',
      summary: '可参观智能产线与数字化运营中心。',
      topics: ['制造业高质量发展'],
      owner: 'city-school',
      reviewed: '2026-09-10',
      category: '灯塔工厂',
      region: '江门市蓬江区',
      address: '示例工业大道 1 号',
      host: '某电器企业',
      instructors: ['yin-gongjiang'],
      duration: 90,
      capacity: 40,
      status: '已纳入',
    };
    const alone = schemas.sites.safeParse(site).error!.issues.find((i) => i.path.join('.') === 'admitted')!;
    const withWrongType = schemas.sites
      .safeParse({ ...site, duration: '很久' })
      .error!.issues.find((i) => i.path.join('.') === 'admitted')!;
    expect(alone).toMatchObject({
      code: 'custom',
      params: { rule: 'admitted-required', hint: expect.stringContaining('admitted: 2025-05-01') },
    });
    expect(withWrongType).toEqual(alone);
  });

  it('rules read only fields that parsed: a bad time is reported once, by its field', () => {
    const program = {
      title: '专题班',
      summary: '两天的专题研讨班安排。',
      owner: 'city-school',
      reviewed: '2026-01-01',
      audiences: ['县处级干部'],
      start: '2026-12-01',
      end: '2026-12-02',
      venue: '市委党校',
      capacity: '很多',
      sessions: [
        { date: '2026-12-01', from: '09:00', to: '11:00', title: '开班式' },
        { date: '2026-12-01', from: '10:30', to: '12:00', course: 'zhizao-zhuanxing' },
        { date: '2026-12-01', from: '9:00', to: '10:00', title: '研讨' },
      ],
    };
    expect(rules(schemas.programs.safeParse(program))).toEqual([
      ['capacity', undefined],
      ['sessions.2.from', undefined],
      ['sessions.1.from', 'session-overlap'],
    ]);
  });

  it('a school cannot be its own parent (a rule of the school schema, not of the checker)', () => {
    const school = { id: 'city-school', name: '江门市委党校', level: '市级', region: '广东省江门市', parent: 'city-school' };
    expect(rules(schoolsFileSchema.safeParse([school]))).toEqual([['0.parent', 'invalid-value']]);
    expect(schoolsFileSchema.safeParse([{ ...school, parent: undefined }]).success).toBe(true);
  });

  it('a nested object’s rule runs even when the object has an unknown field', () => {
    const base = {
      name: '林育文',
      summary: '市委党校经济学教研部教师。',
      topics: ['制造业高质量发展'],
      owner: 'city-school',
      reviewed: '2026-01-01',
      category: '党校教师',
      employment: '专职',
      affiliation: '江门市委党校',
      status: '在库',
    };
    expect(rules(schemas.instructors.safeParse({ ...base, term: { start: '2027-01-01', end: '2026-01-01', note: 'x' } }))).toEqual([
      ['term', undefined],
      ['term.end', 'date-order'],
    ]);
  });
});
