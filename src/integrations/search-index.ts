/**
 * Astro integration: after every build, index the entry pages with Pagefind and finish
 * the search page. A thin hook — the work (and its tests) live in
 * src/lib/search/build-search.ts. Throwing here fails `astro build`, so scripts/build.ts
 * never swaps a site without its index.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { buildSearch } from '../lib/search/build-search.ts';

export default function searchIndex(): AstroIntegration {
  return {
    name: 'siku-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await buildSearch({ dir: fileURLToPath(dir), log: (message) => logger.info(message) });
      },
    },
  };
}
