/**
 * /coverage/ on tests/fixtures/coverage (multi-topic and multi-audience courses, a 停用
 * course, an alias in traditional script, a three-format course, a topic and an audience
 * with no course, a category with no site and one with only a 培育中 site, a region in
 * traditional script): the numbers of src/shared/coverage.ts and of the built page against
 * counts made here straight from the fixture's Markdown (gray-matter), every cell link
 * parsed and opened in the real search page, and the page itself in Chromium at 1280 px
 * and 360 px, without JavaScript and printed.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import matter from 'gray-matter';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { coverage, type CoverageMatrix } from '../src/shared/coverage.ts';
import { facetHref } from '../src/build/search/list-facets.ts';
import { fullCharMap } from '../src/build/search/fold-map.ts';
import { parseState } from '../src/shared/search/query.ts';
import { launchBrowser } from './helpers/browser.ts';
import { FIXTURES } from './helpers/build.ts';
import { loadFixtureCatalog } from './helpers/catalogs.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';
import { sharedFixture } from './helpers/shared-builds.ts';

const ROOT = path.join(FIXTURES, 'coverage');
const DONE = '[data-search-results][data-search-state="done"]';

// ---------------------------------------------------------------------------------
// The fixture read independently: gray-matter front matter, labels from taxonomy.yaml.

type Term = string | { label: string; aliases?: string[] };
const taxonomy = parse(readFileSync(path.join(ROOT, 'taxonomy.yaml'), 'utf8')) as Record<string, Term[]>;
const vocab = (name: string) => taxonomy[name].map((t) => (typeof t === 'string' ? t : t.label));
const canonical = (name: string, value: string) => {
  for (const t of taxonomy[name]) {
    if (typeof t === 'string' ? t === value : t.label === value || t.aliases?.includes(value)) return typeof t === 'string' ? t : t.label;
  }
  throw new Error(`${value} not in ${name}`);
};

interface Raw {
  id: string;
  data: Record<string, any>;
}
function readLibrary(name: string): Raw[] {
  const out: Raw[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.mdx?$/.test(f)) out.push({ id: f.replace(/\.mdx?$/, ''), data: matter(readFileSync(p, 'utf8')).data });
    }
  };
  walk(path.join(ROOT, name));
  return out;
}

const TOPICS = vocab('topics');
const AUDIENCES = vocab('audiences');
const PILLARS = vocab('pillars');
const FORMATS = vocab('formats');
const CATEGORIES = vocab('site_categories');
const SITE_STATUSES = ['培育中', '已纳入', '暂停', '退出'];

interface Course {
  id: string;
  topics: string[];
  audiences: string[];
  formats: string[];
  pillar: string;
  hours: number;
  status: string;
}
const allCourses: Course[] = readLibrary('courses').map(({ id, data }) => ({
  id,
  topics: data.topics.map((t: string) => canonical('topics', t)),
  audiences: data.audiences.map((a: string) => canonical('audiences', a)),
  formats: data.formats.map((f: string) => canonical('formats', f)),
  pillar: canonical('pillars', data.pillar),
  hours: data.hours,
  status: data.status,
}));
const usable = allCourses.filter((c) => c.status !== '停用');

/** The few traditional characters the fixture's regions use, folded by hand. */
const T2S: Record<string, string> = { 廣: '广', 東: '东', 門: '门', 會: '会', 區: '区' };
/** Every administrative prefix of a region: 广东省, 广东省江门市, … */
function prefixes(region: string): string[] {
  const simple = [...region].map((c) => T2S[c] ?? c).join('');
  const levels = simple.match(/.+?(省|市|区|县|街道|镇)/g) ?? [simple];
  return levels.map((_, i) => levels.slice(0, i + 1).join(''));
}
interface Site {
  id: string;
  category: string;
  status: string;
  regions: string[];
}
const sites: Site[] = readLibrary('sites').map(({ id, data }) => ({
  id,
  category: canonical('site_categories', data.category),
  status: data.status,
  regions: prefixes(data.region),
}));

const sum = (list: Course[]) => list.reduce((n, c) => n + c.hours, 0);

/** What the search page should list for a URL, by the facet rules (any within a group, all across). */
function expectedResults(href: string): string[] {
  const state = parseState(new URL(href, 'http://x').searchParams);
  const f = state.filters;
  const any = (want: string[] | undefined, have: string[]) => !want || want.some((w) => have.includes(w));
  if (state.lib === 'courses') {
    return allCourses
      .filter(
        (c) =>
          any(f.topic, c.topics) &&
          any(f.audience, c.audiences) &&
          any(f.pillar, [c.pillar]) &&
          any(f.format, c.formats) &&
          any(f.status, [c.status]),
      )
      .map((c) => `/courses/${c.id}/`);
  }
  if (state.lib === 'sites') {
    return sites
      .filter((s) => any(f.site_category, [s.category]) && any(f.status, [s.status]) && any(f.region, s.regions))
      .map((s) => `/sites/${s.id}/`);
  }
  throw new Error(`unexpected lib in ${href}`);
}

