/**
 * Every field of an entry in human form (学时, 教学形式, 聘期 …). Pages render these
 * as a definition list; search records reuse the short ones as result facts.
 */
import type { SiteLocation } from '../schemas/index.ts';
import type { CaseEntry, Catalog, CatalogEntry, CourseEntry, InstructorEntry, ProgramEntry, SiteEntry } from './catalog.ts';
import { displayName } from './catalog.ts';
import { formatDate } from './dates.ts';
import { courseEvaluation, evaluationText } from './evaluation.ts';
import { schoolHref, topicHref } from './href.ts';
import { statusRemark } from './status.ts';

export interface Link {
  text: string;
  href?: string;
  note?: string;
}

export interface Fact {
  label: string;
  /** Plain text value. */
  text?: string;
  /** Linked values (entries, topics, sources). */
  links?: Link[];
  /** Short enough for result cards. */
  key?: boolean;
  /** The 训后评估 fact's score out of 5 (for machine-readable markup). */
  score?: number;
}

export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} 学时`;
}

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} 分钟` : m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

/** "Open in map" links; Amap takes both systems, geo: URIs are WGS84 by definition. */
export function mapLinks(location: SiteLocation, name: string): Link[] {
  const coordinate = location.crs === 'WGS84' ? 'wgs84' : 'gaode';
  const amap = `https://uri.amap.com/marker?position=${location.lng},${location.lat}&name=${encodeURIComponent(name)}&coordinate=${coordinate}`;
  const links: Link[] = [{ text: '在高德地图中打开', href: amap }];
  if (location.crs === 'WGS84') links.push({ text: '在设备地图中打开', href: `geo:${location.lat},${location.lng}` });
  return links;
}

function entryLinks(
  catalog: Catalog,
  collection: 'courses' | 'cases' | 'sites' | 'instructors',
  ids: readonly string[] | undefined,
): Link[] {
  return catalog.resolve(collection, ids).map((e) => ({ text: displayName(e), href: catalog.href(e), note: statusRemark(e) }));
}

function topicLinks(catalog: Catalog, labels: readonly string[] | undefined): Link[] {
  return (labels ?? []).map((label) => {
    const term = catalog.topic(label);
    return { text: label, href: term?.slug ? topicHref(term.slug) : undefined };
  });
}

function push(out: Fact[], fact: Fact) {
  if ((fact.text !== undefined && fact.text !== '') || (fact.links && fact.links.length > 0)) out.push(fact);
}

/** The fields every library shares, appended after the library's own. */
function commonFacts(catalog: Catalog, entry: CatalogEntry, out: Fact[]) {
  const d = entry.data;
  push(out, { label: '专题', links: topicLinks(catalog, d.topics) });
  const school = catalog.school(d.owner);
  if (school) push(out, { label: '所属党校', links: [{ text: school.name, href: schoolHref(school.id) }], key: true });
  push(out, { label: '标签', text: (d.tags ?? []).join('、') });
  push(out, { label: '复核日期', text: formatDate(d.reviewed) + (catalog.isReviewDue(entry) ? '（待复核）' : '') });
}

function courseFacts(catalog: Catalog, { id, data: d }: CourseEntry, out: Fact[]) {
  // 训后评估 (src/shared/evaluation.ts): nothing at all for a course no program has evaluated.
  const evaluation = courseEvaluation(catalog, id);
  push(out, { label: '内容板块', text: d.pillar, key: true });
  push(out, { label: '学时', text: formatHours(d.hours), key: true });
  push(out, { label: '教学形式', text: d.formats.join('、'), key: true });
  push(out, { label: '培训对象', text: d.audiences.join('、') });
  push(out, { label: '授课方式', text: d.delivery });
  push(out, { label: '状态', text: d.status + (d.featured ? ' · 精品课程' : '') });
  if (evaluation) push(out, { label: '训后评估', text: evaluationText(evaluation), score: evaluation.score });
  push(out, {
    label: '授课教师',
    links: entryLinks(catalog, 'instructors', d.instructors).map((l, i) =>
      i === 0 ? { ...l, note: ['主讲', l.note].filter(Boolean).join('，') } : l,
    ),
  });
  push(out, { label: '使用案例', links: entryLinks(catalog, 'cases', d.cases) });
  push(out, { label: '现场教学点', links: entryLinks(catalog, 'sites', d.sites) });
}

