/**
 * `/sitemap.xml`: every HTML page of the site. The routes are read from `src/pages/`
 * itself (each `.astro` page, dynamic ones through their own `getStaticPaths`), so a
 * page added later is listed without anyone remembering to; and because a page exists
 * only for public entries (no 内部 case, no `publish: false` instructor has one), the
 * sitemap can hold nothing else.
 */

/** A `getStaticPaths` result item, as far as the sitemap cares. */
export interface StaticPath {
  params?: Record<string, string | number | undefined>;
}

/** A page module, as `import.meta.glob` hands it over. */
export interface PageModule {
  getStaticPaths?: () => StaticPath[] | Promise<StaticPath[]>;
}

/**
 * Route files that are no page of their own: 404 (served for any missing address),
 * files and folders starting with `_` (Astro does not route them).
 */
export function isPageFile(file: string): boolean {
  const parts = file.replace(/^\.\//, '').split('/');
  if (parts.some((p) => p.startsWith('_'))) return false;
  return !/^(404|500)\.astro$/.test(parts.join('/'));
}

/**
 * The URL path of a page file (relative to `src/pages/`) for one set of params, the way
 * Astro routes it with `trailingSlash: 'always'` and directory output:
 * `[library]/[id].astro` + {library: courses, id: x} → `/courses/x/`; a rest parameter
 * left undefined (`[...page]`) drops out; `index.astro` is its folder.
 */
export function routePath(file: string, params: Record<string, string | number | undefined> = {}): string {
  const stem = file.replace(/^\.\//, '').replace(/\.astro$/, '');
  const segments = stem
    .split('/')
    .map((segment) =>
      segment.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _rest, name: string) => {
        const value = params[name];
        return value === undefined ? '' : String(value);
      }),
    )
    .flatMap((segment) => segment.split('/'))
    .filter((segment) => segment !== '');
  if (segments[segments.length - 1] === 'index') segments.pop();
  return segments.length ? `/${segments.join('/')}/` : '/';
}

/** Every page path of a set of page modules, sorted, without repeats. */
export async function pagePaths(modules: Record<string, () => Promise<PageModule>>): Promise<string[]> {
  const paths = new Set<string>();
  for (const [file, load] of Object.entries(modules)) {
    if (!isPageFile(file)) continue;
    if (!/\[/.test(file)) {
      paths.add(routePath(file));
      continue;
    }
    const mod = await load();
    for (const item of (await mod.getStaticPaths?.()) ?? []) paths.add(routePath(file, item.params ?? {}));
  }
  return [...paths].sort();
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The sitemap document (sitemaps.org 0.9) for paths on `site`. */
export function sitemapXml(paths: string[], site: string | URL): string {
  const urls = paths.map((p) => `  <url><loc>${escapeXml(new URL(p, site).href)}</loc></url>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
