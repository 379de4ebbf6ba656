/**
 * Positions: the quick locator (no YAML parse) gives the same line and column as the
 * position-keeping parser wherever it answers, over every sample entry and every corpus
 * entry; and a few places it must leave to the parser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickLocate } from '../src/build/check/quick-locate.ts';
import { YamlSource } from '../src/build/check/source.ts';
import { BAD_INPUTS, entry } from './fixtures/bad-inputs.ts';
import { PROJECT_ROOT } from './helpers/build.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) =>
    statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : /\.mdx?$/.test(f) ? [path.join(dir, f)] : [],
  );
}

/** The YAML text as the checker sees it: everything after the opening `---`, up to the closing one. */
function yamlOf(text: string): string | undefined {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!t.startsWith('---\n')) return undefined;
  const end = t.indexOf('\n---', 3);
  return end === -1 ? undefined : t.slice(3, end);
}

const texts = [
  ...files(path.join(PROJECT_ROOT, 'content')).map((f) => readFileSync(f, 'utf8')),
  ...files(path.join(PROJECT_ROOT, 'tests/fixtures/basic')).map((f) => readFileSync(f, 'utf8')),
  ...BAD_INPUTS.flatMap((c) => Object.values(c.write).filter((v): v is string => typeof v === 'string')),
  entry('courses', { topics: '["基层治理", \'党性修养\', "a, b"]  # 注释' }),
];

describe('quick locator', () => {
  it('agrees with the YAML parser on every field and list item it answers for', () => {
    let answered = 0;
    for (const text of texts) {
      const yamlText = yamlOf(text);
      if (yamlText === undefined) continue;
      const source = new YamlSource(yamlText, 0);
      if (source.doc.errors.length) continue;
      const data = source.doc.toJS() as Record<string, unknown> | null;
      if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
      for (const [key, value] of Object.entries(data)) {
        const paths: Array<(string | number)[]> = [[key], ...(Array.isArray(value) ? value.map((_, i) => [key, i]) : [])];
        for (const p of paths) {
          for (const options of [{ key: false }, { key: true }]) {
            const quick = quickLocate(yamlText, p, options);
            if (!quick) continue;
            answered++;
            expect(quick, `${JSON.stringify(p)} ${JSON.stringify(options)} in\n${yamlText}`).toEqual(source.locate(p, options));
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it('leaves nested fields, block lists and multi-line values to the parser', () => {
    const yamlText = '\ntitle: x\nsources:\n  - { title: a }\ntopics:\n  - 基层治理\nsummary: |\n  多行\n';
    expect(quickLocate(yamlText, ['sources', 0, 'title'])).toBeUndefined();
    expect(quickLocate(yamlText, ['topics', 0])).toBeUndefined();
    expect(quickLocate(yamlText, ['sources'])).toBeUndefined();
    expect(quickLocate(yamlText, ['title'])).toEqual({ line: 2, column: 8 });
    expect(quickLocate('\ntopics: [a,\n  b]\n', ['topics', 1])).toBeUndefined();
  });
});