// ---------------------------------------------------------------------------------

describe('coverage numbers (src/shared/coverage.ts)', () => {
  let c: ReturnType<typeof coverage>;
  beforeAll(async () => {
    c = coverage(await loadFixtureCatalog('coverage'), fullCharMap());
  });

  it('the fixture is what these tests need', () => {
    expect(allCourses.some((x) => x.status === '停用')).toBe(true);
    expect(usable.some((x) => x.formats.length === 3)).toBe(true);
    expect(TOPICS.some((t) => !usable.some((x) => x.topics.includes(t)))).toBe(true);
    expect(AUDIENCES.some((a) => !usable.some((x) => x.audiences.includes(a)))).toBe(true);
    expect(sites.some((s) => /[廣東門會區]/.test(readFileSync(path.join(ROOT, 'sites', `${s.id}.md`), 'utf8')))).toBe(true);
  });

  it('专题 × 培训对象: count and 学时 of usable courses in every cell, taxonomy order', () => {
    const m = c.topicAudience;
    expect(m.rows.map((r) => r.label)).toEqual(TOPICS);
    expect(m.columns.map((col) => col.label)).toEqual(AUDIENCES);
    for (const [i, t] of TOPICS.entries()) {
      for (const [j, a] of AUDIENCES.entries()) {
        const want = usable.filter((x) => x.topics.includes(t) && x.audiences.includes(a));
        expect([t, a, m.rows[i].cells[j].count, m.rows[i].cells[j].hours]).toEqual([t, a, want.length, sum(want)]);
      }
      const inTopic = usable.filter((x) => x.topics.includes(t));
      expect(m.rows[i].total).toMatchObject({ count: inTopic.length, hours: sum(inTopic) });
    }
    for (const [j, a] of AUDIENCES.entries()) {
      const inAudience = usable.filter((x) => x.audiences.includes(a));
      expect(m.columns[j].total).toMatchObject({ count: inAudience.length, hours: sum(inAudience) });
    }
    expect(m.total).toMatchObject({ count: usable.length, hours: sum(usable) });
    const empty = TOPICS.flatMap((t) => AUDIENCES.filter((a) => !usable.some((x) => x.topics.includes(t) && x.audiences.includes(a))));
    expect(c.gaps).toBe(empty.length);
  });

  it('内容板块 × 教学形式: hours split evenly over a course’s formats; rows add up to the pillar', () => {
    const m = c.pillarFormat;
    expect(m.rows.map((r) => r.label)).toEqual(PILLARS);
    expect(m.columns.map((col) => col.label)).toEqual(FORMATS);
    for (const [i, p] of PILLARS.entries()) {
      const inPillar = usable.filter((x) => x.pillar === p);
      for (const [j, f] of FORMATS.entries()) {
        const withFormat = inPillar.filter((x) => x.formats.includes(f));
        const split = withFormat.reduce((n, x) => n + x.hours / x.formats.length, 0);
        expect(m.rows[i].cells[j].count).toBe(withFormat.length);
        expect(m.rows[i].cells[j].hours).toBeCloseTo(split, 9);
      }
      expect(m.rows[i].total).toMatchObject({ count: inPillar.length, hours: sum(inPillar) });
      expect(m.rows[i].cells.reduce((n, cell) => n + cell.hours!, 0)).toBeCloseTo(sum(inPillar), 9);
    }
    for (const [j, f] of FORMATS.entries()) {
      const split = usable.filter((x) => x.formats.includes(f)).reduce((n, x) => n + x.hours / x.formats.length, 0);
      expect(m.columns[j].total.hours).toBeCloseTo(split, 9);
    }
    expect(m.total.hours).toBe(sum(usable));
  });

  it('现场教学矩阵: category × status counts, categories without 已纳入 flagged', () => {
    const m = c.siteCategory;
    expect(m.rows.map((r) => r.label)).toEqual(CATEGORIES);
    expect(m.columns.map((col) => col.label)).toEqual(SITE_STATUSES);
    for (const [i, cat] of CATEGORIES.entries()) {
      for (const [j, st] of SITE_STATUSES.entries())
        expect(m.rows[i].cells[j].count).toBe(sites.filter((s) => s.category === cat && s.status === st).length);
      expect(m.rows[i].total.count).toBe(sites.filter((s) => s.category === cat).length);
      expect(m.rows[i].gap).toBe(!sites.some((s) => s.category === cat && s.status === '已纳入'));
    }
    expect(c.categoryGaps).toEqual(CATEGORIES.filter((cat) => !sites.some((s) => s.category === cat && s.status === '已纳入')));
    expect(c.categoryGaps.length).toBeGreaterThanOrEqual(2);
    expect(m.total.count).toBe(sites.length);
  });

  it('sites by region: every level (traditional folded into simplified) × status', () => {
    const m = c.siteRegion;
    const regions = [...new Set(sites.flatMap((s) => s.regions))];
    expect(new Set(m.rows.map((r) => r.label))).toEqual(new Set(regions));
    expect(m.rows.map((r) => r.label)).not.toContain('廣東省');
    for (const row of m.rows) {
      const inRegion = sites.filter((s) => s.regions.includes(row.label));
      expect(row.total.count).toBe(inRegion.length);
      for (const [j, st] of SITE_STATUSES.entries()) expect(row.cells[j].count).toBe(inRegion.filter((s) => s.status === st).length);
    }
    // Each place comes right after the place it lies in.
    for (const [i, row] of m.rows.entries()) {
      const parent = prefixes(row.label).at(-2);
      if (parent) expect(m.rows.slice(0, i).map((r) => r.label)).toContain(parent);
    }
  });

  it('every non-empty cell links to the search listing exactly its entries; empty cells link nowhere', () => {
    const matrices: [string, CoverageMatrix][] = Object.entries(c).filter(
      (e): e is [string, CoverageMatrix] => typeof e[1] === 'object' && 'rows' in (e[1] as object),
    );
    expect(matrices).toHaveLength(4);
    for (const [name, m] of matrices) {
      const cells = [...m.rows.flatMap((r) => [...r.cells, r.total]), ...m.columns.map((col) => col.total), m.total];
      for (const cell of cells) {
        if (cell.count === 0) expect(cell.href).toBeNull();
        else expect([name, cell.href, expectedResults(cell.href!).length]).toEqual([name, cell.href, cell.count]);
      }
    }
  });

  it('writes links the way the list pages’ facet links are written', () => {
    const row = c.siteCategory.rows.find((r) => r.total.count > 0)!;
    expect(row.total.href).toBe(facetHref('sites', 'site_category', row.label));
    const href = c.topicAudience.rows[0].cells.find((cell) => cell.href)!.href!;
    const state = parseState(new URL(href, 'http://x').searchParams);
    expect(state.lib).toBe('courses');
    expect(Object.keys(state.filters).sort()).toEqual(['audience', 'status', 'topic']);
    expect(state.filters.status).toEqual(['入库', '试讲']);
  });
});

