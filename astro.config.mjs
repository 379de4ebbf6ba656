// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import searchIndex from './src/integrations/search-index.ts';
import safeOutput from './src/integrations/safe-output.ts';
import renderOrder from './src/integrations/render-order.ts';
import { sanitizeBodies } from './src/build/markdown/sanitize-plugin.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { contentRoot } from './src/build/paths.ts';
import { readEnv } from './src/build/env.ts';
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
  // Four pages in flight: while one page's file is written the next renders (10,000
  // entries: page generation 21 → 16 s on two cores; more gains nothing).
  build: { format: 'directory', concurrency: 4 },
  // The body HTML policy at render time, for .md and (through @astrojs/mdx) .mdx alike.
  markdown: { processor: satteri({ hastPlugins: [sanitizeBodies] }) },
  // safeOutput first: a build with an unsafe SVG stops before the search index is made.
  // renderOrder: entry pages first, so the index read during rendering has them early.
  integrations: [mdx(), renderOrder(), safeOutput(), searchIndex()],
  devToolbar: { enabled: false },
  prefetch: false,
});
