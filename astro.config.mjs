// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import searchIndex from './src/integrations/search-index.ts';
import { contentRoot } from './src/lib/content-root.ts';
import { readEnv } from './src/lib/env.ts';
import { createHash } from 'node:crypto';

// Astro caches parsed content between builds; one cache per content root, so a build
// of one catalog can never see entries left over from another.
const contentDir = contentRoot();
const cacheKey = createHash('sha1').update(contentDir).digest('hex').slice(0, 12);

// `SIKU_OUT_DIR` lets scripts/build.ts build into a staging folder and swap it into
// place only when everything succeeded (a failed build never touches dist/).
export default defineConfig({
  site: readEnv('SIKU_SITE_URL') ?? 'http://localhost:4321',
  outDir: readEnv('SIKU_OUT_DIR') ?? './dist',
  cacheDir: `./node_modules/.astro/${cacheKey}`,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), searchIndex()],
  devToolbar: { enabled: false },
  prefetch: false,
});
