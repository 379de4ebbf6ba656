/**
 * `/sitemap.xml`: absolute URLs (from the configured site, `SIKU_SITE_URL`) of every
 * HTML page, found from the page files themselves — see src/shared/sitemap.ts.
 */
import type { APIRoute } from 'astro';
import { pagePaths, sitemapXml, type PageModule } from '../shared/sitemap.ts';

const pages = import.meta.glob<PageModule>('./**/*.astro');

export const GET: APIRoute = async ({ site }) => {
  const paths = await pagePaths(pages);
  return new Response(sitemapXml(paths, site ?? 'http://localhost:4321'), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
