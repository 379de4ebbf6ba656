/**
 * The "编辑此页" link of an entry page, from a URL pattern like Starlight's `editLink`:
 * `{collection}`, `{id}`, `{slug}` (the file's path inside its collection folder, without
 * extension: Decap's entry name — the id, unless the file is in a sub-folder) and
 * `{path}` (the file's path in the repository, for a forge's web editor). Browser-safe.
 */

/** What the placeholders are filled with. */
export interface EditTarget {
  collection: string;
  id: string;
  /** Relative to the content root, forward slashes: `courses/district/x.md`. */
  file: string;
  /** The content root inside the repository (`content`), `''` when it is the repository. */
  contentDir: string;
}

/** The link for one entry. Placeholder values are URL-encoded per path segment. */
export function editUrl(pattern: string, target: EditTarget): string {
  const encode = (value: string) => value.split('/').map(encodeURIComponent).join('/');
  const slug = target.file.replace(/^[^/]+\//, '').replace(/\.mdx?$/, '');
  const values: Record<string, string> = {
    collection: target.collection,
    id: target.id,
    slug,
    path: [target.contentDir, target.file].filter(Boolean).join('/'),
  };
  return pattern.replace(/\{(collection|id|slug|path)\}/g, (_, name: string) => encode(values[name]));
}
