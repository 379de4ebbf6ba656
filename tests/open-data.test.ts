/**
 * Open data and the sitemap on a real build of tests/fixtures/basic (an internal case,
 * a publish: false instructor named on a course and in a program, a photo, traditional
 * script, a site with a location, an instructor with a term), with a configured site
 * URL. Everything is checked against the fixture's own files read here with gray-matter,
 * not through src/shared/open-data.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPageFile, routePath, sitemapXml } from '../src/shared/sitemap.ts';
import { FIXTURES, listFiles } from './helpers/build.ts';
import { SHARED_SITE, sharedBuild } from './helpers/shared-builds.ts';

const ROOT = path.join(FIXTURES, 'basic');
/** The shared basic build is configured with this site URL (SIKU_SITE_URL=https://siku.example.org/). */
const SITE = SHARED_SITE;
const SETS = ['courses', 'cases', 'sites', 'instructors', 'programs', 'schools'] as const;
const LIBRARIES = ['courses', 'cases', 'sites', 'instructors', 'programs'] as const;
type Set = (typeof SETS)[number];

// ---------------------------------------------------------------------------------
// The fixture, read independently.

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
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const files = Object.fromEntries(LIBRARIES.map((l) => [l, readLibrary(l)])) as Record<(typeof LIBRARIES)[number], Raw[]>;
const schools = (parse(readFileSync(path.join(ROOT, 'schools.yaml'), 'utf8')) as Record<string, unknown>[]).map((s) => ({
  id: String(s.id),
  data: s,
}));
const isPublic: Record<(typeof LIBRARIES)[number], (r: Raw) => boolean> = {
  courses: () => true,
  cases: (r) => r.data.visibility !== '内部',
  sites: () => true,
  instructors: (r) => r.data.publish !== false,
  programs: () => true,
};
const publicOf = (set: Set): Raw[] => (set === 'schools' ? schools : files[set].filter(isPublic[set]));
const hiddenOf = (set: Set): Raw[] => (set === 'schools' ? [] : files[set].filter((r) => !isPublic[set](r)));
const publicIds = Object.fromEntries(SETS.map((s) => [s, new Set(publicOf(s).map((r) => r.id))])) as Record<Set, globalThis.Set<string>>;
const INTERNAL_CASES = hiddenOf('cases');
const HIDDEN_INSTRUCTORS = hiddenOf('instructors');

/** Field names the contract (docs/content-model.md) gives each library. */
function contractFields(): Record<Set, globalThis.Set<string>> {
  const doc = readFileSync(path.join(ROOT, '../../../docs/content-model.md'), 'utf8');
  const sections = doc.split(/\n## /);
  const names = (heading: RegExp) => {
    const section = sections.find((s) => heading.test(s.split('\n')[0]))!;
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    return new Set(rows.flatMap((l) => [...l.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])));
  };
  const common = names(/^四个库共有的字段/);
  const withCommon = (s: globalThis.Set<string>) => new Set([...common, ...s]);
  const schoolSection = sections.find((s) => s.startsWith('schools.yaml'))!;
  return {
    courses: withCommon(names(/^课程库/)),
    cases: withCommon(names(/^案例库/)),
    sites: withCommon(names(/^现场教学库/)),
    instructors: withCommon(names(/^师资库/)),
    programs: names(/^培训班次/),
    schools: new Set(
      /`\{([^}]+)\}`/
        .exec(schoolSection)![1]
        .split(',')
        .map((f) => f.trim().replace(/\?$/, '')),
    ),
  };
}

/** Which fields hold references, and to what (from the contract tables). */
const REFS: Record<string, Record<string, Set>> = {
  courses: { instructors: 'instructors', cases: 'cases', sites: 'sites', owner: 'schools' },
  cases: { sites: 'sites', authors: 'instructors', owner: 'schools' },
  sites: { instructors: 'instructors', owner: 'schools' },
  instructors: { owner: 'schools' },
  programs: { owner: 'schools' },
  schools: {},
};

