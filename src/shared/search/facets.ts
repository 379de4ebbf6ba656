/**
 * The search facets and sorts: their URL keys (also Pagefind's filter and sort names),
 * Chinese labels and the libraries they apply to. Shared by the entry pages (which emit
 * the values), the list pages' facet panels and the search page script, so a link
 * built on one side is understood on the other. Browser-safe: type imports only.
 */
import type { Library } from '../../schemas/index.ts';

export interface FacetDef {
  /** URL parameter and Pagefind filter name. */
  key: string;
  label: string;
  /** Libraries whose entries carry this facet. */
  libraries: readonly Library[];
}

const ALL: readonly Library[] = ['courses', 'cases', 'sites', 'instructors'];

/** In the order the search page shows them. `lib` is shown as tabs, not as a group. */
export const FACETS: readonly FacetDef[] = [
  { key: 'lib', label: '库', libraries: ALL },
  { key: 'topic', label: '专题', libraries: ALL },
  { key: 'pillar', label: '内容板块', libraries: ['courses'] },
  { key: 'format', label: '教学形式', libraries: ['courses', 'sites'] },
  { key: 'audience', label: '培训对象', libraries: ['courses', 'sites'] },
  { key: 'kind', label: '案例类型', libraries: ['cases'] },
  { key: 'site_category', label: '现场教学点类别', libraries: ['sites'] },
  { key: 'instructor_category', label: '师资类别', libraries: ['instructors'] },
  { key: 'employment', label: '专兼职', libraries: ['instructors'] },
  { key: 'region', label: '地区', libraries: ['cases', 'sites'] },
  { key: 'year', label: '年份', libraries: ['cases'] },
  { key: 'status', label: '状态', libraries: ['courses', 'sites', 'instructors'] },
  { key: 'owner', label: '所属党校', libraries: ALL },
];

export const FACET_KEYS: readonly string[] = FACETS.map((f) => f.key);

export function facetDef(key: string): FacetDef | undefined {
  return FACETS.find((f) => f.key === key);
}

/**
 * Pagefind sort names; entries without the key drop out of a sorted search (every
 * course has `score`, -1 when never evaluated, so unevaluated courses come last).
 */
export interface SortDef {
  /** URL value, e.g. `reviewed-desc`. */
  value: string;
  label: string;
  key?: string;
  direction?: 'asc' | 'desc';
}

export const SORTS: readonly SortDef[] = [
  { value: '', label: '相关度' },
  { value: 'reviewed-desc', label: '复核日期（最近的在前）', key: 'reviewed', direction: 'desc' },
  { value: 'reviewed-asc', label: '复核日期（最早的在前）', key: 'reviewed', direction: 'asc' },
  { value: 'hours-desc', label: '学时（多的在前，仅课程）', key: 'hours', direction: 'desc' },
  { value: 'hours-asc', label: '学时（少的在前，仅课程）', key: 'hours', direction: 'asc' },
  { value: 'score-desc', label: '评分从高到低（训后评估，仅课程）', key: 'score', direction: 'desc' },
  { value: 'year-desc', label: '年份（新的在前，仅案例）', key: 'year', direction: 'desc' },
  { value: 'year-asc', label: '年份（早的在前，仅案例）', key: 'year', direction: 'asc' },
];

const REGION_LEVEL = /.+?(?:特别行政区|自治区|自治州|自治县|地区|街道|省|市|盟|区|县|旗|镇|乡)/gu;

/**
 * A region split into administrative levels: 广东省佛山市南海区桂城街道 →
 * [广东省, 佛山市, 南海区, 桂城街道]. Text after the last suffix is kept as a level of
 * its own; text without any suffix is one level.
 */
export function regionLevels(region: string): string[] {
  const text = region.replace(/\s+/g, '');
  const levels: string[] = text.match(REGION_LEVEL) ?? [];
  const rest = text.slice(levels.join('').length);
  if (rest) levels.push(rest);
  return levels;
}

/**
 * Region facet values: every prefix of the levels (广东省, 广东省佛山市, …), so one
 * filter value selects a province, a city or a district with everything inside it.
 */
export function regionValues(region: string): string[] {
  const levels = regionLevels(region);
  return levels.map((_, i) => levels.slice(0, i + 1).join(''));
}

/** How a region value is shown in a facet list: its last level, indented by depth. */
export function regionDisplay(value: string): { text: string; depth: number } {
  const levels = regionLevels(value);
  return { text: levels[levels.length - 1] ?? value, depth: Math.max(0, levels.length - 1) };
}

const collator = new Intl.Collator('zh-CN');

function compareRegions(a: string, b: string): number {
  const x = regionLevels(a);
  const y = regionLevels(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = collator.compare(x[i], y[i]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/**
 * Facet values in display order: years newest first, regions as a tree (each place
 * followed by the places inside it), vocabulary facets in the taxonomy's order (`order`),
 * anything else by pinyin.
 */
export function sortFacetValues(key: string, values: Iterable<string>, order: readonly string[] = []): string[] {
  const list = [...new Set(values)];
  if (key === 'year') return list.sort((a, b) => Number(b) - Number(a) || collator.compare(a, b));
  if (key === 'region') return list.sort(compareRegions);
  const rank = (v: string) => {
    const i = order.indexOf(v);
    return i < 0 ? order.length : i;
  };
  return list.sort((a, b) => rank(a) - rank(b) || collator.compare(a, b));
}
