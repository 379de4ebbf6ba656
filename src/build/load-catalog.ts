/**
 * Astro glue: loads every collection once per build and hands it to the plain
 * `Catalog`. Memoised because every page asks for it.
 */
import { getCollection } from 'astro:content';
import { COLLECTIONS, type Collection } from '../schemas/index.ts';
import { Catalog, type CatalogEntry, type School } from '../shared/catalog.ts';
import { contentRoot, loadTaxonomy, today } from './content-root.ts';

let pending: Promise<Catalog> | undefined;

export function getCatalog(): Promise<Catalog> {
  pending ??= (async () => {
    const entries = {} as Record<Collection, CatalogEntry[]>;
    for (const name of COLLECTIONS) entries[name] = (await getCollection(name)) as CatalogEntry[];
    const schools = (await getCollection('schools')).map((s) => s.data as School);
    return new Catalog({ entries, schools, taxonomy: loadTaxonomy(contentRoot()), today: today() });
  })();
  return pending;
}