type Term = string | { label: string; aliases?: string[] };
const taxonomy = parse(readFileSync(path.join(ROOT, 'taxonomy.yaml'), 'utf8')) as Record<string, Term[]>;
/** Vocabulary fields and their vocabularies: an alias is written as the term's label. */
const VOCABULARY: Record<string, string> = {
  topics: 'topics',
  pillar: 'pillars',
  formats: 'formats',
  audiences: 'audiences',
  kind: 'case_kinds',
};
const CATEGORY: Partial<Record<Set, string>> = { sites: 'site_categories', instructors: 'instructor_categories' };
function label(vocabulary: string, value: string): string {
  const term = taxonomy[vocabulary].find((t) => (typeof t === 'string' ? t === value : t.label === value || t.aliases?.includes(value)));
  if (!term) throw new Error(`${value} not in ${vocabulary}`);
  return typeof term === 'string' ? term : term.label;
}

/** A front-matter value as the open data should write it: dates as YYYY-MM-DD, public references only, labels for aliases. */
function expectedValue(set: Set, field: string, value: unknown): unknown {
  const vocabulary = field === 'category' ? CATEGORY[set] : VOCABULARY[field];
  if (vocabulary) return Array.isArray(value) ? value.map((v) => label(vocabulary, v)) : label(vocabulary, value as string);
  const to = REFS[set][field];
  if (to) return Array.isArray(value) ? value.filter((id) => publicIds[to].has(id)) : value;
  if (set === 'programs' && field === 'sessions') {
    return (value as Record<string, unknown>[]).map((s) => {
      const out = normalise(s) as Record<string, unknown>;
      if (Array.isArray(s.instructors)) out.instructors = s.instructors.filter((id) => publicIds.instructors.has(id));
      return out;
    });
  }
  return normalise(value);
}
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

/** RFC 4180, written here: quoted fields with "" escapes and line breaks inside, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** A JSON record as the documented CSV row: lists joined with |, objects as dotted columns, lists of objects as JSON. */
function csvRowOf(record: Record<string, unknown>, header: string[]): string[] {
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (typeof v === 'string') return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join('|');
    return JSON.stringify(v);
  };
  return header.map((h) => {
    const [outer, inner] = h.split('.');
    const v = record[outer];
    return text(inner === undefined ? v : v && typeof v === 'object' ? (v as Record<string, unknown>)[inner] : null);
  });
}

// ---------------------------------------------------------------------------------

let outDir: string;
const json = {} as Record<
  Set,
  { set: string; title: string; generated: string; count: number; fields: string[]; entries: Record<string, any>[] }
>;

beforeAll(async () => {
  const result = await sharedBuild('basic');
  if (result.status !== 0) throw new Error(`构建失败：\n${result.stdout}\n${result.stderr}`);
  outDir = result.outDir;
  for (const set of SETS) json[set] = JSON.parse(readFileSync(path.join(outDir, 'data', `${set}.json`), 'utf8'));
}, 300_000);

describe('the fixture', () => {
  it('has something to leave out', () => {
    expect(INTERNAL_CASES.map((r) => r.id)).toEqual(['neibu-fupan']);
    expect(HIDDEN_INSTRUCTORS.map((r) => r.id)).toEqual(['yin-gongjiang']);
    // …and public entries that name them.
    expect(files.courses.some((c) => c.data.instructors.includes('yin-gongjiang'))).toBe(true);
    expect(files.programs.some((p) => JSON.stringify(p.data.sessions).includes('yin-gongjiang'))).toBe(true);
  });
});

