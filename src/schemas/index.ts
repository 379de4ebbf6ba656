/**
 * The content model in one place. Astro (`src/content.config.ts`) and the checker
 * (`scripts/check.ts`) both build their schemas here, so they can never disagree.
 */
import { caseSchema } from './case.ts';
import type { SchemaContext } from './context.ts';
import { courseSchema } from './course.ts';
import { instructorSchema } from './instructor.ts';
import { programSchema } from './program.ts';
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
