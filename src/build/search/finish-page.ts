/**
 * Last touches to the built search page, made after Pagefind has run: its stylesheet,
 * script and icon go inline (each would be one more request before the first result),
 * and the page learns where the result bundle is (./result-bundle.ts) or a big catalog's
 * search files (./search-files.ts), and Pagefind's script with the entry inline
 * (./pagefind-script.ts), whose names are known only now. Other pages keep
 * their shared, cacheable files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchFiles } from '../../shared/search/wire-types.ts';

export const SEARCH_PAGE = 'search/index.html';

/** The attribute carrying the bundle's path on the search app's element. */
export const BUNDLE_ATTRIBUTE = 'data-results';

/** The attribute carrying Pagefind's script with the entry inline (./pagefind-script.ts). */
export const ENGINE_ATTRIBUTE = 'data-engine';

/** Present when the index is lean (`leanIndexableHtml` in src/shared/search/shadow.ts): the page says what that changes. */
export const LEAN_ATTRIBUTE = 'data-lean';
/** Attributes carrying a big catalog's search files (./search-files.ts). */
export const FILES_ATTRIBUTES = { facets: 'data-facets', sorts: 'data-sorts', cards: 'data-cards' } as const satisfies Record<
  keyof SearchFiles,
  string
>;
const OUR_ATTRIBUTES = [BUNDLE_ATTRIBUTE, ENGINE_ATTRIBUTE, LEAN_ATTRIBUTE, ...Object.values(FILES_ATTRIBUTES)];

/** What the search page learns once the index is built; all site paths. */
export interface SearchPageData {
  /** The result bundle (./result-bundle.ts). */
  bundle?: string;
  /** Or a big catalog's search files (./search-files.ts). */
  files?: SearchFiles;
  /** Pagefind's script with the entry inline; without it the page loads the stock script. */
  engine?: string;
  /** The index is lean: one-character words are found in names and summaries only. */
  lean?: boolean;
}

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
export function finishSearchHtml(html: string, dir: string, data: SearchPageData = {}): string {
  const { bundle, files, engine, lean } = data;
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
  out = out.replace(new RegExp(`\\s(?:${OUR_ATTRIBUTES.join('|')})="[^"]*"`, 'g'), '');
  const attributes: [string, string][] = [];
  if (bundle) attributes.push([BUNDLE_ATTRIBUTE, bundle]);
  if (engine) attributes.push([ENGINE_ATTRIBUTE, engine]);
  if (lean) attributes.push([LEAN_ATTRIBUTE, '']);
  if (files)
    for (const key of Object.keys(FILES_ATTRIBUTES) as (keyof SearchFiles)[]) {
      const value = files[key];
      if (value !== undefined) attributes.push([FILES_ATTRIBUTES[key], value]);
    }
  const added = attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
  return out.replace(/\sdata-search-app(?=[\s>])/, (m) => m + added);
}

/** Finishes `<dir>/search/index.html` in place; a site without a search page is left alone. */
export function finishSearchPage(dir: string, data: SearchPageData = {}): boolean {
  const file = path.join(dir, SEARCH_PAGE);
  if (!existsSync(file)) return false;
  writeFileSync(file, finishSearchHtml(readFileSync(file, 'utf8'), dir, data));
  return true;
}
