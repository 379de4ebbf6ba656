/**
 * What Pagefind indexes of an entry page beyond its visible text, added to the HTML
 * given to Pagefind (never to the page on disk). A page written in traditional script
 * gets a hidden copy of its indexed element with every character folded to simplified,
 * so the folded query the browser sends finds it; the copy keeps the markup, so
 * `data-pagefind-ignore`, headings and weights apply to it exactly as to the original.
 * Every page also lists its characters as words (see `characterWords`) and its
 * character pairs as tokens (./pair-tokens.ts), those of its name weighted like its title.
 *
 * The hidden part starts with `SHADOW_MARK`; the search page cuts result content there
 * and builds excerpts from the original text only.
 */
import { foldHan, type CharMap } from './fold.ts';
import { pairTokenCounts, pairTokens } from './pair-tokens.ts';

/** U+2042 ASTERISM: survives Pagefind's content extraction, never occurs in our content. */
export const SHADOW_MARK = '\u2042';

export interface BodyRange {
  /** Index just after the opening tag of the `data-pagefind-body` element. */
  start: number;
  /** Index of its closing tag. */
  end: number;
}

/** Where the inside of the first `data-pagefind-body` element is, or undefined. */
export function findBody(html: string): BodyRange | undefined {
  const open = /<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?\sdata-pagefind-body(?=[\s=/>])[^>]*>/.exec(html);
  if (!open) return undefined;
  const tag = open[1].toLowerCase();
  const start = open.index + open[0].length;
  const tags = new RegExp(`<(/?)${tag}(?=[\\s/>])[^>]*>`, 'gi');
  tags.lastIndex = start;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return { start, end: m.index };
  }
  return undefined;
}

/**
 * The markup of the shadow copy: the data block (facets, sorts, metadata) is dropped so
 * nothing is counted twice, and ids are dropped so no anchor is duplicated.
 */
function shadowSource(inner: string): string {
  return inner
    .replace(/<div hidden data-search-data>[\s\S]*?<\/div>/g, '')
    .replace(/\sdata-pagefind-(?:filter|meta|sort)="[^"]*"/g, '')
    .replace(/\sid="[^"]*"/g, '');
}

/**
 * Field labels (<dt>: 学时, 标签, 复核日期 …) are not content: indexed, they would make
 * every entry match its own field names. Without them, Pagefind's text would run one
 * value into the next (狮山镇2023 年决策模拟) in excerpts; a space after each value keeps
 * them apart.
 */
export function ignoreLabels(inner: string): string {
  return inner.replace(/<dt(?=[\s>])/g, '<dt data-pagefind-ignore').replace(/<\/dd>/g, '</dd> ');
}

/**
 * Every distinct Han character of the (folded) markup's text, each as a word of its
 * own. Pagefind matches a one-character query word by prefix, but only inside the one
 * index chunk where that character sorts: words that start with it and fall in the next
 * chunk are never seen (生产力 for 产 …). As words of their own, characters are found
 * wherever chunk boundaries fall.
 */
export function characterWords(markup: string): string {
  const text = markup.replace(/<[^>]*>/g, ' ');
  return [...new Set(text.match(/\p{Script=Han}/gu) ?? [])].join(' ');
}

/** Text of markup for pair tokens: field labels (<dt>) are not content. */
function contentText(markup: string): string {
  return markup.replace(/<dt(?=[\s>])[\s\S]*?<\/dt>/g, ' ').replace(/<[^>]*>/g, ' ');
}

/**
 * The words of a text that are not Han characters (numbers, Latin words), split at
 * punctuation as the query is (./query.ts `pagefindTerm`).
 */