describe('/data/<set>.json', () => {
  it('holds every public entry, in id order, and nothing else', () => {
    for (const set of SETS) {
      const ids = json[set].entries.map((e) => e.id);
      expect([set, ids]).toEqual([
        set,
        publicOf(set)
          .map((r) => r.id)
          .sort(),
      ]);
      expect(json[set].count).toBe(ids.length);
    }
  });

  it('has nothing internal anywhere: no internal case, no unpublished instructor, not even as a reference', () => {
    for (const set of SETS) {
      for (const ext of ['json', 'csv']) {
        const text = readFileSync(path.join(outDir, 'data', `${set}.${ext}`), 'utf8');
        for (const hidden of [...INTERNAL_CASES, ...HIDDEN_INSTRUCTORS]) {
          expect([set, ext, text.includes(hidden.id)]).toEqual([set, ext, false]);
          expect([set, ext, text.includes(hidden.data.title ?? hidden.data.name)]).toEqual([set, ext, false]);
          expect([set, ext, text.includes(hidden.data.summary)]).toEqual([set, ext, false]);
        }
        expect(text).not.toContain('内部');
      }
    }
  });

  it('names the fields as the contract does: every front-matter key kept, nothing invented but id and page', () => {
    const contract = contractFields();
    for (const set of SETS) {
      for (const [i, raw] of publicOf(set).entries()) {
        const record = json[set].entries[i];
        expect(Object.keys(record)[0]).toBe('id');
        expect(Object.keys(record).at(-1)).toBe('page');
        for (const key of Object.keys(raw.data)) expect([set, raw.id, key, key in record]).toEqual([set, raw.id, key, true]);
        for (const key of Object.keys(record))
          if (key !== 'id' && key !== 'page') expect([set, key, contract[set].has(key)]).toEqual([set, key, true]);
      }
      // Every record of a set has the same keys (absent optional fields are null).
      const shapes = new Set(json[set].entries.map((e) => Object.keys(e).join(',')));
      expect([set, shapes.size]).toEqual([set, 1]);
    }
  });

  it('writes each value as the front matter has it: plain ids, YYYY-MM-DD dates', () => {
    for (const set of SETS) {
      for (const [i, raw] of publicOf(set).entries()) {
        const record = json[set].entries[i];
        for (const [key, value] of Object.entries(raw.data)) {
          if (set === 'instructors' && key === 'photo') continue;
          expect([set, raw.id, key, record[key]]).toEqual([set, raw.id, key, expectedValue(set, key, value)]);
        }
        expect(record.page).toBe(`${SITE}/${set}/${raw.id}/`);
      }
      // No `{id, collection}` objects and no Date-like strings other than YYYY-MM-DD.
      const text = JSON.stringify(json[set]);
      expect(text).not.toContain('"collection"');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    }
    // A course whose teaching group includes an unpublished instructor keeps the others.
    const course = json.courses.entries.find((c) => c.id === 'cungai-xianchang')!;
    expect(course.instructors).toEqual(['he-juzhang']);
    // Defaults of the model are written out.
    expect(course.delivery).toBe('线下');
    expect(json.cases.entries.every((c) => c.visibility === '公开')).toBe(true);
  });

  it('links a portrait to the image the profile page shows', () => {
    const lin = json.instructors.entries.find((e) => e.id === 'lin-jiaoshou')!;
    expect(lin.photo).toMatch(new RegExp(`^${SITE}/_astro/.+\\.(webp|png|jpg)$`));
    const file = new URL(lin.photo).pathname;
    expect(existsSync(path.join(outDir, file))).toBe(true);
    expect(readFileSync(path.join(outDir, 'instructors/lin-jiaoshou/index.html'), 'utf8')).toContain(file);
    expect(lin.photo_alt).toBe(files.instructors.find((r) => r.id === 'lin-jiaoshou')!.data.photo_alt);
  });
});

describe('/data/<set>.csv', () => {
  it('is UTF-8 with a BOM, CRLF rows, and parses back to the JSON records', () => {
    for (const set of SETS) {
      const bytes = readFileSync(path.join(outDir, 'data', `${set}.csv`));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.toString('utf8').slice(1));
      const [header, ...body] = rows;
      expect(header).toEqual(json[set].fields);
      expect(header[0]).toBe('id');
      expect(body.length).toBe(json[set].entries.length);
      body.forEach((row, i) => {
        expect([set, row]).toEqual([set, csvRowOf(json[set].entries[i], header)]);
      });
    }
  });

  it('spreads objects over dotted columns and joins lists with |', () => {
    const read = (set: Set) => {
      const [header, ...body] = parseCsv(readFileSync(path.join(outDir, 'data', `${set}.csv`), 'utf8').slice(1));
      return body.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
    };
    const site = read('sites').find((r) => r.id === 'dengta-gongchang')!;
    expect([site['location.lat'], site['location.lng'], site['location.crs']]).toEqual(['22.63', '113.08', 'GCJ02']);
    expect(site.instructors).toBe('lin-jiaoshou');
    const course = read('courses').find((r) => r.id === 'zhizao-zhuanxing')!;
    expect(course.formats).toBe('专题讲授|案例教学');
    expect(course.featured).toBe('true');
    expect(read('instructors').find((r) => r.id === 'lin-jiaoshou')!['term.end']).toBe('2027-12-31');
    expect(JSON.parse(read('cases').find((r) => r.id === 'dengta-anli')!.sources)[0].date).toBe('2023-11-02');
  });
});

