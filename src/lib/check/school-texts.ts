/** The names and regions of `schools.yaml`: public by nature, so never evidence of a leak. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYamlFile } from './source.ts';

export function schoolTexts(root: string): string[] {
  const full = path.join(root, 'schools.yaml');
  if (!existsSync(full)) return [];
  const { data } = parseYamlFile('schools.yaml', readFileSync(full));
  if (!Array.isArray(data)) return [];
  return data.flatMap((s) => (s && typeof s === 'object' ? [s.name, s.region].filter((v): v is string => typeof v === 'string') : []));
}
