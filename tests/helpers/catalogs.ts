/** Loading fixture catalogs in-process for unit tests (the checker's reader, no Astro). */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Catalog, type CatalogEntry } from '../../src/lib/catalog.ts';
import { checkContent } from '../../src/lib/check/index.ts';
import { COLLECTIONS, type Collection } from '../../src/schemas/index.ts';
import { loadTaxonomy } from '../../src/lib/content-root.ts';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { FIXTURE_TODAY, FIXTURES } from './build.ts';

/** A Catalog over a content root, built from the checker's validated entries. */
export async function loadCatalog(root: string, today = FIXTURE_TODAY): Promise<Catalog> {
  const result = await checkContent({ root, today });
  const entries = Object.fromEntries(COLLECTIONS.map((c) => [c, [] as CatalogEntry[]])) as Record<Collection, CatalogEntry[]>;
  for (const e of result.entries) if (e.valid) entries[e.collection].push({ id: e.id, collection: e.collection, data: e.valid, body: e.body });
  const schools = parse(readFileSync(path.join(root, 'schools.yaml'), 'utf8'));
  return new Catalog({ entries, schools, taxonomy: loadTaxonomy(root), today });
}

/** A writable copy of a fixture in a temp folder. */
export function copyFixture(name: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), `siku-${name}-`)), 'content');
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}
