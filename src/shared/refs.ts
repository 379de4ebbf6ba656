/**
 * Which fields point at which collection. One table serves the checker (dangling
 * references, leaks of 内部 cases) and the catalog (back-links). It is read from the
 * schemas: every reference field is built with `refTo()` (src/schemas/common.ts), whose
 * `.meta({ ref })` names its target, so a new reference field is known here at once.
 */
import type { z } from 'astro/zod';
import type { Collection, RefTarget } from '../schemas/index.ts';
import { metaOf, modelSchemas } from '../schemas/model.ts';

export type FieldPath = (string | number)[];

export interface Reference {
  /** Where the reference sits, e.g. `['instructors', 0]`. */
  path: FieldPath;
  to: RefTarget;
  id: string;
}

/** Where the references of a schema sit: a reference, the items of a list, or some fields of an object. */
type RefNode = { to: RefTarget } | { each: RefNode } | { fields: Array<[string, RefNode]> };

type Def = { type?: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The reference fields of a schema, from the `ref` its reference fields carry in `.meta()`. */
function refNode(schema: z.ZodType): RefNode | undefined {
  const to = metaOf(schema).ref;
  if (to) return { to };
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return refNode(def.innerType!);
    case 'pipe':
      return refNode(def.in!);
    case 'array': {
      const each = refNode(def.element!);
      return each && { each };
    }
    case 'object': {
      const fields = Object.entries(def.shape!).flatMap(([key, child]): Array<[string, RefNode]> => {
        const node = refNode(child);
        return node ? [[key, node]] : [];
      });
      return fields.length ? { fields } : undefined;
    }
    default:
      return undefined;
  }
}

const tables = new Map<Collection, RefNode | undefined>();

/** The reference fields of a collection's entries. */
function referenceTable(collection: Collection): RefNode | undefined {
  if (!tables.has(collection)) tables.set(collection, refNode(modelSchemas()[collection]));
  return tables.get(collection);
}

function collect(node: RefNode, value: unknown, path: FieldPath, out: Reference[]) {
  if ('to' in node) {
    // References are plain ids everywhere: src/build/load-catalog.ts converts Astro's `{id, collection}` once, at load.
    if (typeof value === 'string') out.push({ path, to: node.to, id: value });
  } else if ('each' in node) {
    if (Array.isArray(value))
      value.forEach((item, i) => {
        collect(node.each, item, [...path, i], out);
      });
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of node.fields) collect(child, (value as Record<string, unknown>)[key], [...path, key], out);
  }
}

/** Every reference an entry makes, with its field path, in the order the schema lists the fields. */
export function referencesOf(collection: Collection, data: Record<string, unknown>): Reference[] {
  const out: Reference[] = [];
  const table = referenceTable(collection);
  if (table) collect(table, data, [], out);
  return out;
}

/** The ids an entry references in one collection, in order, without repeats. */
export function idsIn(collection: Collection, data: Record<string, unknown>, to: RefTarget): string[] {
  return [
    ...new Set(
      referencesOf(collection, data)
        .filter((r) => r.to === to)
        .map((r) => r.id),
    ),
  ];
}
