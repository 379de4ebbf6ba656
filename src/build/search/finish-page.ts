/**
 * Last touches to the built search page, made after Pagefind has run: its stylesheet,
 * script and icon go inline (each would be one more request before the first result),
 * and the page learns where the result bundle is (./result-bundle.ts), whose name is
 * known only now, and which index shards to merge (./shards.ts). Other pages keep their shared, cacheable files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SEARCH_PAGE = 'search/index.html';

/** The attribute carrying the bundle's path on the search app's element. */
export const BUNDLE_ATTRIBUTE = 'data-results';

/** The attribute listing the index shards to merge (space-separated site paths). */
export const SHARDS_ATTRIBUTE = 'data-shards';

const STYLESHEET = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"\s*\/?>/g;
const MODULE = /<script type="module" src="(\/_astro\/[^"]+\.js)"><\/script>/g;
const ICON = /<link rel="icon" href="(\/[^"]+\.svg)" type="image\/svg\+xml"\s*\/?>/;
/** A static import of another chunk: such a script can't move into the page. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w${},*\s]+?from\s*)?["'](?:\.{1,2})?\//;

function read(dir: string, url: string): string | undefined {
  const file = path.join(dir, url);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Returns the finished HTML of the search page. Pure apart from reading `dir`. */
export function finishSearchHtml(html: string, dir: string, bundleUrl?: string, shards: readonly string[] = []): string {
  let out = html.replace(STYLESHEET, (tag, url: string) => {
    const css = read(dir, url);
    return css === undefined ? tag : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
  });
  out = out.replace(MODULE, (tag, url: string) => {
    const js = read(dir, url);
    if (js === undefined || STATIC_IMPORT.test(js)) return tag;
    return `<script type="module">${js.replace(/<\/script/gi, '<\\/script')}</script>`;
  });
  out = out.replace(ICON, (tag, url: string) => {
    const svg = read(dir, url);
    return svg === undefined ? tag : `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(svg.trim())}" type="image/svg+xml">`;
  });
  // Finishing twice (a test, a rerun) must not leave a stale bundle path behind.
  out = out.replace(new RegExp(`\\s(?:${BUNDLE_ATTRIBUTE}|${SHARDS_ATTRIBUTE})="[^"]*"`, 'g'), '');
  if (bundleUrl) out = out.replace(/\sdata-search-app(?=[\s>])/, (m) => `${m} ${BUNDLE_ATTRIBUTE}="${bundleUrl}"`);
  if (shards.length) out = out.replace(/\sdata-search-app(?=[\s>])/, (m) => `${m} ${SHARDS_ATTRIBUTE}="${shards.join(' ')}"`);
  return out;
}

/** Finishes `<dir>/search/index.html` in place; a site without a search page is left alone. */
export function finishSearchPage(dir: string, bundleUrl?: string, shards: readonly string[] = []): boolean {
  const file = path.join(dir, SEARCH_PAGE);
  if (!existsSync(file)) return false;
  writeFileSync(file, finishSearchHtml(readFileSync(file, 'utf8'), dir, bundleUrl, shards));
  return true;
}
