/**
 * Astro integration: entry pages are rendered before all other pages. A thin hook — the
 * order (and why) lives in src/build/render-order.ts. Astro's own prerenderer still does
 * the work; only the list of paths it is given is reordered.
 */
import type { AstroIntegration } from 'astro';
import { entryPagesFirst } from '../build/render-order.ts';

export default function renderOrder(): AstroIntegration {
  return {
    name: 'siku-render-order',
    hooks: {
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer((base) => ({
          ...base,
          name: 'siku-entry-pages-first',
          getStaticPaths: async () => entryPagesFirst(await base.getStaticPaths()),
        }));
      },
    },
  };
}
