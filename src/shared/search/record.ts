/**
 * What an entry page tells Pagefind about itself: filter values for the facets, sort
 * keys, and the metadata a result card shows (name, library, summary, key facts). The
 * entry page emits these as `data-pagefind-*` attributes (components/search/SearchData).
 */
import type { Catalog, CatalogEntry } from '../catalog.ts';
import { displayName } from '../catalog.ts';
import { courseEvaluation, scoreOutOfFive, scoreSortKey } from '../evaluation.ts';
import { factsOf } from '../facts.ts';
import { entryBadges, isOnMenu } from '../status.ts';
import { foldHan, type CharMap } from './fold.ts';
import { regionValues } from './facets.ts';

export interface SearchRecord {
  filters: Record<string, string[]>;
  sort: Record<string, string>;
  meta: Record<string, string>;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return typeof value === 'string' && value.trim() !== '' ? [value] : [];
}

/** Status marks a result card shows, in the order Badges.astro shows them. */
export function badgesOf(catalog: Catalog, entry: CatalogEntry): string[] {
  return entryBadges(entry, catalog.isReviewDue(entry)).map((b) => b.label);
}

/**
 * Facet values, sort keys and result metadata for one listed entry. Free-text values
 * that become facets (regions) are folded to simplified script, so 廣元市 and 广元市 are
 * one facet value.
 */
export function searchRecord(catalog: Catalog, entry: CatalogEntry, map: CharMap): SearchRecord {
  const d = entry.data;
  const filters: Record<string, string[]> = { lib: [entry.collection], topic: list(d.topics) };
  const school = catalog.school(d.owner);
  if (school) filters.owner = [school.name];
  switch (entry.collection) {
    case 'courses':
      filters.pillar = list(entry.data.pillar);
      filters.format = list(entry.data.formats);
      filters.audience = list(entry.data.audiences);
      filters.status = list(entry.data.status);
      break;
    case 'cases':
      filters.kind = list(entry.data.kind);
      filters.region = regionValues(foldHan(entry.data.region, map));
      if (Number.isInteger(entry.data.year)) filters.year = [String(entry.data.year)];
      break;
    case 'sites':
      filters.site_category = list(entry.data.category);
      filters.format = list(entry.data.formats);
      filters.audience = list(entry.data.audiences);
      filters.region = regionValues(foldHan(entry.data.region, map));
      filters.status = list(entry.data.status);
      break;
    case 'instructors':
      filters.instructor_category = list(entry.data.category);
      filters.employment = list(entry.data.employment);
      filters.status = list(entry.data.status);
      break;
  }
  for (const key of Object.keys(filters)) if (filters[key].length === 0) delete filters[key];

  // Dates as plain digits: Pagefind sorts numerically when every value is a number.
  const sort: Record<string, string> = {};
  sort.reviewed = d.reviewed.replaceAll('-', '');
  // 训后评估 out of 5; every course has the key (-1 when never evaluated), so a sort by
  // score lists unevaluated courses last instead of leaving them out.
  const evaluation = entry.collection === 'courses' ? courseEvaluation(catalog, entry.id) : undefined;
  if (entry.collection === 'courses') {
    sort.hours = String(entry.data.hours);
    sort.score = scoreSortKey(evaluation);
  }
  if (entry.collection === 'cases' && Number.isInteger(entry.data.year)) sort.year = String(entry.data.year);

  const name = displayName(entry);
  const meta: Record<string, string> = {
    // Pagefind boosts matches in `title`; folded, so both scripts get the same boost.
    title: foldHan(name, map),
    name,
    lib: entry.collection,
    id: entry.id,
    summary: d.summary,
    facts: [
      ...factsOf(catalog, entry)
        .filter((f) => f.key && f.text)
        .map((f) => f.text),
      ...(evaluation ? [`训后评估 ${scoreOutOfFive(evaluation.score)}`] : []),
    ].join(' · '),
  };
  const badges = badgesOf(catalog, entry);
  if (badges.length) meta.badges = badges.join(' ');
  // Offered to the plan builder (停用 courses are not).
  if (isOnMenu(entry)) meta.plan = '1';
  return { filters, sort, meta };
}

/** Every string of every entry, school and vocabulary: the text the fold map must cover. */
export function catalogText(catalog: Catalog): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const collection of ['courses', 'cases', 'sites', 'instructors', 'programs'] as const) {
    for (const entry of catalog.list(collection)) {
      walk(entry.data);
      walk(entry.body ?? '');
      for (const fact of factsOf(catalog, entry))
        walk([fact.label, fact.text ?? '', (fact.links ?? []).map((l) => [l.text, l.note ?? ''])]);
    }
  }
  walk(catalog.schools.map((s) => [s.name, s.region]));
  walk(Object.values(catalog.taxonomy.vocabularies).map((v) => v.terms.map((t) => [t.label, t.aliases])));
  return parts.join('\n');
}
