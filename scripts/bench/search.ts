/**
 * Search budget on the sample catalog, measured in Chromium: bytes and requests of a
 * first search (cold cache, page included, and the search's own share under
 * /pagefind/) and of each later query in the same tab. Our static server sends files
 * as they are (no gzip): "bytes" are bytes served. Pagefind's index, fragments and
 * wasm and our result bundle are gzip files already; pagefind.js and the page are not, so "gzip" also gives
 * the bytes a production server would send: text files (HTML, CSS, JS, JSON, SVG)
 * counted gzipped (level 6), everything else as served.
 *
 * Run: ./node_modules/.bin/node scripts/bench/search.ts [--dist <built site>] [--scale]
 *   --dist   measure an existing build instead of building content/ first
 *   --scale  also build a synthetic 10,000-entry catalog and measure it the same way
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentRoot } from '../../src/build/paths.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { generateCatalog } from '../lib/generate-catalog.ts';
import { build, measure, report } from '../lib/search-cost.ts';

const args = process.argv.slice(2);
const work = mkdtempSync(path.join(tmpdir(), 'siku-bench-search-'));
const browser = await launchBrowser();
try {
  const given = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : undefined;
  const sample = given ?? path.join(work, 'dist-sample');
  if (!given) console.log(`built content/ in ${build(contentRoot(), sample).toFixed(1)} s`);
  report('sample catalog', sample, await measure(browser, sample));
  if (args.includes('--scale')) {
    const big = path.join(work, 'content-10k');
    generateCatalog(big, 10_000);
    const out = path.join(work, 'dist-10k');
    console.log(`\nbuilt 10,000 entries in ${build(big, out).toFixed(1)} s`);
    report('synthetic 10,000 entries', out, await measure(browser, out));
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
