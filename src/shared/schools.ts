import type { School } from './catalog.ts';

/** Schools in tree order (each followed by its children), with their depth. */
export function schoolTree(schools: School[]): Array<{ school: School; depth: number }> {
  const ids = new Set(schools.map((s) => s.id));
  const out: Array<{ school: School; depth: number }> = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const s of schools) {
      const isChild = parent === undefined ? !s.parent || !ids.has(s.parent) : s.parent === parent;
      if (isChild && !out.some((o) => o.school === s)) {
        out.push({ school: s, depth });
        visit(s.id, depth + 1);
      }
    }
  };
  visit(undefined, 0);
  return out;
}
