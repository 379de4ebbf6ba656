/**
 * Fixture catalogs in-process, without Astro: the checker parses and validates the
 * files with the site's own schemas, and the plain `Catalog` is built from them.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { Catalog, catalogEntry, type CatalogEntry, type School } from '../../src/shared/catalog.ts';
import { checkContent } from '../../src/build/check/index.ts';
import { loadTaxonomy, readText } from '../../src/build/taxonomy-file.ts';
import { COLLECTIONS, type Collection, type EntryData } from '../../src/schemas/index.ts';
import { FIXTURE_TODAY, FIXTURES } from './build.ts';

/** A Catalog over a content root; throws if the content has errors. */
export async function loadCatalog(root: string, today = FIXTURE_TODAY): Promise<Catalog> {
  const result = await checkContent({ root, today });
  if (result.errors > 0) throw new Error(`${root} has ${result.errors} errors`);
  const entries = Object.fromEntries(COLLECTIONS.map((c) => [c, [] as CatalogEntry[]])) as Record<Collection, CatalogEntry[]>;
  // `valid` is the schemas' output (references are ids), typed loosely by the checker.
  for (const e of result.entries) if (e.valid) entries[e.collection].push(catalogEntry(e.collection, e.id, e.valid as EntryData, e.body));
  const schools = parse(readText(path.join(root, 'schools.yaml'))) as School[];
  return new Catalog({ entries, schools, taxonomy: loadTaxonomy(root), today });
}

/** A Catalog over tests/fixtures/<name>. */
export function loadFixtureCatalog(name: string, today = FIXTURE_TODAY): Promise<Catalog> {
  return loadCatalog(path.join(FIXTURES, name), today);
}

/** A writable copy of a fixture in a temp folder. */
export function copyFixture(name: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), `siku-${name}-`)), 'content');
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}
