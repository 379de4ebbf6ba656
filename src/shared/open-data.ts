/**
 * Open data (`/data/<set>.json`, `/data/<set>.csv`): the public entries of each library,
 * the programs and the schools, with the content model's own field names. Plain logic
 * over the `Catalog`; the endpoints only serialise.
 *
 * Publishing rules, the same as the site's pages:
 * - 内部 cases are not in the catalog's published lists at all, and `publish: false`
 *   instructors (no page of their own) are left out;
 * - references are plain ids (never Astro's `{id, collection}`), and only to entries
 *   that are in the open data themselves: the id of an instructor without a page is
 *   never written anywhere (their name still shows on the course's page);
 * - dates are `YYYY-MM-DD`; an optional field that is not given is `null` in JSON and
 *   an empty cell in CSV, so every record has the same keys;
 * - the Markdown body is not included (it is the entry page's text; HTML comments in
 *   it are authors' notes, never rendered).
 *
 * Two fields are added to every record: `id` first, and `page`, the absolute URL of its
 * page on the site.
 */
import type { Catalog, CatalogEntry, School } from './catalog.ts';
import { href, schoolHref } from './href.ts';
import { BOM, csvCell } from './plan/csv.ts';
import type { ProgramEvaluation, ProgramSession, RefTarget } from '../schemas/index.ts';

export const OPEN_DATA_SETS = ['courses', 'cases', 'sites', 'instructors', 'programs', 'schools'] as const;
export type OpenDataSet = (typeof OPEN_DATA_SETS)[number];

export const OPEN_DATA_LABELS: Record<OpenDataSet, string> = {
  courses: '课程库',
  cases: '案例库',
  sites: '现场教学库',
  instructors: '师资库',
  programs: '培训班次',
  schools: '党校和培训机构',
};

/** Joins the items of a list in one CSV cell (topics, formats, ids …). */
export const LIST_SEPARATOR = '|';

const COMMON = ['summary', 'topics', 'owner', 'reviewed', 'tags'];

/**
 * The fields of each set, in the content model's order (docs/content-model.md). A field
 * the model gains must be added here to be published: nothing reaches the open data by
 * accident.
 */
export const OPEN_DATA_FIELDS: Record<OpenDataSet, readonly string[]> = {
  courses: [
    'title',
    ...COMMON,
    'pillar',
    'formats',
    'audiences',
    'hours',
    'instructors',
    'cases',
    'sites',
    'delivery',
    'status',
    'featured',
    'objectives',
  ],
  cases: ['title', ...COMMON, 'region', 'year', 'kind', 'sources', 'visibility', 'questions', 'sites', 'authors'],
  sites: [
    'name',
    ...COMMON,
    'category',
    'region',
    'address',
    'location',
    'host',
    'instructors',
    'duration',
    'capacity',
    'status',
    'admitted',
    'formats',
    'audiences',
    'booking_days',
    'accessibility',
    'safety',
  ],
  instructors: ['name', ...COMMON, 'category', 'employment', 'affiliation', 'position', 'term', 'status', 'photo', 'photo_alt', 'publish'],
  programs: ['title', ...COMMON, 'audiences', 'start', 'end', 'venue', 'capacity', 'sessions', 'evaluation'],
  schools: ['name', 'level', 'region', 'parent', 'url', 'phone'],
};

/**
 * Object fields spread over one CSV column per key (`location.lat` …), in the model's
 * order. Lists of objects (`sources`, `sessions`, `evaluation.courses`) stay whole, as
 * JSON text in one cell: the JSON file has the same data as structure.
 */
const CSV_OBJECT_KEYS: Record<string, readonly string[]> = {
  location: ['lat', 'lng', 'crs'],
  term: ['start', 'end'],
  evaluation: ['date', 'respondents', 'scale', 'overall', 'courses'],
};

/** Reference fields per set (plain ids in the output), outside programs' sessions. */
const REFERENCES: Partial<Record<OpenDataSet, Record<string, RefTarget>>> = {
  courses: { instructors: 'instructors', cases: 'cases', sites: 'sites' },
  cases: { sites: 'sites', authors: 'instructors' },
  sites: { instructors: 'instructors' },
};

export type OpenRecord = Record<string, unknown>;

export interface OpenDataFile {
  /** The set's key, e.g. `courses`. */
  set: OpenDataSet;
  /** Chinese name of the set. */
  title: string;
  /** Build date (`YYYY-MM-DD`). */
  generated: string;
  count: number;
  /** Column names of the CSV file, in order. */
  fields: string[];
  entries: OpenRecord[];
}

export interface OpenDataOptions {
  /** The site's address (`SIKU_SITE_URL`), for the `page` field. */
  site: string | URL;
  /** Instructor id → published URL of their portrait, when the build has one. */
  photos?: Map<string, string>;
}

