/**
 * Small helpers shared by the browser scripts beside the components (search, plan):
 * building elements without markup strings, and the page's storage.
 */

export type Child = Node | string | null | undefined | false;

/**
 * Creates an element with attributes (false/undefined ones skipped, true ones bare) and
 * children. User-supplied text goes in as text nodes, never as markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** `localStorage`, or null where the browser blocks it (private modes, disabled cookies). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
