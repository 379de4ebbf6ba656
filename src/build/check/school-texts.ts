/** The names and regions of `schools.yaml`: public by nature, so never evidence of a leak. */
import { parseYamlFile } from './source.ts';
import { readRootFile } from './yaml-files.ts';

export function schoolTexts(root: string): string[] {
  // Problems with the file itself are checkSchools' to report.
  const bytes = readRootFile(root, 'schools.yaml', []);
  if (!bytes) return [];
  const { data } = parseYamlFile('schools.yaml', bytes);
  if (!Array.isArray(data)) return [];
  return data.flatMap((s) => (s && typeof s === 'object' ? [s.name, s.region].filter((v): v is string => typeof v === 'string') : []));
}