/** The entries of a set that are public: published, with a page of their own. */
export function publicEntries<S extends Exclude<OpenDataSet, 'schools'>>(catalog: Catalog, set: S): CatalogEntry<S>[] {
  return catalog.listed(set).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether an id may appear in the open data: it is itself an open record. */
function isPublic(catalog: Catalog, to: RefTarget, id: string): boolean {
  if (to === 'schools') return catalog.school(id) !== undefined;
  const entry = catalog.get(to, id);
  return entry !== undefined && catalog.hasPage(entry);
}

/** A list of ids, without those that are not open records themselves. */
function refs(catalog: Catalog, to: RefTarget, ids: unknown): string[] | null {
  if (!Array.isArray(ids)) return null;
  return ids.filter((id): id is string => typeof id === 'string' && isPublic(catalog, to, id));
}

function ref(catalog: Catalog, to: RefTarget, id: unknown): string | null {
  return typeof id === 'string' && isPublic(catalog, to, id) ? id : null;
}

/** A plain JSON value: no `undefined`, references already resolved. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function session(catalog: Catalog, s: ProgramSession): OpenRecord {
  const out: OpenRecord = { date: s.date, from: s.from, to: s.to };
  if (s.course !== undefined) out.course = ref(catalog, 'courses', s.course);
  if (s.site !== undefined) out.site = ref(catalog, 'sites', s.site);
  if (s.title !== undefined) out.title = s.title;
  if (s.instructors !== undefined) out.instructors = refs(catalog, 'instructors', s.instructors);
  return out;
}

function evaluation(catalog: Catalog, e: ProgramEvaluation): OpenRecord {
  return {
    date: e.date,
    respondents: e.respondents,
    scale: e.scale ?? null,
    overall: e.overall ?? null,
    courses: e.courses.map((c) => ({ course: ref(catalog, 'courses', c.course), score: c.score })),
  };
}

/** One entry as an open record: `id`, the model's fields in order, `page`. */
export function openRecord(
  catalog: Catalog,
  set: Exclude<OpenDataSet, 'schools'>,
  entry: CatalogEntry,
  options: OpenDataOptions,
): OpenRecord {
  // The fields are read by name, as the field list gives them.
  const d: Readonly<Record<string, unknown>> = entry.data;
  const program = entry.collection === 'programs' ? entry.data : undefined;
  const record: OpenRecord = { id: entry.id };
  const references = REFERENCES[set] ?? {};
  for (const field of OPEN_DATA_FIELDS[set]) {
    const value = d[field];
    if (field === 'owner') record.owner = ref(catalog, 'schools', value);
    else if (references[field]) record[field] = refs(catalog, references[field], value);
    else if (field === 'sessions') record.sessions = program ? program.sessions.map((s) => session(catalog, s)) : null;
    else if (field === 'evaluation') record.evaluation = program?.evaluation ? evaluation(catalog, program.evaluation) : null;
    else if (field === 'photo') record.photo = value ? (options.photos?.get(entry.id) ?? null) : null;
    else if (field === 'photo_alt') record.photo_alt = d.photo && options.photos?.has(entry.id) ? (value ?? null) : null;
    else record[field] = plain(value);
  }
  record.page = new URL(href(entry.collection, entry.id), options.site).href;
  return record;
}

/** One school as an open record. */
export function schoolRecord(school: School, options: OpenDataOptions): OpenRecord {
  const record: OpenRecord = { id: school.id };
  const data: Readonly<Record<string, unknown>> = school;
  for (const field of OPEN_DATA_FIELDS.schools) record[field] = plain(data[field]);
  record.page = new URL(schoolHref(school.id), options.site).href;
  return record;
}

/** The CSV columns of a set: `id`, the fields (objects spread over dotted columns), `page`. */
export function csvFields(set: OpenDataSet): string[] {
  return ['id', ...OPEN_DATA_FIELDS[set].flatMap((f) => (CSV_OBJECT_KEYS[f] ? CSV_OBJECT_KEYS[f].map((k) => `${f}.${k}`) : [f])), 'page'];
}

/** Everything one set publishes. */
export function openData(catalog: Catalog, set: OpenDataSet, options: OpenDataOptions): OpenDataFile {
  const entries =
    set === 'schools'
      ? [...catalog.schools].sort((a, b) => (a.id < b.id ? -1 : 1)).map((s) => schoolRecord(s, options))
      : publicEntries(catalog, set).map((e) => openRecord(catalog, set, e, options));
  return { set, title: OPEN_DATA_LABELS[set], generated: catalog.today, count: entries.length, fields: csvFields(set), entries };
}

/** The JSON file: the set with its records, indented for people who open it. */
export function openDataJson(file: OpenDataFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * One value as CSV cell text: null → empty; true/false; a list of texts or numbers
 * joined with `LIST_SEPARATOR`; a list of objects (or any object) as JSON text.
 */
export function csvText(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(LIST_SEPARATOR);
  return JSON.stringify(value);
}

/** A record's value for a CSV column (`location.lat` reads inside the object). */
function column(record: OpenRecord, name: string): unknown {
  const dot = name.indexOf('.');
  if (dot < 0) return record[name];
  const inner = record[name.slice(0, dot)];
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>)[name.slice(dot + 1)] : null;
}

/** The CSV rows of a set, header first, as cell values before quoting. */
export function csvRows(file: OpenDataFile): (string | number)[][] {
  return [file.fields, ...file.entries.map((r) => file.fields.map((f) => csvText(column(r, f))))];
}

/**
 * The CSV file: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF rows and
 * RFC 4180 quoting, the plan export's own cell rules (`csvCell`: a text starting with
 * = + - @ gets a leading apostrophe, so no spreadsheet runs it as a formula).
 */
export function openDataCsv(file: OpenDataFile): string {
  return (
    BOM +
    csvRows(file)
      .map((row) => row.map(csvCell).join(','))
      .join('\r\n') +
    '\r\n'
  );
}
