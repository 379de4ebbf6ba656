/**
 * The files of /admin/ and their contents, for the three routes under src/pages/admin/
 * (one per extension: Astro's dev server routes `[name].js` but not a bare `[file]` holding
 * a dot). Empty when the editor is not configured, so a plain build ships none of it.
 */
import { stringify } from 'yaml';
import { contentRoot } from '../paths.ts';
import { loadTaxonomy } from '../taxonomy-file.ts';
import { today } from '../today.ts';
import { adminPage } from './admin-page.ts';
import { ADMIN_SCRIPT, adminScript, decapFile, decapFiles } from './assets.ts';
import { cmsConfig, readSchools } from './config.ts';
import { cmsSettings } from './settings.ts';

/** `getStaticPaths` of the route for files ending in `.${extension}`: `{ params: { name } }` per file. */
export function adminPaths(extension: 'html' | 'yml' | 'js') {
  if (!cmsSettings()) return [];
  const files = ['index.html', 'config.yml', ADMIN_SCRIPT, ...decapFiles()];
  return files.filter((f) => f.endsWith(`.${extension}`)).map((f) => ({ params: { name: f.slice(0, -extension.length - 1) } }));
}

const TYPES = { html: 'text/html', yml: 'text/yaml', js: 'text/javascript' } as const;

/** The response for `/admin/<file>`. */
export async function adminResponse(file: string, base: string): Promise<Response> {
  const type = TYPES[file.slice(file.lastIndexOf('.') + 1) as keyof typeof TYPES];
  const ok = (body: BodyInit) => new Response(body, { headers: { 'content-type': `${type}; charset=utf-8` } });
  const settings = cmsSettings();
  if (!settings) return new Response('表单编辑器未配置', { status: 404 });
  if (file === 'index.html') return ok(adminPage(base));
  if (file === 'config.yml') {
    const root = contentRoot();
    return ok(
      stringify(cmsConfig(settings, { taxonomy: loadTaxonomy(root), schools: readSchools(root), today: today() }), { lineWidth: 0 }),
    );
  }
  if (file === ADMIN_SCRIPT) return ok(await adminScript());
  return ok(new Uint8Array(decapFile(file)));
}
