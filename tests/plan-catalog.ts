/**
 * A fixture catalog without Astro, for unit tests of the planner and program logic:
 * the content checker parses and validates the files with the site's own schemas,
 * and the plain `Catalog` is built from its valid entries.
 */
import path from 'node:path';
import { parse } from 'yaml';
import { Catalog, type CatalogEntry, type School } from '../src/lib/catalog.ts';
import { checkContent } from '../src/lib/check/index.ts';
import { loadTaxonomy, readText } from '../src/lib/content-root.ts';
import { COLLECTIONS, type Collection } from '../src/schemas/index.ts';
import { FIXTURE_TODAY, FIXTURES } from './helpers/build.ts';

export async function loadFixtureCatalog(name: string, today = FIXTURE_TODAY): Promise<Catalog> {
  const root = path.join(FIXTURES, name);
  const result = await checkContent({ root, today });
  if (result.errors > 0) throw new Error(`fixture ${name} has ${result.errors} errors`);
  const entries = Object.fromEntries(COLLECTIONS.map((c) => [c, [] as CatalogEntry[]])) as Record<Collection, CatalogEntry[]>;
  for (const e of result.entries) if (e.valid) entries[e.collection].push({ id: e.id, collection: e.collection, data: e.valid, body: e.body });
  const schools = parse(readText(path.join(root, 'schools.yaml'))) as School[];
  return new Catalog({ entries, schools, taxonomy: loadTaxonomy(root), today });
}
