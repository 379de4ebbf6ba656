// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

// `SIKU_OUT_DIR` lets scripts/build.ts build into a staging folder and swap it into
// place only when everything succeeded (a failed build never touches dist/).
export default defineConfig({
  site: process.env.SIKU_SITE_URL || 'http://localhost:4321',
  outDir: process.env.SIKU_OUT_DIR || './dist',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  prefetch: false,
});
