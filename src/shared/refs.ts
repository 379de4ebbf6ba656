/**
 * Which fields point at which collection. One table serves the checker (dangling
 * references, leaks of 内部 cases) and the catalog (back-links).
 */
import type { Collection, RefTarget } from '../schemas/index.ts';

export type FieldPath = (string | number)[];

export interface Reference {
  /** Where the reference sits, e.g. `['instructors', 0]`. */
  path: FieldPath;
  to: RefTarget;
  id: string;
}

/** Astro's `reference()` yields `{id, collection}`; the checker keeps plain strings. */
export function refId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

/** List fields holding references, per collection. */
export const REFERENCE_FIELDS: Record<Collection, Array<{ field: string; to: RefTarget }>> = {
  courses: [
    { field: 'instructors', to: 'instructors' },
    { field: 'cases', to: 'cases' },
    { field: 'sites', to: 'sites' },
  ],
  cases: [
    { field: 'sites', to: 'sites' },
    { field: 'authors', to: 'instructors' },
  ],
  sites: [{ field: 'instructors', to: 'instructors' }],
  instructors: [],
  programs: [],
};

function push(out: Reference[], path: FieldPath, to: RefTarget, value: unknown) {
  const id = refId(value);
  if (id !== undefined) out.push({ path, to, id });
}

/** Every reference an entry makes, with its field path. */
export function referencesOf(collection: Collection, data: Record<string, unknown>): Reference[] {
  const out: Reference[] = [];
  push(out, ['owner'], 'schools', data.owner);
  for (const { field, to } of REFERENCE_FIELDS[collection]) {
    const list = data[field];
    if (Array.isArray(list))
      list.forEach((value, i) => {
        push(out, [field, i], to, value);
      });
  }
  if (collection === 'programs' && Array.isArray(data.sessions)) {
    data.sessions.forEach((s: Record<string, unknown>, i: number) => {
      if (!s || typeof s !== 'object') return;
      push(out, ['sessions', i, 'course'], 'courses', s.course);
      push(out, ['sessions', i, 'site'], 'sites', s.site);
      if (Array.isArray(s.instructors))
        s.instructors.forEach((v, j) => {
          push(out, ['sessions', i, 'instructors', j], 'instructors', v);
        });
    });
  }
  const evaluation = collection === 'programs' ? data.evaluation : undefined;
  if (evaluation && typeof evaluation === 'object' && Array.isArray((evaluation as { courses?: unknown }).courses)) {
    (evaluation as { courses: unknown[] }).courses.forEach((c, i) => {
      if (c && typeof c === 'object') push(out, ['evaluation', 'courses', i, 'course'], 'courses', (c as { course?: unknown }).course);
    });
  }
  return out;
}

/** The ids an entry references in one collection, in order, without repeats. */
export function idsIn(collection: Collection, data: Record<string, unknown>, to: RefTarget): string[] {
  return [
    ...new Set(
      referencesOf(collection, data)
        .filter((r) => r.to === to)
        .map((r) => r.id),
    ),
  ];
}