// ---------------------------------------------------------------------------------

describe('the built /coverage/ page', () => {
  let outDir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let expected: ReturnType<typeof coverage>;

  beforeAll(async () => {
    outDir = await sharedFixture('coverage');
    server = await serveStatic(outDir);
    browser = await launchBrowser();
    page = await browser.newPage();
    expected = coverage(await loadFixtureCatalog('coverage'), fullCharMap());
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Each table as rows of [header, ...cell texts], and every link in it. */
  async function tables(p: Page) {
    return p.$$eval('table.cov-table', (list) =>
      list.map((t) => ({
        id: t.id,
        caption: t.querySelector('caption')?.textContent ?? '',
        columns: [...t.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
        // What the eye reads: the spoken-only context of each link left out.
        rows: [...t.querySelectorAll('tbody tr, tfoot tr')].map((tr) =>
          [...tr.children].map((cell) => {
            const copy = cell.cloneNode(true) as HTMLElement;
            for (const e of copy.querySelectorAll('.visually-hidden')) e.remove();
            for (const e of copy.querySelectorAll('.cov-main, .cov-sub, .cov-flag')) e.before(' ');
            return copy.textContent!.replace(/\s+/g, ' ').trim();
          }),
        ),
        scopes: [...t.querySelectorAll('th')].map((th) => th.getAttribute('scope')),
        links: [...t.querySelectorAll('a')].map((a) => ({
          href: a.getAttribute('href')!,
          text: (a as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
        })),
        region: t.closest('[role="region"]')?.getAttribute('aria-labelledby') === t.querySelector('caption')?.id,
      })),
    );
  }

  it('is readable without JavaScript: semantic tables with the module’s numbers', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    await p.goto(`${server.url}/coverage/`);
    const ts = await tables(p);
    expect(ts.map((t) => t.id)).toEqual(['topic-audience', 'pillar-format', 'site-category', 'site-region']);
    for (const t of ts) {
      expect(t.caption).not.toBe('');
      expect(t.region).toBe(true);
      expect(t.scopes.every((s) => s === 'row' || s === 'col')).toBe(true);
    }
    const [ta, pf, sc] = ts;
    expect(ta.columns.slice(1, -1)).toEqual(AUDIENCES);
    expect(ta.rows.map((r) => r[0])).toEqual([...TOPICS, '合计']);
    for (const [i, t] of TOPICS.entries()) {
      for (const [j, a] of AUDIENCES.entries()) {
        const want = usable.filter((x) => x.topics.includes(t) && x.audiences.includes(a));
        expect([t, a, ta.rows[i][j + 1]]).toEqual([t, a, want.length ? `${want.length} 门 ${sum(want)} 学时` : '— 空缺']);
      }
    }
    expect(ta.rows.at(-1)!.at(-1)).toBe(`${usable.length} 门 ${sum(usable)} 学时`);
    // A three-format course's 4 学时 show as 1.33 in each of its formats.
    const three = usable.find((x) => x.formats.length === 3)!;
    const row = pf.rows[PILLARS.indexOf(three.pillar)];
    expect(row[FORMATS.indexOf('案例教学') + 1]).toMatch(/^1\.33 学时 1 门$/);
    // Categories without an 已纳入 site carry a text mark, not colour alone.
    for (const [i, cat] of CATEGORIES.entries()) {
      const gap = !sites.some((s) => s.category === cat && s.status === '已纳入');
      expect(sc.rows[i][0]).toBe(gap ? `${cat} 尚无已纳入` : cat);
    }
    const text = await p.innerText('main');
    expect(text).toContain('尚无已纳入教学点的类别：红色教育基地、重点园区');
    expect(text).toContain('“1+4”现场教学矩阵');
    expect(text).not.toContain('内部复盘');
    await context.close();
  });

  it('every cell link opens the search page listing exactly the counted entries', async () => {
    await page.goto(`${server.url}/coverage/`);
    const links = (await tables(page)).flatMap((t) => t.links);
    const hrefs = [...new Set(links.map((l) => l.href))];
    expect(hrefs.length).toBeGreaterThan(30);
    const all = [expected.topicAudience, expected.pillarFormat, expected.siteCategory, expected.siteRegion].flatMap((m) => [
      ...m.rows.flatMap((r) => [...r.cells, r.total]),
      ...m.columns.map((col) => col.total),
      m.total,
    ]);
    expect(new Set(hrefs)).toEqual(new Set(all.filter((cell) => cell.href).map((cell) => cell.href)));
    for (const href of hrefs) {
      expect(href).toMatch(/^\/search\/\?lib=(courses|sites)(&|$)/);
      const want = expectedResults(href).sort();
      await page.goto(server.url + href);
      await page.waitForSelector(DONE);
      const got = await page.$$eval('[data-search-results] a[href]', (as) => as.map((a) => a.getAttribute('href')!));
      expect([href, got.sort()]).toEqual([href, want]);
    }
  }, 180_000);

  it('fits 360 px (the tables scroll in their own labelled regions) and 1280 px; screenshots in /tmp', async () => {
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/coverage/`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect([width, overflow]).toEqual([width, 0]);
      await page.screenshot({ path: `/tmp/coverage-${width}.png`, fullPage: true });
    }
    // At 360 px the wide matrix scrolls inside its region, and the region can be reached by keyboard.
    const region = await page.$eval('#topic-audience', (t) => {
      const box = t.closest('[role="region"]') as HTMLElement;
      return { scrolls: box.scrollWidth > box.clientWidth, tabindex: box.tabIndex };
    });
    expect(region).toEqual({ scrolls: true, tabindex: 0 });
  });

  it('prints on A4 landscape without the page chrome', async () => {
    await page.setViewportSize({ width: 1123, height: 794 });
    await page.goto(`${server.url}/coverage/`);
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.$$eval('.site-header, .cov-jump, .site-footer', (els) =>
      els.every((e) => getComputedStyle(e).display === 'none'),
    );
    expect(hidden).toBe(true);
    const overflow = await page.evaluate(() => [...document.querySelectorAll('.cov-scroll')].map((e) => e.scrollWidth - e.clientWidth));
    expect(overflow.every((o) => o <= 0)).toBe(true);
    await page.screenshot({ path: '/tmp/coverage-print.png', fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    writeFileSync('/tmp/coverage.pdf', pdf);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // Every page A4 landscape (842 × 595 pt), the page's own @page rule.
    const boxes = [...pdf.toString('latin1').matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ]);
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every(([w, h]) => w === 842 && h === 595)).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('has no WCAG 2.1 A/AA violations (axe-core)', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/coverage/`);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: any }).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return result.violations.map((v: any) => `${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });
});
