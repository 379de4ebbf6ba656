/**
 * Astro glue: loads every collection once per build and hands it to the plain
 * `Catalog`. Memoised because every page asks for it.
 *
 * This is the one place Astro's shapes meet the catalog's: Astro's `reference()` yields
 * `{ id, collection }`, and here every reference becomes the plain id the checker keeps,
 * so the catalog, facts, programs and components see one shape wherever the entries come
 * from (tests/helpers/catalogs.ts builds the same `Catalog` from the checker's output).
 * Astro's own entries stay here, for `renderEntry`.
 */
import { type CollectionEntry, getCollection, render } from 'astro:content';
import { COLLECTIONS, type Collection, type EntryData } from '../schemas/index.ts';
import { Catalog, type CatalogEntry } from '../shared/catalog.ts';
import { contentRoot } from './paths.ts';
import { loadTaxonomy } from './taxonomy-file.ts';
import { today } from './today.ts';

let pending: Promise<Catalog> | undefined;
/** Astro's entry behind each catalog entry (rendering needs Astro's own object). */
const astroEntries = new WeakMap<CatalogEntry, CollectionEntry<Collection>>();

export function getCatalog(): Promise<Catalog> {
  pending ??= (async () => {
    const entries = {} as Record<Collection, CatalogEntry[]>;
    for (const name of COLLECTIONS) entries[name] = await load(name);
    const schools = (await getCollection('schools')).map((s) => s.data);
    return new Catalog({ entries, schools, taxonomy: loadTaxonomy(contentRoot()), today: today() });
  })();
  return pending;
}

/** An entry's rendered body (`<Content />`), from the Astro entry it was loaded from. */
export function renderEntry(entry: CatalogEntry): ReturnType<typeof render> {
  const source = astroEntries.get(entry);
  if (!source) throw new Error(`${entry.collection}/${entry.id} was not loaded by getCatalog()`);
  return render(source);
}

async function load<C extends Collection>(collection: C): Promise<CatalogEntry<C>[]> {
  return (await getCollection(collection)).map((source) => {
    const entry = {
      id: source.id,
      collection,
      // The schemas' output on the site, but for the references (see plainIds).
      data: plainIds(source.data) as EntryData<C>,
      body: source.body,
    } as CatalogEntry<C>;
    astroEntries.set(entry, source);
    return entry;
  });
}

/** Astro's reference: exactly `{ id, collection }`. */
function isReference(value: object): value is { id: string; collection: string } {
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    'id' in value &&
    'collection' in value &&
    typeof value.id === 'string' &&
    typeof value.collection === 'string' &&
    ([...COLLECTIONS, 'schools'] as string[]).includes(value.collection)
  );
}

/**
 * `data` with every Astro reference replaced by its id, through lists and objects.
 * Values without references are returned as they are (the same object), so Astro's
 * image metadata (`photo`) reaches `<Image>` and `getImage()` untouched.
 */
function plainIds(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = value.map(plainIds);
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (isReference(value)) return value.id;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = plainIds(v);
    if (out[key] !== v) changed = true;
  }
  return changed ? out : value;
}
