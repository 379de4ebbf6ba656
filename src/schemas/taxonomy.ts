/**
 * `taxonomy.yaml`: the controlled vocabularies. Each school edits its own; nothing
 * here names a term, so a school can rename every vocabulary without touching code.
 */
import { z } from 'astro/zod';
import { ID_PATTERN } from './primitives.ts';

/** The vocabularies a taxonomy file defines, in the order the docs list them. */
export const VOCABULARY_NAMES = [
  'pillars',
  'formats',
  'audiences',
  'case_kinds',
  'site_categories',
  'instructor_categories',
  'topics',
] as const;
export type VocabularyName = (typeof VOCABULARY_NAMES)[number];

/** One vocabulary term after normalisation. */
export interface Term {
  /** The canonical spelling content should use. */
  label: string;
  /** URL segment; required for topics (`/topics/<slug>/`), optional elsewhere. */
  slug?: string;
  /** Other spellings accepted with a warning, e.g. the traditional-script form. */
  aliases: string[];
}

export interface Vocabulary {
  name: VocabularyName;
  terms: Term[];
}

export interface Taxonomy {
  /** Entries reviewed longer ago than this are shown as 待复核. */
  review_months: number;
  vocabularies: Record<VocabularyName, Vocabulary>;
}

/** `params.kind` of the issue raised for a term that cannot be a URL segment (the checker words its hint). */
export const URL_SEGMENT_ISSUE = 'url-segment';

/**
 * Vocabularies whose terms become URL segments, and the page they name. A term with a
 * `slug` uses the slug (always safe: lower-case letters, digits, hyphens); one without
 * uses its label, so the label must be a safe path segment.
 */
const SEGMENT_PAGES: Partial<Record<VocabularyName, (segment: string) => string>> = {
  audiences: (segment) => `/menu/${segment}/`,
  // A long menu is split into one part per 内容板块 (src/shared/menu-parts.ts).
  pillars: (segment) => `/menu/all/${segment}/`,
};

/**
 * Why `label` cannot be one URL path segment (a folder of the built site), or undefined
 * when it can. Refused: `.` and `..`, separators and URL syntax (`/ \ ? # %`), control
 * characters, surrounding spaces, a leading or trailing dot, and names ending like a
 * file (`index.html`, `feed.xml`), which would collide with a built file.
 */