function caseFacts(catalog: Catalog, { data: d }: CaseEntry, out: Fact[]) {
  push(out, { label: '地区', text: d.region, key: true });
  push(out, { label: '年份', text: `${d.year} 年`, key: true });
  push(out, { label: '案例类型', text: d.kind, key: true });
  push(out, { label: '编写者', links: entryLinks(catalog, 'instructors', d.authors) });
  push(out, { label: '相关教学点', links: entryLinks(catalog, 'sites', d.sites) });
  push(out, {
    label: '资料来源',
    links: d.sources.map((s) => ({
      text: s.title,
      href: s.url,
      note: [s.publisher, s.date && formatDate(s.date)].filter(Boolean).join('，') || undefined,
    })),
  });
}

function siteFacts(catalog: Catalog, { data: d }: SiteEntry, out: Fact[]) {
  push(out, { label: '类别', text: d.category, key: true });
  push(out, { label: '状态', text: d.status + (d.admitted ? `（${formatDate(d.admitted)} 纳入）` : ''), key: true });
  push(out, { label: '地区', text: d.region, key: true });
  push(out, { label: '地址', text: d.address });
  if (d.location) push(out, { label: '地图', links: mapLinks(d.location, d.name) });
  push(out, { label: '承接单位', text: d.host });
  push(out, { label: '时长', text: formatMinutes(d.duration) });
  push(out, { label: '容纳人数', text: `每批 ${d.capacity} 人` });
  if (d.booking_days !== undefined)
    push(out, { label: '预约', text: d.booking_days === 0 ? '无需提前预约' : `需提前 ${d.booking_days} 天预约` });
  push(out, { label: '教学形式', text: (d.formats ?? []).join('、') });
  push(out, { label: '培训对象', text: (d.audiences ?? []).join('、') });
  push(out, { label: '授课教师', links: entryLinks(catalog, 'instructors', d.instructors) });
  push(out, { label: '无障碍', text: d.accessibility });
  push(out, { label: '安全须知', text: d.safety });
}

function instructorFacts(catalog: Catalog, { data: d }: InstructorEntry, out: Fact[]) {
  push(out, { label: '师资类别', text: d.category, key: true });
  push(out, { label: '专兼职', text: d.employment, key: true });
  push(out, { label: '工作单位', text: d.affiliation, key: true });
  push(out, { label: '职务职称', text: d.position });
  if (d.term)
    push(out, {
      label: '聘期',
      text: `${formatDate(d.term.start)} 至 ${formatDate(d.term.end)}${d.term.end < catalog.today ? '（已到期）' : ''}`,
    });
  push(out, { label: '状态', text: d.status });
}

function programFacts({ data: d }: ProgramEntry, out: Fact[]) {
  push(out, { label: '日期', text: `${formatDate(d.start)} 至 ${formatDate(d.end)}`, key: true });
  push(out, { label: '地点', text: d.venue, key: true });
  push(out, { label: '培训对象', text: d.audiences.join('、') });
  if (d.capacity) push(out, { label: '人数', text: `${d.capacity} 人` });
}

const made = new WeakMap<Catalog, WeakMap<CatalogEntry, Fact[]>>();

/**
 * The entry's facts, made once per catalog: a build asks for them on the entry's page,
 * for its search record, on every card of it (list, topic, school and back-link pages)
 * and for the search fold map. The list is a copy; the facts in it are shared, so
 * callers read them and never change them.
 */
export function factsOf(catalog: Catalog, entry: CatalogEntry): Fact[] {
  let byEntry = made.get(catalog);
  if (!byEntry) {
    byEntry = new WeakMap();
    made.set(catalog, byEntry);
  }
  let facts = byEntry.get(entry);
  if (!facts) {
    facts = makeFacts(catalog, entry);
    byEntry.set(entry, facts);
  }
  return [...facts];
}

function makeFacts(catalog: Catalog, entry: CatalogEntry): Fact[] {
  const out: Fact[] = [];
  switch (entry.collection) {
    case 'courses':
      courseFacts(catalog, entry, out);
      break;
    case 'cases':
      caseFacts(catalog, entry, out);
      break;
    case 'sites':
      siteFacts(catalog, entry, out);
      break;
    case 'instructors':
      instructorFacts(catalog, entry, out);
      break;
    case 'programs':
      programFacts(entry, out);
      break;
  }
  commonFacts(catalog, entry, out);
  return out;
}
