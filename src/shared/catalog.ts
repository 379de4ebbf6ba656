/**
 * The published catalog: which entries are public, where they live, and who links
 * to whom. Pure logic over loaded entries, shared by pages, search records and tests.
 */
import type { Collection, Library, Taxonomy, Term } from '../schemas/index.ts';
import { isReviewDue } from './dates.ts';
import { idsIn, refId } from './refs.ts';

/** The shape Astro's collection entries and the checker's parsed files share. */
export interface CatalogEntry<D = Record<string, any>> {
  id: string;
  collection: Collection;
  data: D;
  body?: string;
  filePath?: string;
}

export interface School {
  id: string;
  name: string;
  level: string;
  region: string;
  parent?: string;
  url?: string;
  phone?: string;
}

export interface CatalogInput {
  entries: Record<Collection, CatalogEntry[]>;
  schools: School[];
  taxonomy: Taxonomy;
  today: string;
}

export type Backlinks = Record<Collection, CatalogEntry[]>;

export const LIBRARY_LABELS: Record<Collection, string> = {
  courses: '课程库',
  cases: '案例库',
  sites: '现场教学库',
  instructors: '师资库',
  programs: '培训班次',
};

const collator = new Intl.Collator('zh-CN');

export function displayName(entry: CatalogEntry): string {
  return entry.data.title ?? entry.data.name ?? entry.id;
}

/**
 * An entry is published unless it is a 内部 case (validated, never published).
 * `publish: false` instructors are published data (their names show on courses)
 * but get no page of their own.
 */
function isPublished(entry: CatalogEntry): boolean {
  return !(entry.collection === 'cases' && entry.data.visibility === '内部');
}

export class Catalog {
  readonly taxonomy: Taxonomy;
  readonly today: string;
  readonly schools: School[];
  private readonly byCollection = new Map<Collection, Map<string, CatalogEntry>>();
  private readonly incoming = new Map<string, Backlinks>();

  constructor(input: CatalogInput) {
    this.taxonomy = input.taxonomy;
    this.today = input.today;
    this.schools = [...input.schools];
    for (const [collection, entries] of Object.entries(input.entries) as [Collection, CatalogEntry[]][]) {
      const published = entries.filter(isPublished).sort((a, b) => collator.compare(displayName(a), displayName(b)));
      this.byCollection.set(collection, new Map(published.map((e) => [e.id, e])));
    }
    for (const [collection, entries] of this.byCollection) {
      for (const source of entries.values()) {
        for (const to of ['courses', 'cases', 'sites', 'instructors'] as const) {
          for (const id of idsIn(collection, source.data, to)) {
            if (!this.get(to, id)) continue;
            const key = `${to}/${id}`;
            if (!this.incoming.has(key)) this.incoming.set(key, emptyBacklinks());
            const list = this.incoming.get(key)![collection];
            if (!list.includes(source)) list.push(source);
          }
        }
      }
    }
  }

  /** Published entries of a collection, sorted by name (pinyin order). */
  list(collection: Collection): CatalogEntry[] {
    return [...(this.byCollection.get(collection)?.values() ?? [])];
  }

  /** Entries that have a page of their own (and appear in lists, topics, search). */
  listed(collection: Collection): CatalogEntry[] {
    return this.list(collection).filter((e) => this.hasPage(e));
  }

  get(collection: Collection, id: string | unknown): CatalogEntry | undefined {
    const key = refId(id);
    return key === undefined ? undefined : this.byCollection.get(collection)?.get(key);
  }

  /** Resolves a list of references, dropping any that are not published. */
  resolve(collection: Collection, refs: unknown[] | undefined): CatalogEntry[] {
    return (refs ?? []).map((r) => this.get(collection, r)).filter((e): e is CatalogEntry => e !== undefined);
  }

  hasPage(entry: CatalogEntry): boolean {
    return !(entry.collection === 'instructors' && entry.data.publish === false);
  }

  /** The entry's URL, or undefined when it has no page. */
  href(entry: CatalogEntry): string | undefined {
    return this.hasPage(entry) ? `/${entry.collection}/${entry.id}/` : undefined;
  }

  /** Published entries that reference this one, grouped by collection. */
  backlinks(entry: CatalogEntry): Backlinks {
    return this.incoming.get(`${entry.collection}/${entry.id}`) ?? emptyBacklinks();
  }

  /** Past `review_months` since the last review: shown as 待复核. */
  isReviewDue(entry: CatalogEntry): boolean {
    return typeof entry.data.reviewed === 'string' && isReviewDue(entry.data.reviewed, this.taxonomy.review_months, this.today);
  }

  /** 停用 courses, 退出 sites and instructors: kept, but visibly marked. */
  isRetired(entry: CatalogEntry): boolean {
    return entry.data.status === '停用' || entry.data.status === '退出';
  }

  school(id: unknown): School | undefined {
    const key = refId(id);
    return this.schools.find((s) => s.id === key);
  }

  /** Listed entries of the four libraries owned by a school. */
  ownedBy(schoolId: string): Record<Library, CatalogEntry[]> {
    return this.groupLibraries((e) => refId(e.data.owner) === schoolId);
  }

  /** Topics with a page (every topic has a slug). */
  get topics(): Term[] {
    return this.taxonomy.vocabularies.topics.terms.filter((t) => t.slug);
  }

  /** Listed entries of the four libraries tagged with a topic label. */
  byTopic(label: string): Record<Library, CatalogEntry[]> {
    return this.groupLibraries((e) => Array.isArray(e.data.topics) && e.data.topics.includes(label));
  }

  private groupLibraries(keep: (e: CatalogEntry) => boolean): Record<Library, CatalogEntry[]> {
    return {
      courses: this.listed('courses').filter(keep),
      cases: this.listed('cases').filter(keep),
      sites: this.listed('sites').filter(keep),
      instructors: this.listed('instructors').filter(keep),
    };
  }
}

function emptyBacklinks(): Backlinks {
  return { courses: [], cases: [], sites: [], instructors: [], programs: [] };
}
