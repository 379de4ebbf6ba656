/**
 * Astro side of the open data: the site's address and the published URL of each
 * instructor's portrait. `getImage` with the portrait's own options (Portrait.astro:
 * width 240) names the very file the profile page shows, so no extra image is made.
 * Not a route (the leading underscore).
 */
import { getImage } from 'astro:assets';
import type { Catalog } from '../../shared/catalog.ts';
import type { OpenDataOptions } from '../../shared/open-data.ts';

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
