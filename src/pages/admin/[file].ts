/**
 * /admin/ — the form editor (Decap CMS), only when it is configured (src/build/cms/settings.ts):
 * its page, the configuration generated from the content model, Decap's bundle and Siku's
 * script. An endpoint rather than an .astro page, so the sitemap (which lists .astro pages)
 * and the search index never include it. Unconfigured, it builds nothing.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { stringify } from 'yaml';
import { adminPage } from '../../build/cms/admin-page.ts';
import { ADMIN_SCRIPT, adminScript, decapFile, decapFiles } from '../../build/cms/assets.ts';
import { cmsConfig, readSchools } from '../../build/cms/config.ts';
import { cmsSettings } from '../../build/cms/settings.ts';
import { contentRoot, loadTaxonomy, today } from '../../build/content-root.ts';

export const getStaticPaths = (() => {
  if (!cmsSettings()) return [];
  return ['index.html', 'config.yml', ADMIN_SCRIPT, ...decapFiles()].map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

const JS = { 'content-type': 'text/javascript; charset=utf-8' };

export const GET: APIRoute = async ({ params }) => {
  const file = String(params.file);
  if (file === 'index.html')
    return new Response(adminPage(import.meta.env.BASE_URL), { headers: { 'content-type': 'text/html; charset=utf-8' } });
  if (file === 'config.yml') {
    const settings = cmsSettings();
    if (!settings) return new Response('表单编辑器未配置', { status: 404 });
    const root = contentRoot();
    const config = cmsConfig(settings, { taxonomy: loadTaxonomy(root), schools: readSchools(root), today: today() });
    return new Response(stringify(config, { lineWidth: 0 }), { headers: { 'content-type': 'text/yaml; charset=utf-8' } });
  }
  if (file === ADMIN_SCRIPT) return new Response(await adminScript(), { headers: JS });
  return new Response(new Uint8Array(decapFile(file)), { headers: JS });
};
