/**
 * What the search page hands its script at build time (inline JSON, no extra request):
 * the t→s pairs this catalog needs, library names, and each facet's value order from
 * the taxonomy.
 */
import { COURSE_STATUSES, EMPLOYMENTS, INSTRUCTOR_STATUSES, LIBRARIES, SITE_STATUSES } from '../../schemas/index.ts';
import type { Catalog } from '../../shared/catalog.ts';
import { LIBRARY_LABELS } from '../../shared/catalog.ts';
import { schoolTree } from '../../shared/schools.ts';
import { BADGE_CLASSES } from '../../shared/status.ts';
import { encodeCharMap } from '../../shared/search/fold.ts';
import { fullCharMap, mapForText } from './fold-map.ts';
import { catalogText } from '../../shared/search/record.ts';
import type { SearchPageConfig } from '../../shared/search/wire-types.ts';

export type { SearchPageConfig } from '../../shared/search/wire-types.ts';

/** Known values of each facet in the order the catalog's editors chose. */
export function facetOrders(catalog: Catalog): Record<string, string[]> {
  const terms = (name: keyof Catalog['taxonomy']['vocabularies']) => catalog.taxonomy.vocabularies[name].terms.map((t) => t.label);
  return {
    lib: [...LIBRARIES],
    topic: terms('topics'),
    pillar: terms('pillars'),
    format: terms('formats'),
    audience: terms('audiences'),
    kind: terms('case_kinds'),
    site_category: terms('site_categories'),
    instructor_category: terms('instructor_categories'),
    employment: [...EMPLOYMENTS],
    status: [...new Set<string>([...COURSE_STATUSES, ...SITE_STATUSES, ...INSTRUCTOR_STATUSES])],
    owner: schoolTree(catalog.schools).map((s) => s.school.name),
  };
}

export function searchPageConfig(catalog: Catalog): SearchPageConfig {
  const orders = facetOrders(catalog);
  delete orders.lib;
  return {
    fold: encodeCharMap(mapForText(catalogText(catalog), fullCharMap())),
    libraries: LIBRARIES.map((key) => ({ key, label: LIBRARY_LABELS[key] })),
    orders,
    badges: { ...BADGE_CLASSES },
  };
}
