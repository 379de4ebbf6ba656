/**
 * The content model in one place. Astro (`src/content.config.ts`) and the checker
 * (`scripts/check.ts`) both build their schemas here, so they can never disagree.
 */
import type { ImageMetadata } from 'astro';
import type { z } from 'astro/zod';
import { caseSchema } from './case.ts';
import type { SchemaContext } from './context.ts';
import { courseSchema } from './course.ts';
import { instructorSchema } from './instructor.ts';
import { programSchema } from './program.ts';
import type { schoolSchema } from './school.ts';
import { siteSchema } from './site.ts';

export * from './context.ts';
export * from './primitives.ts';
export * from './taxonomy.ts';
export { COURSE_STATUSES, DELIVERY_MODES } from './course.ts';
export { VISIBILITIES } from './case.ts';
export { SITE_STATUSES, CRS_VALUES } from './site.ts';
export { EMPLOYMENTS, INSTRUCTOR_STATUSES } from './instructor.ts';
export { SCHOOL_LEVELS, schoolSchema, schoolsFileSchema } from './school.ts';

/** The folders under the content root, one per collection of Markdown entries. */
export const LIBRARIES = ['courses', 'cases', 'sites', 'instructors'] as const;
export const COLLECTIONS = [...LIBRARIES, 'programs'] as const;
export type Library = (typeof LIBRARIES)[number];
export type Collection = (typeof COLLECTIONS)[number];

export function createSchemas(ctx: SchemaContext) {
  return {
    courses: courseSchema(ctx),
    cases: caseSchema(ctx),
    sites: siteSchema(ctx),
    instructors: instructorSchema(ctx),
    programs: programSchema(ctx),
  };
}
export type Schemas = ReturnType<typeof createSchemas>;

/*
 * Types of the content, derived from the schemas above (never written by hand), as the
 * site's pages and the checker see an entry's `data` once it is loaded.
 *
 * Two things the schemas' own types cannot say, because the schemas are built by a
 * factory whose context is typed loosely (`SchemaContext`):
 * - a reference (`ctx.ref(…)`) is typed `z.ZodType`, so its output is `unknown`. Once
 *   loaded, every reference is the plain id of its target: the checker's `ref` is an id
 *   schema, and the site's loader (src/build/load-catalog.ts) turns Astro's
 *   `{ id, collection }` into the id. `Loaded<T>` writes `string` wherever the output is
 *   `unknown` — references are the only such fields, apart from `photo` below.
 * - `photo` is Astro's `image()` on the site (image metadata) and a file path in the
 *   checker (`Photo`).
 * Vocabulary terms (`termField`) are checked against taxonomy.yaml at run time, so they
 * are typed `string`; the content model's own closed sets (statuses, …) keep their literals.
 */

/** Every `unknown` output (a reference) as the target's id, through lists and objects. */
type Loaded<T> = unknown extends T
  ? string
  : T extends readonly (infer U)[]
    ? Loaded<U>[]
    : T extends object
      ? { [K in keyof T]: Loaded<T[K]> }
      : T;

type Output<C extends Collection> = Loaded<z.output<Schemas[C]>>;

/** An instructor's portrait: image metadata on the site (Astro's `image()`), the file's path in the checker. */
export type Photo = ImageMetadata | string;

/** `data` of a course (`courses/*.md`). */
export type CourseData = Output<'courses'>;
/** `data` of a case (`cases/*.md`). */
export type CaseData = Output<'cases'>;
/** `data` of a field-teaching site (`sites/*.md`). */
export type SiteData = Output<'sites'>;
/** `data` of an instructor (`instructors/*.md`). */
export type InstructorData = { [K in keyof Output<'instructors'>]: K extends 'photo' ? Photo | undefined : Output<'instructors'>[K] };
/** `data` of a training program (`programs/*.md`). */
export type ProgramData = Output<'programs'>;
/** One school of `schools.yaml`. */
export type SchoolData = z.output<typeof schoolSchema>;

/** `data` of each collection's entries. */
export interface EntryDataMap {
  courses: CourseData;
  cases: CaseData;
  sites: SiteData;
  instructors: InstructorData;
  programs: ProgramData;
}
/** `data` of an entry of collection `C` (of any collection when `C` is left out). */
export type EntryData<C extends Collection = Collection> = EntryDataMap[C];

/** One public source of a case. */
export type CaseSource = CaseData['sources'][number];
/** A site's map position. */
export type SiteLocation = NonNullable<SiteData['location']>;
/** One session of a program's timetable. */
export type ProgramSession = ProgramData['sessions'][number];
/** A program's 训后评估. */
export type ProgramEvaluation = NonNullable<ProgramData['evaluation']>;

export type CourseStatus = CourseData['status'];
export type SiteStatus = SiteData['status'];
export type InstructorStatus = InstructorData['status'];
export type Visibility = CaseData['visibility'];