export function urlSegmentProblem(label: string): string | undefined {
  if (label === '.' || label === '..') return '不能是 . 或 ..';
  if (/[/\\?#%]/.test(label)) return '不能含有 / \\ ? # % 这些网址符号';
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(label)) return '不能含有控制字符（换行、Tab 等）';
  if (label !== label.trim()) return '开头和结尾不能有空格';
  if (label.startsWith('.') || label.endsWith('.')) return '不能以 . 开头或结尾';
  if (/\.[A-Za-z][A-Za-z0-9]*$/.test(label)) return '不能像文件名那样以扩展名（如 .html、.xml、.json）结尾，否则会与生成的文件冲突';
  // One folder name on disk: most file systems allow 255 bytes.
  if (new TextEncoder().encode(label).length > 200) return '太长（网址中的一段最多约 60 个汉字）';
  return undefined;
}

const termSchema = z
  .union(
    [
      z.string().trim().min(1),
      z.strictObject({
        /** Canonical label used in content. */
        label: z
          .string()
          .trim()
          .min(1, { error: '词条的 label 不能为空' })
          .meta({ title: '规范写法', description: '内容中使用的写法，也是页面上显示的名称' }),
        /** URL segment (lower-case letters, digits, hyphens). */
        slug: z
          .string()
          .regex(ID_PATTERN, { error: 'slug 只能用小写字母、数字和连字符' })
          .optional()
          .meta({ title: 'slug', description: '用在网址中、代替词条文字的写法' }),
        /** Accepted variant spellings (e.g. traditional script). */
        aliases: z
          .array(z.string().trim().min(1))
          .optional()
          .meta({ title: '别名', description: '也接受的其他写法（如繁体）：检查器按规范写法处理，并给出警告' }),
      }),
    ],
    { error: '词条应为文字，或 {label, slug?, aliases?}' },
  )
  .meta({ title: '词条', description: '一个词条：直接写文字，或写成 `{label, slug?, aliases?}`' });

function vocabularySchema(name: VocabularyName) {
  return z
    .array(termSchema, { error: `${name} 应为词条列表` })
    .min(1, { error: `${name} 至少需要 1 个词条` })
    .transform((raw, ctx): Vocabulary => {
      const terms: Term[] = raw.map((t) =>
        typeof t === 'string' ? { label: t, aliases: [] } : { label: t.label, slug: t.slug, aliases: t.aliases ?? [] },
      );
      const spellings = new Map<string, number>();
      const slugs = new Set<string>();
      terms.forEach((term, index) => {
        for (const spelling of [term.label, ...term.aliases]) {
          if (spellings.has(spelling)) {
            ctx.issues.push({ code: 'custom', input: spelling, path: [index], message: `“${spelling}” 在 ${name} 中出现了两次` });
          }
          spellings.set(spelling, index);
        }
        if (name === 'topics' && !term.slug) {
          ctx.issues.push({
            code: 'custom',
            input: term,
            path: [index],
            message: `专题 “${term.label}” 缺少 slug（专题页网址 /topics/<slug>/）`,
          });
        }
        const page = SEGMENT_PAGES[name];
        const problem = page && !term.slug ? urlSegmentProblem(term.label) : undefined;
        if (page && problem) {
          ctx.issues.push({
            code: 'custom',
            input: term.label,
            path: typeof raw[index] === 'string' ? [index] : [index, 'label'],
            message: `词条 “${term.label}” 没有 slug，名称会用作网址 ${page(term.label)}，但网址中的一段${problem}`,
            params: { kind: URL_SEGMENT_ISSUE },
          });
        }
        if (term.slug) {
          if (slugs.has(term.slug))
            ctx.issues.push({ code: 'custom', input: term.slug, path: [index, 'slug'], message: `slug “${term.slug}” 重复` });
          slugs.add(term.slug);
        }
      });
      return { name, terms };
    });
}

/** What each vocabulary is for, and the fields that use it. */
const VOCABULARY_META: Record<VocabularyName, { title: string; description: string }> = {
  pillars: {
    title: '内容板块',
    description:
      '课程的内容板块（课程的 `pillar`）；课程菜单较长时每个内容板块一部分，网址 `/menu/<培训对象>/<slug>/`，没有 slug 时直接使用词条文字',
  },
  formats: { title: '教学形式', description: '教学形式（课程和现场教学点的 `formats`）' },
  audiences: {
    title: '培训对象',
    description: '培训对象（课程、现场教学点和班次的 `audiences`）；`slug` 用作课程菜单网址 `/menu/<slug>/`，没有 slug 时直接使用词条文字',
  },
  case_kinds: { title: '案例类型', description: '案例类型（案例的 `kind`）' },
  site_categories: { title: '教学点类别', description: '现场教学点的类别（教学点的 `category`），如“1+9”现场教学矩阵的九类' },
  instructor_categories: { title: '师资类别', description: '师资类别（教师的 `category`），如“五类”师资' },
  topics: { title: '专题领域', description: '专题（各库和班次的 `topics`）；每个专题必须有 `slug`，它是专题页网址 `/topics/<slug>/`' },
};

const vocabularyField = (name: VocabularyName) => vocabularySchema(name).meta(VOCABULARY_META[name]);

export const taxonomySchema = z
  .strictObject({
    /** Months after `reviewed` before an entry is flagged 待复核 (default 12). */
    review_months: z
      .number({ error: 'review_months 应为整数（月数）' })
      .int()
      .min(1)
      .max(120)
      .default(12)
      .meta({ title: '复核期限', description: '条目的复核日期 `reviewed` 超过多少个月显示“待复核”', unit: '个月' }),
    pillars: vocabularyField('pillars'),
    formats: vocabularyField('formats'),
    audiences: vocabularyField('audiences'),
    case_kinds: vocabularyField('case_kinds'),
    site_categories: vocabularyField('site_categories'),
    instructor_categories: vocabularyField('instructor_categories'),
    topics: vocabularyField('topics'),
  })
  .transform(({ review_months, ...vocabularies }): Taxonomy => ({ review_months, vocabularies }));

/** The term a spelling names (label or alias), and whether an alias was used. */
export function resolveTerm(vocabulary: Vocabulary, spelling: string): { term: Term; viaAlias: boolean } | undefined {
  const value = spelling.trim();
  for (const term of vocabulary.terms) {
    if (term.label === value) return { term, viaAlias: false };
  }
  for (const term of vocabulary.terms) {
    if (term.aliases.includes(value)) return { term, viaAlias: true };
  }
  return undefined;
}

/**
 * How a schema treats alias spellings: `accept` maps them to the label silently (the
 * site build); `flag` also raises an issue marked as a warning (the checker).
 */
export type AliasMode = 'accept' | 'flag';

/** A field holding one term of `vocabulary`; outputs the canonical label. */
export function termField(vocabulary: Vocabulary, aliasMode: AliasMode) {
  return z
    .string({ error: `应为 ${vocabulary.name} 词表中的词条` })
    .transform((value, ctx) => {
      const hit = resolveTerm(vocabulary, value);
      if (!hit) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `“${value}” 不在词表 ${vocabulary.name} 中`,
          params: { kind: 'vocabulary', vocabulary: vocabulary.name, value },
        });
        return z.NEVER;
      }
      if (hit.viaAlias && aliasMode === 'flag') {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `“${value}” 是 “${hit.term.label}” 的别名，已按 “${hit.term.label}” 处理；建议改用规范写法`,
          params: { kind: 'alias', severity: 'warning', canonical: hit.term.label },
        });
      }
      return hit.term.label;
    })
    .meta({ vocabulary: vocabulary.name });
}
