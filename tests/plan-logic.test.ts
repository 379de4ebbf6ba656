/**
 * The plan builder's plain logic: totals, warnings, the share-link codec, stored
 * plans and edits, CSV, and the compact data file's round trip.
 */
import { describe, expect, it } from 'vitest';
import { decodePlan, encodePlan, MAX_COURSES, normalizePlan, resolvePlan, shareUrl } from '../src/shared/plan/codec.ts';
import { BOM, csvCell, csvFileName, planCsv } from '../src/shared/plan/csv.ts';
import { rulesFor } from '../src/shared/plan/rules.ts';
import { addCourse, isEmpty, moveCourse, parsePlan, removeCourse, samePlan } from '../src/shared/plan/store.ts';
import { computeTotals, formatNumber, formatShare } from '../src/shared/plan/totals.ts';
import { emptyPlan, type CourseInfo, type Plan } from '../src/shared/plan/types.ts';
import { missingMessage, planWarnings } from '../src/shared/plan/warnings.ts';
import { decodeData, toWire, type WireData } from '../src/shared/plan/wire.ts';

const PILLARS = ['理论教育', '党性教育', '履职能力', '知识素养'];
const FORMATS = ['专题讲授', '案例教学', '现场教学', '情景模拟', '结构化研讨', '访谈教学'];
const rules = rulesFor(PILLARS, FORMATS);

function course(id: string, over: Partial<CourseInfo> = {}): CourseInfo {
  return {
    id,
    title: `课程${id}`,
    hours: 2,
    pillar: '理论教育',
    formats: ['专题讲授'],
    audiences: ['县处级干部'],
    status: '入库',
    featured: false,
    lead: '王老师',
    url: `/courses/${id}/`,
    instructorIssues: [],
    siteIssues: [],
    ...over,
  };
}

const plan = (over: Partial<Plan> = {}): Plan => ({ ...emptyPlan(), ...over });

describe('rules', () => {
  it('keeps only terms the taxonomy has', () => {
    expect(rules).toEqual({ hoursPerDay: 6, partyPillar: '党性教育', interactive: ['案例教学', '现场教学', '结构化研讨', '情景模拟'] });
    const renamed = rulesFor(['理论', '党性'], ['讲授', '案例教学']);
    expect(renamed.partyPillar).toBeNull();
    expect(renamed.interactive).toEqual(['案例教学']);
  });
});

