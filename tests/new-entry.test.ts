/**
 * `npm run new -- <library> <id>`: a scaffold for every library that passes the checker
 * as written (placeholders are warnings), builds, carries every required field, and
 * never overwrites or duplicates an entry.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fieldsOf, modelSchemas } from '../src/schemas/model.ts';
import { FIXTURE_TODAY, PROJECT_ROOT, runBuild } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';

const LIBRARIES = ['courses', 'cases', 'sites', 'instructors', 'programs'] as const;

function run(script: string, root: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, SIKU_CONTENT_DIR: root, SIKU_TODAY: FIXTURE_TODAY },
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

const frontMatter = (text: string) => parse(text.split('---\n')[1]) as Record<string, unknown>;

let root: string;
beforeAll(() => {
  root = copyFixture('basic');
  for (const library of LIBRARIES) {
    const made = run('new.ts', root, library, `xin-${library}`);
    expect(made.status, made.out).toBe(0);
  }
  const mdx = run('new.ts', root, 'courses', 'zhuanti/xin-mdx', '--mdx');
  expect(mdx.status, mdx.out).toBe(0);
});

describe('npm run new', () => {
  it('writes every required field of each library, with Chinese comments', () => {
    for (const library of LIBRARIES) {
      const text = readFileSync(path.join(root, library, `xin-${library}.md`), 'utf8');
      const required = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schemas', `${library}.schema.json`), 'utf8')).required as string[];
      expect(Object.keys(frontMatter(text)), library).toEqual(expect.arrayContaining(required));
      expect(text, library).toMatch(/^# .*[\u4e00-\u9fff]/m);
    }
  });

  it('comments each field with its title, description and type from the schema (.meta())', () => {
    for (const library of LIBRARIES) {
      const lines = readFileSync(path.join(root, library, `xin-${library}.md`), 'utf8').split('\n');
      for (const f of fieldsOf(modelSchemas()[library])) {
        const at = lines.findIndex((l) => l.startsWith(`${f.key}:`));
        if (at < 0) continue;
        // The field's own comment: the nearest line above it that is not about an item's fields (`#   date：…`).
        const comment = lines
          .slice(0, at)
          .reverse()
          .find((l) => /^# \S/.test(l));
        expect(comment, `${library}.${f.key}`).toContain(`# ${f.meta.title}：`);
        expect(comment, `${library}.${f.key}`).toContain(f.meta.description!.replace(/`/g, ''));
      }
    }
    const program = readFileSync(path.join(root, 'programs/xin-programs.md'), 'utf8');
    expect(program).toMatch(/^# {3}from：这节课的开始时间。时间 "HH:MM"/m);
    expect(program).toMatch(/^# 可选：.*evaluation（训后评估）/m);
  });

  it('uses the first taxonomy terms, the first school and today', () => {
    const course = frontMatter(readFileSync(path.join(root, 'courses/xin-courses.md'), 'utf8'));
    expect(course).toMatchObject({
      topics: ['制造业高质量发展'],
      owner: 'city-school',
      reviewed: FIXTURE_TODAY,
      pillar: '理论教育',
      formats: ['专题讲授'],
      audiences: ['县处级干部'],
    });
    expect(frontMatter(readFileSync(path.join(root, 'sites/xin-sites.md'), 'utf8')).category).toBe('灯塔工厂');
  });

  it('passes npm run check: no errors, placeholders flagged as warnings', () => {
    const checked = run('check.ts', root, '--json');
    expect(checked.status, checked.out).toBe(0);
    const report = JSON.parse(checked.out);
    const mine = report.diagnostics.filter((d: { file: string }) => /xin-/.test(d.file));
    expect(mine.every((d: { severity: string; rule: string }) => d.severity === 'warning' && d.rule === 'placeholder')).toBe(true);
    expect(mine.map((d: { file: string }) => d.file)).toEqual(
      expect.arrayContaining(['courses/xin-courses.md', 'courses/zhuanti/xin-mdx.mdx', 'programs/xin-programs.md']),
    );
  });

  it('builds, and the MDX scaffold renders its Callout', () => {
    const built = runBuild(root);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const page = readFileSync(path.join(built.outDir, 'courses/xin-mdx/index.html'), 'utf8');
    expect(page).toMatch(/<aside class="callout callout-tip"/);
    expect(existsSync(path.join(built.outDir, 'programs/xin-programs/index.html'))).toBe(true);
  });

  it('never overwrites an entry', () => {
    const file = path.join(root, 'courses/xin-courses.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n作者的修改。\n`);
    const before = readFileSync(file, 'utf8');
    const again = run('new.ts', root, 'courses', 'xin-courses');
    expect(again.status).toBe(1);
    expect(again.out).toContain('已经存在，不会覆盖');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses an id taken in another sub-folder', () => {
    const again = run('new.ts', root, 'courses', 'district/wangge-zhili');
    expect(again.status).toBe(1);
    expect(again.out).toContain('courses/wangge-zhili.md 已使用 id “wangge-zhili”');
    expect(existsSync(path.join(root, 'courses/district/wangge-zhili.md'))).toBe(false);
  });

  it('checks the library and the id', () => {
    const library = run('new.ts', root, 'course', 'abc');
    expect(library.status).toBe(1);
    expect(library.out).toContain('是不是 courses？');
    const id = run('new.ts', root, 'courses', 'Wangge_Zhili');
    expect(id.status).toBe(1);
    expect(id.out).toContain('可以用 wangge-zhili');
    expect(run('new.ts', root, 'programs', 'x-mdx', '--mdx').status).toBe(1);
    expect(run('new.ts', root, 'courses').status).toBe(1);
  });
});