describe('/data/ index page', () => {
  it('links every file, each of which exists', () => {
    const html = readFileSync(path.join(outDir, 'data/index.html'), 'utf8');
    const links = [...html.matchAll(/href="(\/data\/[^"]+)"/g)].map((m) => m[1]);
    expect(new Set(links)).toEqual(new Set(SETS.flatMap((s) => [`/data/${s}.json`, `/data/${s}.csv`])));
    for (const l of links) expect(existsSync(path.join(outDir, l))).toBe(true);
    expect(html).toContain('开放数据');
  });
});

describe('/sitemap.xml', () => {
  let locs: string[];
  beforeAll(() => {
    const xml = readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  });

  it('lists exactly the built HTML pages (404 aside), as absolute URLs on the configured site', () => {
    const pages = listFiles(outDir)
      .filter((f) => f.endsWith('.html') && f !== '404.html')
      .map((f) => `${SITE}/${f.replace(/index\.html$/, '')}`);
    expect(locs.every((l) => l.startsWith(`${SITE}/`))).toBe(true);
    expect(new Set(locs.map((l) => decodeURI(l)))).toEqual(new Set(pages));
    expect(locs.length).toBe(new Set(locs).size);
  });

  it('has every public entry page and the new pages, and no internal URL', () => {
    for (const set of LIBRARIES) for (const r of publicOf(set)) expect(locs).toContain(`${SITE}/${set}/${r.id}/`);
    for (const s of schools) expect(locs).toContain(`${SITE}/schools/${s.id}/`);
    for (const p of ['/', '/coverage/', '/data/', '/search/', '/menu/']) expect(locs).toContain(`${SITE}${p}`);
    const text = locs.join('\n');
    for (const hidden of [...INTERNAL_CASES, ...HIDDEN_INSTRUCTORS]) expect(text).not.toContain(hidden.id);
    expect(text).not.toContain('404');
  });
});

describe('sitemap routes (src/shared/sitemap.ts)', () => {
  it('turns page files and their params into the URLs Astro builds', () => {
    expect(routePath('./index.astro')).toBe('/');
    expect(routePath('./coverage/index.astro')).toBe('/coverage/');
    expect(routePath('./[library]/[id].astro', { library: 'courses', id: 'x' })).toBe('/courses/x/');
    expect(routePath('./[library]/page/[page].astro', { library: 'cases', page: 2 })).toBe('/cases/page/2/');
    expect(routePath('./topics/[slug]/[library]/[...page].astro', { slug: 'a', library: 'sites', page: undefined })).toBe(
      '/topics/a/sites/',
    );
    expect(routePath('./topics/[slug]/[library]/[...page].astro', { slug: 'a', library: 'sites', page: '2' })).toBe('/topics/a/sites/2/');
    expect(isPageFile('./404.astro')).toBe(false);
    expect(isPageFile('./data/_options.astro')).toBe(false);
    expect(isPageFile('./menu/[audience].astro')).toBe(true);
  });

  it('writes absolute, escaped, percent-encoded URLs', () => {
    const xml = sitemapXml(['/menu/县处级干部/', '/a&b/'], 'https://x.example/');
    expect(xml).toContain(`<loc>https://x.example/menu/${encodeURIComponent('县处级干部')}/</loc>`);
    expect(xml).toContain('<loc>https://x.example/a&amp;b/</loc>');
  });
});