describe('computeTotals', () => {
  const courses = [
    course('a', { hours: 3, pillar: '理论教育', formats: ['专题讲授'] }),
    course('b', { hours: 2.5, pillar: '党性教育', formats: ['现场教学', '专题讲授'] }),
    course('c', { hours: 1.5, pillar: '履职能力', formats: ['结构化研讨', '案例教学'] }),
    course('d', { hours: 0.5, pillar: '党性教育', formats: ['情景模拟'] }),
  ];

  it('sums 学时 exactly and per 内容板块 in vocabulary order', () => {
    const t = computeTotals(courses, rules, { pillars: PILLARS, formats: FORMATS });
    expect(t.total).toBe(7.5);
    expect(t.count).toBe(4);
    expect(t.byPillar.map((r) => [r.label, r.hours])).toEqual([
      ['理论教育', 3],
      ['党性教育', 3],
      ['履职能力', 1.5],
    ]);
    expect(t.byPillar.reduce((n, r) => n + r.share, 0)).toBeCloseTo(1, 10);
  });

  it('splits a multi-format course equally, so per-format rows add up to the total', () => {
    const t = computeTotals(courses, rules, { pillars: PILLARS, formats: FORMATS });
    const byFormat = Object.fromEntries(t.byFormat.map((r) => [r.label, r.hours]));
    expect(byFormat).toEqual({ 专题讲授: 4.25, 案例教学: 0.75, 现场教学: 1.25, 情景模拟: 0.5, 结构化研讨: 0.75 });
    expect(t.byFormat.map((r) => r.label)).toEqual(['专题讲授', '案例教学', '现场教学', '情景模拟', '结构化研讨']);
    expect(t.byFormat.reduce((n, r) => n + r.hours, 0)).toBeCloseTo(7.5, 10);
  });

  it('reports the 党性教育 and interactive shares', () => {
    const t = computeTotals(courses, rules);
    expect(t.party).toMatchObject({ label: '党性教育', hours: 3 });
    expect(t.party!.share).toBeCloseTo(0.4, 10);
    // 1.25 现场 + 1.5 研讨/案例 + 0.5 模拟
    expect(t.interactive.hours).toBeCloseTo(3.25, 10);
    expect(formatShare(t.interactive.share)).toBe('43.3%');
  });

  it('gives capacity from days, and no share for a taxonomy without the party pillar', () => {
    expect(computeTotals(courses, rules, undefined, 2).capacity).toBe(12);
    expect(computeTotals(courses, rules).capacity).toBeNull();
    expect(computeTotals(courses, rulesFor(['理论'], FORMATS)).party).toBeNull();
  });

  it('handles an empty plan without dividing by zero', () => {
    const t = computeTotals([], rules);
    expect(t.total).toBe(0);
    expect(t.interactive.share).toBe(0);
    expect(t.party!.share).toBe(0);
  });

  it('formats numbers the way data-plan-total shows them', () => {
    expect(formatNumber(7.5)).toBe('7.5');
    expect(formatNumber(7)).toBe('7');
    expect(formatNumber(3 / 7)).toBe('0.43');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
});

describe('planWarnings', () => {
  it('flags 试讲 courses, ended terms, sites not 已纳入 and the wrong audience', () => {
    const courses = [
      course('trial', { status: '试讲' }),
      course('term', { instructorIssues: ['赵老师（聘期已于 2025-06-30 到期）'] }),
      course('site', { siteIssues: ['示例园区（培育中）'] }),
      course('ok', { audiences: ['基层干部'] }),
    ];
    const w = planWarnings(plan({ audience: '基层干部', courses: courses.map((c) => c.id) }), courses, rules);
    expect(w.filter((x) => x.kind === 'trial').map((x) => x.courseId)).toEqual(['trial']);
    expect(w.find((x) => x.kind === 'instructor')!.message).toContain('赵老师（聘期已于 2025-06-30 到期）');
    expect(w.find((x) => x.kind === 'site')!.message).toContain('示例园区（培育中）');
    expect(w.filter((x) => x.kind === 'audience').map((x) => x.courseId)).toEqual(['trial', 'term', 'site']);
    expect(w.some((x) => x.kind === 'over')).toBe(false);
  });

  it('warns when 学时 exceed days × 6, and only then', () => {
    const courses = [course('a', { hours: 4 }), course('b', { hours: 3 })];
    const over = planWarnings(plan({ days: 1 }), courses, rules).find((x) => x.kind === 'over');
    expect(over?.message).toBe('总学时 7 超过 1 天可安排的 6 学时（按每天 6 学时计），请增加天数或删减课程。');
    expect(planWarnings(plan({ days: 2 }), courses, rules)).toEqual([]);
    expect(planWarnings(plan({ days: null }), courses, rules)).toEqual([]);
  });

  it('explains missing courses and says the rest is kept', () => {
    expect(missingMessage([], 3, 'link')).toBeNull();
    const text = missingMessage(['old-course'], 2, 'link')!;
    expect(text).toContain('old-course');
    expect(text).toContain('分享链接');
    expect(text).toContain('其余 2 门课程已保留');
    expect(missingMessage(['x'], 0, 'saved')).toContain('上次保存的方案');
  });
});

describe('share link codec', () => {
  const full = plan({
    title: '基层干部班 & 50%+#研讨, "第一期"',
    audience: '乡科级干部',
    days: 3,
    courses: ['lilun-daodu', 'yingji-moni', 'a1'],
  });

  it('round-trips a plan, including a title with URL-special characters', () => {
    const fragment = encodePlan(full);
    expect(fragment.startsWith('c=lilun-daodu,yingji-moni,a1&t=')).toBe(true);
    expect(fragment).not.toMatch(/[\s#"]/);
    expect(decodePlan(`#${fragment}`)).toEqual({ plan: full, invalid: [] });
    expect(decodePlan(`?${fragment}`)!.plan).toEqual(full);
  });

  it('builds an absolute /plan/ link', () => {
    expect(shareUrl('https://siku.example/', plan({ courses: ['a'] }))).toBe('https://siku.example/plan/#c=a');
    expect(shareUrl('https://siku.example', emptyPlan())).toBe('https://siku.example/plan/');
  });

  it('ignores fragments that are not plans', () => {
    expect(decodePlan('')).toBeNull();
    expect(decodePlan('#')).toBeNull();
    expect(decodePlan('#main')).toBeNull();
    expect(decodePlan('#x=1')).toBeNull();
  });

  it('reads form-style encoding and survives broken percent escapes', () => {
    const d = decodePlan('#c=a&t=%E5%9F%BA%E5%B1%82+%E7%8F%AD&a=%E0%A4%A&d=2')!;
    expect(d.plan).toEqual(plan({ title: '基层 班', audience: '', days: 2, courses: ['a'] }));
  });

  it('drops malformed ids, repeats, and out-of-range days', () => {
    const d = decodePlan('#c=good,Bad_ID,good,,../x,ok-2&d=0')!;
    expect(d.plan.courses).toEqual(['good', 'ok-2']);
    expect(d.invalid).toEqual(['Bad_ID', '../x']);
    expect(d.plan.days).toBeNull();
    expect(decodePlan('#c=a&d=2.5')!.plan.days).toBeNull();
    expect(decodePlan('#c=a&d=366')!.plan.days).toBeNull();
    expect(decodePlan('#c=a&d=365')!.plan.days).toBe(365);
  });

  it('caps the length of titles and course lists', () => {
    const n = normalizePlan({ title: '长'.repeat(200), courses: Array.from({ length: 900 }, (_, i) => `c${i}`) });
    expect([...n.title].length).toBe(80);
    expect(n.courses.length).toBe(MAX_COURSES);
  });

  it('keeps the rest of a plan naming a course that no longer exists', () => {
    const d = decodePlan('#c=lilun-daodu,gone-course,yingji-moni&t=%E7%8F%AD&d=2')!;
    const known = new Set(['lilun-daodu', 'yingji-moni']);
    const r = resolvePlan(d.plan, (id) => known.has(id));
    expect(r.missing).toEqual(['gone-course']);
    expect(r.plan).toEqual(plan({ title: '班', days: 2, courses: ['lilun-daodu', 'yingji-moni'] }));
  });
});

describe('stored plan and edits', () => {
  it('parses what it wrote and tolerates anything else', () => {
    expect(parsePlan(JSON.stringify(plan({ title: 't', courses: ['a', 'a', 'b'] })))).toEqual(plan({ title: 't', courses: ['a', 'b'] }));
    for (const junk of [null, '', '{', '[]', '"x"', '{"courses":"a"}', 'null']) expect(parsePlan(junk)).toEqual(emptyPlan());
  });

  it('adds once, removes, and moves within bounds', () => {
    let p = addCourse(addCourse(addCourse(emptyPlan(), 'a'), 'b'), 'c');
    expect(addCourse(p, 'b')).toBe(p);
    expect(p.courses).toEqual(['a', 'b', 'c']);
    p = moveCourse(p, 'c', -1);
    expect(p.courses).toEqual(['a', 'c', 'b']);
    expect(moveCourse(p, 'a', -1)).toBe(p);
    expect(moveCourse(p, 'b', 5)).toBe(p);
    expect(moveCourse(p, 'zzz', 1)).toBe(p);
    expect(removeCourse(p, 'c').courses).toEqual(['a', 'b']);
  });

  it('compares and detects empty plans', () => {
    expect(isEmpty(emptyPlan())).toBe(true);
    expect(isEmpty(plan({ days: 2 }))).toBe(false);
    expect(samePlan(plan({ courses: ['a'] }), plan({ courses: ['a', 'a'] }))).toBe(true);
    expect(samePlan(plan({ courses: ['a', 'b'] }), plan({ courses: ['b', 'a'] }))).toBe(false);
  });
});

describe('CSV', () => {
  const courses = [
    course('a', { title: '数字政府, "一网通办"与数据共享', hours: 2, formats: ['专题讲授', '访谈教学'], lead: '王明远' }),
    course('b', { title: '=HYPERLINK("x")', hours: 1.5, status: '试讲' }),
  ];
  const text = planCsv(courses, rules, 'https://siku.example');

  it('starts with a BOM and uses CRLF rows', () => {
    expect(text.startsWith(BOM)).toBe(true);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.slice(1).split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('has a header, one row per course in order, and a 合计 row', () => {
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('序号,课程编号,课程名称,学时,内容板块,教学形式,主讲教师,状态,课程网址');
    expect(lines[1]).toBe(
      '1,a,"数字政府, ""一网通办""与数据共享",2,理论教育,专题讲授、访谈教学,王明远,入库,https://siku.example/courses/a/',
    );
    expect(lines[2]).toBe(`2,b,"'=HYPERLINK(""x"")",1.5,理论教育,专题讲授,王老师,试讲,https://siku.example/courses/b/`);
    expect(lines[3]).toBe(',,合计（2 门）,3.5,,,,,');
  });

  it('quotes only what needs quoting', () => {
    expect(csvCell('普通')).toBe('普通');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('-x')).toBe("'-x");
  });

  it('names the file after the plan', () => {
    expect(csvFileName('基层班: 第1期/二', '2026-11-21')).toBe('基层班 第1期二-2026-11-21.csv');
    expect(csvFileName('  ', '2026-11-21')).toBe('培训方案-2026-11-21.csv');
  });
});

describe('data file wire format', () => {
  it('round-trips a course through the compact form', () => {
    const vocab = { pillars: PILLARS, formats: FORMATS, audiences: ['县处级干部', '基层干部'] };
    const c = course('x', {
      pillar: '党性教育',
      formats: ['现场教学', '专题讲授'],
      audiences: ['基层干部'],
      status: '试讲',
      featured: true,
      leadId: 'wang',
      instructorIssues: ['甲（已退出师资库）'],
      siteIssues: ['乙（暂停）'],
    });
    const plain = course('y');
    const wire: WireData = { v: 1, today: '2026-11-21', rules, ...vocab, courses: [toWire(c, vocab), toWire(plain, vocab)] };
    expect(wire.courses[0]).toMatchObject({ p: 1, f: [2, 0], a: [1], s: '试讲', ft: 1 });
    expect(Object.keys(wire.courses[1]).sort()).toEqual(['a', 'f', 'h', 'i', 'l', 'p', 't']);
    const back = decodeData(JSON.parse(JSON.stringify(wire)));
    expect(back.courses.get('x')).toEqual(c);
    expect(back.courses.get('y')).toEqual(plain);
  });
});
