/**
 * The files of /admin/: Decap's prebuilt bundle (npm package `decap-cms`, every UI locale
 * included) served from the site's own origin — no CDN — and Siku's script
 * (src/shared/cms/admin.ts) bundled for the browser with esbuild. Plain Node module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';

const require = createRequire(import.meta.url);

/** The folder of decap-cms's built files. */
export function decapDist(): string {
  return path.join(path.dirname(require.resolve('decap-cms/package.json')), 'dist');
}

/** Decap's main script and the chunks it loads next to itself (`NNN.decap-cms.js`), without source maps. */
export function decapFiles(): string[] {
  return readdirSync(decapDist())
    .filter((f) => /^(\d+\.)?decap-cms\.js$/.test(f))
    .sort();
}

/** One of decapFiles(), as bytes. */
export function decapFile(name: string): Buffer {
  if (!decapFiles().includes(name)) throw new Error(`decap-cms 中没有 ${name}`);
  return readFileSync(path.join(decapDist(), name));
}

/** The name /admin/ loads Siku's script under. */
export const ADMIN_SCRIPT = 'siku-cms.js';

let bundled: Promise<string> | undefined;

/** src/shared/cms/admin.ts and what it imports (the `yaml` package), as one browser script. */
export function adminScript(): Promise<string> {
  bundled ??= import('esbuild').then(async ({ build }) => {
    const result = await build({
      entryPoints: [path.join(PROJECT_ROOT, 'src/shared/cms/admin.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      platform: 'browser',
    });
    return result.outputFiles[0].text;
  });
  return bundled;
}
