/**
 * Astro integration: after every build, refuse an output with an unsafe SVG file. A thin
 * hook — the checks (and their tests) live in src/build/safe-output.ts. It sits inside
 * Astro's own build, so a plain `astro build` that never ran the content checker is
 * covered too; throwing here fails the build (and scripts/build.ts never swaps it in).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { guardSvgOutput } from '../build/safe-output.ts';

/** The output guard; `astro.config.mjs` lists it before the search index, so a refused build stops early. */
export default function safeOutput(): AstroIntegration {
  return {
    name: 'siku-safe-output',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const checked = guardSvgOutput(fileURLToPath(dir));
        if (checked) logger.info(`检查了 ${checked} 个 SVG 文件：只有图形，没有脚本。`);
      },
    },
  };
}
