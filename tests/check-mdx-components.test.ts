/**
 * The MDX allow-list is one list in three places: the checker (MDX_COMPONENTS), the
 * components handed to <Content> in EntryPage.astro, and the files in src/components/mdx/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MDX_COMPONENTS } from '../src/build/check/rules/unsafe-markup.ts';
import { PROJECT_ROOT } from './helpers/build.ts';

describe('MDX components', () => {
  it('are the same in the checker, the entry page and src/components/mdx/', () => {
    const page = readFileSync(path.join(PROJECT_ROOT, 'src/components/EntryPage.astro'), 'utf8');
    const passed = /<Content components=\{\{([^}]*)\}\}/
      .exec(page)?.[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    expect(passed).toEqual(Object.keys(MDX_COMPONENTS));
    for (const name of Object.keys(MDX_COMPONENTS)) {
      expect(existsSync(path.join(PROJECT_ROOT, `src/components/mdx/${name}.astro`)), name).toBe(true);
      expect(page).toContain(`import ${name} from './mdx/${name}.astro';`);
    }
  });

  it('declare every prop the checker allows', () => {
    for (const [name, props] of Object.entries(MDX_COMPONENTS)) {
      const source = readFileSync(path.join(PROJECT_ROOT, `src/components/mdx/${name}.astro`), 'utf8');
      const declared = /interface Props \{([\s\S]*?)\}/.exec(source)?.[1] ?? '';
      for (const [prop, values] of Object.entries(props)) {
        expect(declared, `${name}.${prop}`).toMatch(new RegExp(`\\b${prop}\\?:`));
        for (const v of values ?? []) expect(declared, `${name}.${prop} = ${v}`).toContain(`'${v}'`);
      }
    }
  });
});