function nonHanWords(text: string): string[] {
  return text
    .replace(/&(?:#\d+|#x[\da-f]+|[a-z]+);/gi, ' ')
    .replace(/\p{Script=Han}+/gu, ' ')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * A pair is listed at most this many times: Pagefind ranks a page that repeats the query
 * above one that mentions it once (a big catalog's search has no text to re-rank by),
 * and a page's index entries still grow with its vocabulary, not its length.
 */
export const PAIR_REPEATS = 3;

/** The weight of a word of the name (<h1>), as Pagefind weighs a title. */
export const TITLE_WEIGHT = 7;

/**
 * The pair tokens of the (folded) markup: those of the name (<h1>) in an element
 * weighted like a title, then those of all the text, each as often as it occurs up to
 * `PAIR_REPEATS` times.
 */
export function pairTokenMarkup(markup: string): string {
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(markup)?.[1] ?? '';
  const named = pairTokens(contentText(title));
  const counts = pairTokenCounts(contentText(markup));
  const all = [...counts.keys()];
  const again = [...counts].flatMap(([token, n]) => Array<string>(Math.min(n, PAIR_REPEATS) - 1).fill(token));
  return [
    named.length ? `<p data-pagefind-weight="${TITLE_WEIGHT}">${named.join(' ')}</p>` : '',
    all.length ? `<p>${all.join(' ')}</p>` : '',
    again.length ? `<p>${again.join(' ')}</p>` : '',
  ].join('');
}

/**
 * The parts of an entry page whose characters a lean index lists for one-character
 * queries: the name and the summary. The characters of the whole text were half of a
 * big catalog's index (10,000 entries: 17 of 36 MB before compression) and of
 * Pagefind's time writing it, all for the one query no one finds a page by in a catalog
 * that size: a character of its body, shared by thousands (the facts too would cost
 * another 3.6 MB and 2 s of Pagefind's writing).
 */
const NAMED_PARTS = [/<h1[\s>][\s\S]*?<\/h1>/, /<p class="lead">[\s\S]*?<\/p>/];

function namedText(markup: string): string {
  return contentText(NAMED_PARTS.map((part) => part.exec(markup)?.[0] ?? '').join(' '));
}

/**
 * A lean page's words (see `leanIndexableHtml`), each listed once with a weight that
 * says how often it occurs. Pagefind ranks a page by a word's weighted frequency, the
 * sum of the weights of its locations (`weighted_term_frequency` in Pagefind's
 * search), so one location of weight 3 ranks as three of weight 1 — and takes one entry
 * in the word's list of pages instead of three. A word of the name adds
 * `TITLE_WEIGHT`. Pair tokens and other words come first, so their locations are small
 * numbers (fewer bytes in every page list); the characters, which only one-character
 * queries use, come last, those of the name and summary only (`NAMED_PARTS`).
 */
export function leanWordMarkup(markup: string): string {
  const title = contentText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(markup)?.[1] ?? '');
  const named = new Set([...pairTokens(title), ...nonHanWords(title)]);
  const text = contentText(markup);
  const counts = pairTokenCounts(text);
  for (const word of nonHanWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const byWeight = new Map<number, string[]>();
  for (const [word, n] of counts) {
    const weight = Math.min(n, PAIR_REPEATS) + (named.has(word) ? TITLE_WEIGHT : 0);
    if (!byWeight.has(weight)) byWeight.set(weight, []);
    byWeight.get(weight)!.push(word);
  }
  const paragraphs = [...byWeight]
    .sort(([a], [b]) => b - a)
    .map(([weight, words]) => `<p${weight === 1 ? '' : ` data-pagefind-weight="${weight}"`}>${words.join(' ')}</p>`);
  return `${paragraphs.join('')}<p>${characterWords(namedText(markup))}</p>`;
}

/**
 * The page as Pagefind should index it: field labels ignored, then after `SHADOW_MARK`
 * (hidden, search-only) the folded copy when folding changes anything (the page has
 * traditional characters), the page's characters as words and its pair tokens. Pages without an
 * indexed element pass unchanged.
 */
export function indexableHtml(html: string, map: CharMap): string {
  const body = findBody(html);
  if (!body) return html;
  const inner = ignoreLabels(html.slice(body.start, body.end));
  const source = shadowSource(inner);
  const folded = foldHan(source, map);
  const copy = folded === source ? '' : folded;
  const extra = `<div hidden data-search-shadow><p>${SHADOW_MARK}</p>${copy}<p>${characterWords(folded)}</p>${pairTokenMarkup(folded)}</div>`;
  return html.slice(0, body.start) + inner + extra + html.slice(body.end);
}

/**
 * The page as Pagefind indexes it when the catalog is searched through the search files
 * (no result bundle, src/build/search/search-files.ts). There a query reaches Pagefind as
 * pair tokens, single characters and other words only, and results show no excerpt, so
 * Pagefind gets nothing else: the page's data block (filters, metadata, sort keys) and
 * its words, in a bare document. Its visible text, the folded copy and the page around
 * them stay out: Pagefind would only parse, segment and store text no query of this mode
 * matches (3,000 pages: 518 words a page instead of 769, and far less HTML to send), and
 * each word is listed once (`leanWordMarkup`).
 */
export function leanIndexableHtml(html: string, map: CharMap): string {
  const body = findBody(html);
  if (!body) return html;
  const inner = html.slice(body.start, body.end);
  const data = /<div hidden data-search-data>[\s\S]*?<\/div>/.exec(inner)?.[0] ?? '';
  const folded = foldHan(inner.replace(data, ''), map);
  const words = leanWordMarkup(folded);
  const root = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
  return `<!DOCTYPE html>${root}<body><article data-pagefind-body>${data}<div hidden data-search-shadow><p>${SHADOW_MARK}</p>${words}</div></article></body></html>`;
}
