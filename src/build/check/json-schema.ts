/**
 * JSON Schemas of the front matter of each library (and of schools.yaml and
 * taxonomy.yaml), generated from the same zod schemas the checker and the build use.
 * zod describes the input side (`io: 'input'`); three things it cannot know are added:
 * the terms of each vocabulary (as `enum`, labels and aliases), dates (`format: date`),
 * and a Chinese description of every field for editor tooltips.
 */
import { z } from 'astro/zod';
import {
  COLLECTIONS,
  createSchemas,
  idSchema,
  schoolsFileSchema,
  taxonomySchema,
  type Collection,
  type Taxonomy,
  type VocabularyName,
} from '../../schemas/index.ts';

/** Tooltips: what each field means (docs/content-model.md in one line). */
const DESCRIPTIONS: Record<string, string> = {
  title: '标题（2–80 字）',
  name: '名称（2–80 字）',
  summary: '一段话摘要，用于卡片和搜索结果（10–300 字）',
  topics: '专题领域：taxonomy.yaml 中 topics 的词条，1–6 个',
  owner: '维护本条目的党校：schools.yaml 中的 id',
  reviewed: '最近一次复核内容的日期 YYYY-MM-DD，不能晚于今天',
  tags: '自由关键词，供搜索使用',
  pillar: '内容板块：taxonomy.yaml 中 pillars 的词条',
  formats: '教学形式：taxonomy.yaml 中 formats 的词条',
  audiences: '培训对象：taxonomy.yaml 中 audiences 的词条',
  hours: '学时：0.5–40，0.5 的整数倍',
  instructors: '教师 id 列表（instructors/ 中的文件名）',
  cases: '案例 id 列表（cases/ 中的文件名）；不能引用内部案例',
  sites: '现场教学点 id 列表（sites/ 中的文件名）',
  delivery: '授课方式：线下 · 线上 · 混合（默认线下）',
  status: '状态',
  featured: '是否精品课程',
  objectives: '教学目标',
  region: '所在地区，如 广东省佛山市南海区',
  year: '事件发生的年份（1949 至明年）',
  kind: '案例类型：taxonomy.yaml 中 case_kinds 的词条',
  sources: '公开来源，至少 1 个',
  visibility: '公开（默认）或 内部：内部案例只检查、不发布',
  questions: '讨论题',
  authors: '案例编写者（教师 id）',
  category: '类别：taxonomy.yaml 中的词条',
  address: '地址（单位地址，不写个人住址）',
  location: '坐标 {lat, lng, crs}，crs 为 WGS84 或 GCJ02（默认）',
  host: '承接单位',
  duration: '一次现场教学的时长（分钟，30–480）',
  capacity: '人数',
  admitted: '纳入现场教学库的日期；状态为 已纳入 时必填',
  booking_days: '需提前预约的天数',
  accessibility: '无障碍信息',
  safety: '安全须知',
  employment: '专职 · 兼职',
  affiliation: '工作单位',
  position: '职务或职称',
  term: '聘期 {start, end}',
  photo: '照片：相对于本条目文件的图片路径',
  photo_alt: '照片的文字说明（有照片时必填）',
  publish: 'false 时不生成个人页面（默认 true）',
  start: '开始日期',
  end: '结束日期',
  venue: '培训地点',
  sessions: '课程安排：每项 {date, from, to, course?, site?, title?, instructors?}',
  evaluation: '训后评估：本班次问卷的汇总结果（只写汇总，不写个人答卷），班次结束后填写',
  // Fields inside an object, by dotted path (list items leave no segment).
  'evaluation.date': '问卷截止日期 YYYY-MM-DD：不早于班次结束日期 end，不能晚于今天',
  'evaluation.respondents': '答卷人数（整数，至少 1）',
  'evaluation.scale': '评分制：5（默认）或 100',
  'evaluation.overall': '班次总体评分，在评分制范围内（5 分制 1–5，百分制 0–100）',
  'evaluation.courses': '课程评分：每项 {course, score}，至少 1 项，每门课程只写一次',
  'evaluation.courses.course': '课程 id：须是本班次 sessions 中安排的课程',
  'evaluation.courses.score': '该课程的汇总评分，在评分制范围内（5 分制 1–5，百分制 0–100）',
};

const DATE = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD' };

const FIELD_DESCRIPTIONS = new Set<unknown>([DATE.description, ...Object.values(DESCRIPTIONS)]);

