/**
 * The published catalog: which entries are public, where they live, and who links
 * to whom. Pure logic over loaded entries, shared by pages, search records and tests.
 */
import type { Collection, EntryData, Library, SchoolData, Taxonomy, Term } from '../schemas/index.ts';
import { isReviewDue } from './dates.ts';
import { href } from './href.ts';
import { idsIn } from './refs.ts';
import { hasOwnPage, isInternal, isRetired } from './status.ts';

/**
 * One entry of collection `C` as the site and the checker both hand it over: `data` is
 * the schema's output with every reference a plain id (src/schemas/index.ts). Without
 * `C`, an entry of any collection — a union keyed by `collection`, so testing
 * `entry.collection` (or `isEntryOf`) narrows `data`.
 */
export type CatalogEntry<C extends Collection = Collection> = C extends Collection
  ? { id: string; collection: C; data: EntryData<C>; body?: string }
  : never;

export type CourseEntry = CatalogEntry<'courses'>;
export type CaseEntry = CatalogEntry<'cases'>;
export type SiteEntry = CatalogEntry<'sites'>;
export type InstructorEntry = CatalogEntry<'instructors'>;
export type ProgramEntry = CatalogEntry<'programs'>;
export type LibraryEntry = CatalogEntry<Library>;

/**
 * An entry from parts typed elsewhere: the checker's validated `data` (tests build the
 * catalog from it) is the schemas' output, but typed loosely by the checker.
 */
export function catalogEntry<C extends Collection>(collection: C, id: string, data: EntryData<C>, body?: string): CatalogEntry<C> {
  return { id, collection, data, body } as CatalogEntry<C>;
}

/** Narrows an entry to one collection. */
export function isEntryOf<C extends Collection>(entry: CatalogEntry, collection: C): entry is CatalogEntry<C> {
  return entry.collection === collection;
}

/** A school of `schools.yaml`. */
export type School = SchoolData;

export interface CatalogInput {
  /** Each collection's entries (an entry filed under another collection's key is ignored). */
  entries: Record<Collection, readonly CatalogEntry[]>;
  schools: readonly School[];
  taxonomy: Taxonomy;
  today: string;
}

export type Backlinks = { [C in Collection]: CatalogEntry<C>[] };

export const LIBRARY_LABELS: Record<Collection, string> = {
  courses: '课程库',
  cases: '案例库',
  sites: '现场教学库',
  instructors: '师资库',
  programs: '培训班次',
};

const collator = new Intl.Collator('zh-CN');

/** Sites and instructors have a `name`, the others a `title`. */
export function displayName(entry: CatalogEntry): string {
  return entry.collection === 'sites' || entry.collection === 'instructors' ? entry.data.name : entry.data.title;
}

type ByCollection = { [C in Collection]: Map<string, CatalogEntry<C>> };

/**
 * The published catalog. Every entry is published but 内部 cases (validated, never
 * published, see `isInternal`); `publish: false` instructors are published data (their
 * names show on courses) but get no page of their own (`hasPage`).
 */
export class Catalog {
  readonly taxonomy: Taxonomy;
  readonly today: string;
  readonly schools: School[];
  private readonly byCollection: ByCollection = {
    courses: new Map(),
    cases: new Map(),
    sites: new Map(),
    instructors: new Map(),
    programs: new Map(),
  };
  private readonly incoming = new Map<string, Backlinks>();
  // Memos for what every page asks again (a build renders 10,000 pages off one catalog):
  // each is computed once, on first use, from data the catalog never changes.
  private readonly listedCache = new Map<Collection, CatalogEntry[]>();
  private readonly reviewDue = new Map<string, boolean>();
  private topicList?: Array<Term & { slug: string }>;
  private topicsByLabel?: Map<string, Term & { slug: string }>;
  private schoolsById?: Map<string, School>;
  private byTopicLabel?: Map<string, LibraryGroups>;
  private byOwner?: Map<string, LibraryGroups>;

  constructor(input: CatalogInput) {
    this.taxonomy = input.taxonomy;
    this.today = input.today;
    this.schools = [...input.schools];
    for (const collection of Object.keys(this.byCollection) as Collection[]) this.publish(collection, input.entries[collection] ?? []);
    for (const collection of Object.keys(this.byCollection) as Collection[]) {
      for (const source of this.list(collection)) {
        for (const to of ['courses', 'cases', 'sites', 'instructors'] as const) {
          for (const id of idsIn(collection, source.data, to)) {
            if (!this.get(to, id)) continue;
            const key = `${to}/${id}`;
            if (!this.incoming.has(key)) this.incoming.set(key, emptyBacklinks());
            addBacklink(this.incoming.get(key)!, collection, source);
          }
        }
      }
    }
  }

  /** The published entries of one collection, sorted by name (pinyin order). */
  private publish<C extends Collection>(collection: C, entries: readonly CatalogEntry[]) {
    const published = entries
      .filter((e): e is CatalogEntry<C> => isEntryOf(e, collection) && !isInternal(e))
      .sort((a, b) => collator.compare(displayName(a), displayName(b)));
    this.byCollection[collection] = new Map(published.map((e) => [e.id, e])) as ByCollection[C];
  }

  /** Published entries of a collection, sorted by name (pinyin order). */
  list<C extends Collection>(collection: C): CatalogEntry<C>[] {
    return [...this.entriesOf(collection).values()];
  }

