/**
 * Leak detection in both directions, through the real checker and the real build:
 * every copied passage of the corpus (tests/fixtures/leak-corpus.ts) is reported with
 * its file and field, nothing legitimately shared is, a catalog that only shares public
 * things builds, and the post-build guard catches every copy in a build that skipped
 * the checker. Plus the limits of `public-phrases.yaml`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkContent, type CheckResult } from '../src/build/check/index.ts';
import { findLeaks } from '../src/build/leaks/guard.ts';
import { COPIES, INTERNAL, LEGITIMATE, writeLeakCatalog } from './fixtures/leak-corpus.ts';
import { runAstroBuild } from './helpers/astro-build.ts';
import { FIXTURE_TODAY, runBuild } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';

const writer = (root: string) => (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};

function catalog(probes = [...COPIES, ...LEGITIMATE]) {
  const root = copyFixture('basic');
  const files = writeLeakCatalog(probes, writer(root));
  return { root, files, probes };
}

describe('the leak corpus through the checker', () => {
  let result: CheckResult;
  let files: string[];
  beforeAll(async () => {
    const c = catalog();
    files = c.files;
    result = await checkContent({ root: c.root, today: FIXTURE_TODAY });
  });
  const leaksIn = (file: string) => result.diagnostics.filter((d) => d.file === file && d.rule === 'internal-case-leak');

  it.each(COPIES.map((p, i) => [p.name, p, i] as const))('catches %s', (_, probe, i) => {
    const found = leaksIn(files[i]);
    expect(found.length, `${probe.text}`).toBeGreaterThan(0);
    expect(found[0].field).toMatch(probe.field === 'tags' ? /^tags\.0$/ : new RegExp(`^${probe.field}$`));
    expect(found[0].message).toContain(probe.caseId);
    expect(found[0].line).toBeGreaterThan(1);
  });

  it.each(LEGITIMATE.map((p, i) => [p.name, p, COPIES.length + i] as const))('lets %s through', (_, probe, i) => {
    expect(leaksIn(files[i]), probe.text).toEqual([]);
  });

  it('names the internal case and tells the author what to do, without a stack trace', () => {
    const d = leaksIn(files[0])[0];
    expect(d.message).toMatch(/公开内容中出现了内部案例 neibu-zhengdi-chuzhi 的正文/);
    expect(d.hint).toMatch(/public-phrases\.yaml/);
  });
});

describe('public-phrases.yaml', () => {
  const shared = '三旧改造联席会议每月研判一次项目进度';
  async function check(phrases: string | undefined) {
    const root = copyFixture('basic');
    const write = writer(root);
    const [first] = INTERNAL;
    writeLeakCatalog([{ name: 'shared', text: `${shared}。`, field: 'body' }], write);
    const withShared = { ...first, paragraphs: [...first.paragraphs, `镇里建立了工作机制：${shared}。`] };
    const { internalCaseFile } = await import('./fixtures/leak-corpus.ts');
    write(`cases/${first.id}.md`, internalCaseFile(withShared));
    if (phrases !== undefined) write('public-phrases.yaml', phrases);
    return checkContent({ root, today: FIXTURE_TODAY });
  }

  it('reports a shared phrase until it is declared public, with its source', async () => {
    const before = await check(undefined);
    expect(before.diagnostics.filter((d) => d.rule === 'internal-case-leak').map((d) => d.file)).toEqual(['courses/leak-1.md']);
    const after = await check(`- text: ${shared}\n  reason: 区政府公开的工作制度\n`);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('cannot declare an internal title, most of a text, or a phrase without a reason', async () => {
    const [first] = INTERNAL;
    const result = await check(
      [
        `- text: ${first.title.replace(/（.*）/, '')}`,
        '  reason: 误填',
        `- text: ${first.questions[0]}`,
        '  reason: 想公开讨论题',
        `- text: ${shared}`,
        '',
      ].join('\n'),
    );
    const rules = result.diagnostics.filter((d) => d.file === 'public-phrases.yaml').map((d) => `${d.field} ${d.rule} ${d.line}`);
    expect(rules).toEqual(
      expect.arrayContaining(['0.text public-phrase-too-broad 1', '1.text public-phrase-too-broad 3', '2.reason missing-field 5']),
    );
  });

  it('warns about a phrase no internal case contains', async () => {
    const result = await check(`- text: ${shared}\n  reason: 公开制度\n- text: 从未出现过的一句公开口号\n  reason: 公开口号\n`);
    expect(result.diagnostics.filter((d) => d.rule === 'unused-public-phrase').map((d) => `${d.field} ${d.severity} ${d.line}`)).toEqual([
      '1.text warning 3',
    ]);
  });
});

describe('builds', () => {
  it('a catalog that only shares public sources, formulations and places builds, and its pages have none of the internal text', () => {
    const { root } = catalog(LEGITIMATE);
    const built = runBuild(root);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    expect(built.stdout + built.stderr).not.toMatch(/内部案例出现在构建结果中/);
  });

  it('the guard catches every copy in a build that skipped the checker', async () => {
    const { root, probes } = catalog(COPIES);
    const check = await checkContent({ root, today: FIXTURE_TODAY });
    const astro = runAstroBuild(root);
    expect(astro.status, astro.stdout + astro.stderr).toBe(0);
    const leaks = findLeaks(astro.outDir, check.leaks);
    probes.forEach((_, i) => {
      expect(
        leaks.some((l) => l.file === `courses/leak-${i + 1}/index.html`),
        probes[i].name,
      ).toBe(true);
    });
  });
});
