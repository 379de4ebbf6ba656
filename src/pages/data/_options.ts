/**
 * Astro side of the open data: the site's address and the published URL of each
 * instructor's portrait. `getImage` with the portrait's own options (Portrait.astro:
 * width 240) names the very file the profile page shows, so no extra image is made.
 * Not a route (the leading underscore).
 */
import { getImage } from 'astro:assets';
import type { Catalog } from '../../shared/catalog.ts';
import { openData, type OpenDataFile, type OpenDataOptions, type OpenDataSet } from '../../shared/open-data.ts';

const DEFAULT_SITE = 'http://localhost:4321';

let photos: Promise<Map<string, string>> | undefined;

export async function openDataOptions(catalog: Catalog, site: URL | undefined): Promise<OpenDataOptions> {
  const base = site ?? new URL(DEFAULT_SITE);
  photos ??= (async () => {
    const out = new Map<string, string>();
    for (const entry of catalog.listed('instructors')) {
      const photo = entry.data.photo;
      if (!photo || typeof photo !== 'object') continue;
      const image = await getImage({ src: photo, width: 240 });
      out.set(entry.id, new URL(image.src, base).href);
    }
    return out;
  })();
  return { site: base, photos: await photos };
}

const files = new WeakMap<Catalog, Map<string, OpenDataFile>>();

/**
 * One set's file, made once per catalog and site address: /data/ counts it and its JSON
 * and CSV are both written from it, and making it walks every entry of the set.
 */
export async function openDataFile(catalog: Catalog, set: OpenDataSet, site: URL | undefined): Promise<OpenDataFile> {
  const options = await openDataOptions(catalog, site);
  let made = files.get(catalog);
  if (!made) {
    made = new Map();
    files.set(catalog, made);
  }
  const key = `${String(options.site)} ${set}`;
  let file = made.get(key);
  if (!file) {
    file = openData(catalog, set, options);
    made.set(key, file);
  }
  return file;
}
