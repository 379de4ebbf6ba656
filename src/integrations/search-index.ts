/**
 * Astro integration: after every build, index the entry pages with Pagefind and finish
 * the search page. A thin hook — the work (and its tests) live in
 * src/build/search/build-search.ts. Throwing here fails `astro build`, so scripts/build.ts
 * never swaps a site without its index.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { readEnv } from '../build/env.ts';

/** The search integration; `astro.config.mjs` adds it after MDX. */
export default function searchIndex(): AstroIntegration {
  let limit: number | undefined;
  return {
    name: 'siku-search-index',
    hooks: {
      // Read at setup, not after the build: a malformed SIKU_SEARCH_BUNDLE_LIMIT should
      // stop the build before minutes of page rendering, not after.
      'astro:config:setup': () => {
        limit = readEnv('SIKU_SEARCH_BUNDLE_LIMIT');
      },
      'astro:build:done': async ({ dir, logger }) => {
        // npm run build indexes after Astro has exited (scripts/build.ts): a big catalog
        // needs Astro's memory back before Pagefind takes its own.
        if (readEnv('SIKU_DEFER_SEARCH_INDEX')) return;
        // Loaded only here: Astro's start does not wait for the whole search step's modules.
        const { buildSearch } = await import('../build/search/build-search.ts');
        await buildSearch({ dir: fileURLToPath(dir), bundleLimit: limit, log: (message) => logger.info(message) });
      },
    },
  };
}
