import type { z } from 'astro/zod';
import type { AliasMode, Taxonomy } from './taxonomy.ts';

/** Collections that can be the target of a reference. */
export type RefTarget = 'courses' | 'cases' | 'sites' | 'instructors' | 'schools';

/**
 * Everything a library schema depends on besides zod. Astro passes its `reference()`;
 * the checker passes a plain id schema and resolves references itself.
 */
export interface SchemaContext {
  taxonomy: Taxonomy;
  /** Today as `YYYY-MM-DD`; review dates may not be later. */
  today: string;
  /** Builds the schema of a reference to another collection. */
  ref: (collection: RefTarget) => z.ZodType;
  aliasMode: AliasMode;
  /** Astro's `image()` helper, so portraits are optimised; the checker omits it and checks the file exists. */
  image?: () => z.ZodType;
}
