/**
 * Wires the shared schemas (`src/schemas/`) to Astro's loaders. The content root is
 * `SIKU_CONTENT_DIR` or `content/`; ids are file-name stems, whatever the sub-folder.
 */
import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type COLLECTIONS, createSchemas, schoolSchema, type RefTarget } from './schemas/index.ts';
import { withPhoto } from './schemas/instructor.ts';
import { assertPublishableTree } from './build/content-files.ts';
import { contentRoot } from './build/paths.ts';
import { loadTaxonomy } from './build/taxonomy-file.ts';
import { today } from './build/today.ts';
import { guardLoader } from './build/loader-guard.ts';

const root = contentRoot();
// The glob loader follows symbolic links the checker refuses: load nothing rather than
// publish files nobody checked (the same walk as the checker's, see content-files.ts).
assertPublishableTree(root);
const taxonomy = loadTaxonomy(root);
const schemas = createSchemas({ taxonomy, today: today(), ref: (collection: RefTarget) => reference(collection), aliasMode: 'accept' });

const stem = ({ entry }: { entry: string }) => path.basename(entry).replace(/\.(md|mdx)$/i, '');

/** Markdown entries of one collection folder, ids from file names. */
function entries(name: (typeof COLLECTIONS)[number]) {
  const base = path.join(root, name);
  const loader = glob({
    pattern: name === 'programs' ? '**/*.md' : '**/*.{md,mdx}',
    base: pathToFileURL(base + path.sep),
    generateId: stem,
  });
  return guardLoader(loader, root, base);
}

export const collections = {
  courses: defineCollection({ loader: entries('courses'), schema: schemas.courses }),
  cases: defineCollection({ loader: entries('cases'), schema: schemas.cases }),
  sites: defineCollection({ loader: entries('sites'), schema: schemas.sites }),
  // Instructors get Astro's image() so portraits next to the entry are optimised.
  instructors: defineCollection({ loader: entries('instructors'), schema: ({ image }) => withPhoto(schemas.instructors, image) }),
  programs: defineCollection({ loader: entries('programs'), schema: schemas.programs }),
  schools: defineCollection({ loader: file(path.join(root, 'schools.yaml')), schema: schoolSchema }),
};