/**
 * Field descriptions, set by field path on a copy of zod's output. zod converts a schema
 * used by several fields once (its override sees only the first field) and inlines the
 * result everywhere, so a description set there would turn up under every field sharing
 * the schema (`start` described as `reviewed`, a session's `course` as `owner`).
 * A vocabulary's description stays; one borrowed from another field is replaced or dropped.
 */
function describeFields(node: Record<string, any>, names: string[]) {
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, any>>)) {
    const field = [...names, key].join('.');
    const own = Object.hasOwn(DESCRIPTIONS, field) ? DESCRIPTIONS[field] : undefined;
    const borrowed = FIELD_DESCRIPTIONS.has(child.description);
    if (own && (child.description === undefined || borrowed)) child.description = own;
    else if (!own && borrowed) {
      if (child.format === 'date') child.description = DATE.description;
      else delete child.description;
    }
    for (let inner = child; inner && typeof inner === 'object'; inner = inner.items) describeFields(inner, [...names, key]);
  }
}

/** The vocabulary a term field checks against, found by feeding it a word no vocabulary has. */
function vocabularyOf(schema: z.ZodType): VocabularyName | undefined {
  const def = (schema as any)._zod?.def;
  if (def?.type !== 'pipe' || def.in?._zod?.def?.type !== 'string') return undefined;
  const result = schema.safeParse('\u0000');
  const params = result.success
    ? undefined
    : (result.error.issues[0] as { params?: { kind?: string; vocabulary?: VocabularyName } }).params;
  return params?.kind === 'vocabulary' ? params.vocabulary : undefined;
}

function isDate(schema: z.ZodType): boolean {
  const def = (schema as any)._zod?.def;
  const input = def?.type === 'pipe' ? def.in?._zod?.def : undefined;
  return input?.type === 'union' && input.options.some((o: any) => o._zod?.def?.type === 'date');
}

function toJsonSchema(schema: z.ZodType, taxonomy: Taxonomy | undefined, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const target = ctx.jsonSchema as Record<string, unknown>;
      const key = ctx.path[ctx.path.length - 1];
      if (isDate(ctx.zodSchema as unknown as z.ZodType)) {
        for (const k of Object.keys(target)) delete target[k];
        Object.assign(target, DATE);
        return;
      }
      const vocabulary = taxonomy && vocabularyOf(ctx.zodSchema as unknown as z.ZodType);
      if (vocabulary && taxonomy) {
        const terms = taxonomy.vocabularies[vocabulary].terms;
        target.enum = terms.flatMap((t) => [t.label, ...t.aliases]);
        target.description = `taxonomy.yaml 中 ${vocabulary} 的词条（繁体别名可用，检查器会提示改为规范写法）`;
      }
      // The latest year moves with the calendar; left out so the committed file stays put.
      if (key === 'year') delete target.maximum;
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  describeFields(rest, []);
  return { $schema, $comment: '由 npm run schemas 从 src/schemas/ 生成，请勿手改', title, ...rest };
}

const TITLES: Record<Collection | 'schools' | 'taxonomy', string> = {
  courses: '四库 · 课程库条目（courses/<id>.md 的 front matter）',
  cases: '四库 · 案例库条目（cases/<id>.md 的 front matter）',
  sites: '四库 · 现场教学点条目（sites/<id>.md 的 front matter）',
  instructors: '四库 · 师资库条目（instructors/<id>.md 的 front matter）',
  programs: '四库 · 培训班次（programs/<id>.md 的 front matter）',
  schools: '四库 · schools.yaml（共建党校列表）',
  taxonomy: '四库 · taxonomy.yaml（受控词表）',
};

/** Every schema, keyed by file name stem (`courses` → schemas/courses.schema.json). */
export function jsonSchemas(taxonomy: Taxonomy, today: string): Record<string, Record<string, unknown>> {
  const schemas = createSchemas({ taxonomy, today, ref: () => idSchema, aliasMode: 'accept' });
  const out: Record<string, Record<string, unknown>> = {};
  for (const collection of COLLECTIONS) out[collection] = toJsonSchema(schemas[collection], taxonomy, TITLES[collection]);
  out.schools = toJsonSchema(schoolsFileSchema, undefined, TITLES.schools);
  out.taxonomy = toJsonSchema(taxonomySchema, undefined, TITLES.taxonomy);
  return out;
}