  /** Entries that have a page of their own (and appear in lists, topics, search). */
  listed<C extends Collection>(collection: C): CatalogEntry<C>[] {
    let listed = this.listedCache.get(collection) as CatalogEntry<C>[] | undefined;
    if (!listed) {
      listed = this.list(collection).filter((e) => this.hasPage(e));
      this.listedCache.set(collection, listed);
    }
    // A copy: callers sort and slice what they get.
    return [...listed];
  }

  /** A published entry by id. */
  get<C extends Collection>(collection: C, id: string | undefined): CatalogEntry<C> | undefined {
    return id === undefined ? undefined : this.entriesOf(collection).get(id);
  }

  /** Resolves a list of ids, dropping any that are not published. */
  resolve<C extends Collection>(collection: C, ids: readonly string[] | undefined): CatalogEntry<C>[] {
    return (ids ?? []).map((id) => this.get(collection, id)).filter((e): e is CatalogEntry<C> => e !== undefined);
  }

  private entriesOf<C extends Collection>(collection: C): Map<string, CatalogEntry<C>> {
    return this.byCollection[collection];
  }

  hasPage(entry: CatalogEntry): boolean {
    return hasOwnPage(entry);
  }

  /** The entry's URL, or undefined when it has no page. */
  href(entry: CatalogEntry): string | undefined {
    return this.hasPage(entry) ? href(entry.collection, entry.id) : undefined;
  }

  /** Published entries that reference this one, grouped by collection. */
  backlinks(entry: CatalogEntry): Backlinks {
    return this.incoming.get(`${entry.collection}/${entry.id}`) ?? emptyBacklinks();
  }

  /** Past `review_months` since the last review: shown as 待复核. */
  isReviewDue(entry: CatalogEntry): boolean {
    // By date: an entry page asks three times (marks, facts, search record), cards again,
    // and the date arithmetic showed in build profiles; there are far fewer dates than entries.
    const reviewed = entry.data.reviewed;
    let due = this.reviewDue.get(reviewed);
    if (due === undefined) {
      due = isReviewDue(reviewed, this.taxonomy.review_months, this.today);
      this.reviewDue.set(reviewed, due);
    }
    return due;
  }

  /** 停用 courses, 退出 sites and instructors: kept, but visibly marked (src/shared/status.ts). */
  isRetired(entry: CatalogEntry): boolean {
    return isRetired(entry);
  }

  school(id: string | undefined): School | undefined {
    if (id === undefined) return undefined;
    if (!this.schoolsById) {
      this.schoolsById = new Map();
      // The first school of an id wins, as a search from the start would find it.
      for (const s of this.schools) if (!this.schoolsById.has(s.id)) this.schoolsById.set(s.id, s);
    }
    return this.schoolsById.get(id);
  }

  /** Listed entries of the four libraries owned by a school. */
  ownedBy(schoolId: string): { [L in Library]: CatalogEntry<L>[] } {
    this.byOwner ??= this.groupLibraries((e) => (e.data.owner === undefined ? [] : [e.data.owner]));
    return copyGroups(this.byOwner.get(schoolId));
  }

  /** Topics with a page (every topic has a slug). */
  get topics(): Array<Term & { slug: string }> {
    this.topicList ??= this.taxonomy.vocabularies.topics.terms.filter((t): t is Term & { slug: string } => Boolean(t.slug));
    return [...this.topicList];
  }

  /** The topic with a page of this label, if there is one (the first, as `topics.find` would give). */
  topic(label: string): (Term & { slug: string }) | undefined {
    if (!this.topicsByLabel) {
      this.topicsByLabel = new Map();
      for (const t of this.topics) if (!this.topicsByLabel.has(t.label)) this.topicsByLabel.set(t.label, t);
    }
    return this.topicsByLabel.get(label);
  }

  /** Listed entries of the four libraries tagged with a topic label. */
  byTopic(label: string): { [L in Library]: CatalogEntry<L>[] } {
    this.byTopicLabel ??= this.groupLibraries((e) => e.data.topics);
    return copyGroups(this.byTopicLabel.get(label));
  }

  /**
   * Every key's listed entries per library, in list order, from one pass over the
   * libraries: topic and school pages each ask for theirs, and filtering all 10,000
   * entries per page showed in build profiles.
   */
  private groupLibraries(keysOf: (e: LibraryEntry) => readonly string[]): Map<string, LibraryGroups> {
    const out = new Map<string, LibraryGroups>();
    for (const library of ['courses', 'cases', 'sites', 'instructors'] as const) {
      for (const e of this.listed(library)) {
        // An entry counts once per key, however often it names it.
        for (const key of new Set(keysOf(e))) {
          let groups = out.get(key);
          if (!groups) {
            groups = { courses: [], cases: [], sites: [], instructors: [] };
            out.set(key, groups);
          }
          (groups[library] as LibraryEntry[]).push(e);
        }
      }
    }
    return out;
  }
}

type LibraryGroups = { [L in Library]: CatalogEntry<L>[] };

/** Fresh lists (callers slice and page them as they like), empty ones for a key nothing has. */
function copyGroups(groups: LibraryGroups | undefined): LibraryGroups {
  return {
    courses: [...(groups?.courses ?? [])],
    cases: [...(groups?.cases ?? [])],
    sites: [...(groups?.sites ?? [])],
    instructors: [...(groups?.instructors ?? [])],
  };
}

function addBacklink<C extends Collection>(links: Backlinks, collection: C, source: CatalogEntry<C>) {
  const list: CatalogEntry<C>[] = links[collection];
  if (!list.includes(source)) list.push(source);
}

function emptyBacklinks(): Backlinks {
  return { courses: [], cases: [], sites: [], instructors: [], programs: [] };
}
