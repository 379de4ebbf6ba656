/**
 * The bad-input corpus (tests/fixtures/bad-inputs.ts) through the real checker: each
 * case alone in a copy of the basic fixture (exact file, field, rule, line; no other
 * error), then every case at once in one catalog (all reported in one run).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/build/check/diagnostics.ts';
import { checkContent, type CheckResult } from '../src/build/check/index.ts';
import { BAD_INPUTS, type BadInput, type Expected } from './fixtures/bad-inputs.ts';
import { FIXTURE_TODAY } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';

function apply(root: string, c: BadInput) {
  for (const rel of c.remove ?? []) rmSync(path.join(root, rel));
  for (const [rel, content] of Object.entries(c.write)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    if (typeof content === 'function') {
      const current = readFileSync(full, 'utf8');
      const next = content(current);
      if (next === current) throw new Error(`用例 “${c.name}” 没有改动 ${rel}`);
      writeFileSync(full, next);
    } else writeFileSync(full, content);
  }
}

async function run(cases: BadInput[]): Promise<{ result: CheckResult; ms: number }> {
  const root = copyFixture('basic');
  for (const c of cases) apply(root, c);
  const started = performance.now();
  const result = await checkContent({ root, today: FIXTURE_TODAY });
  return { result, ms: performance.now() - started };
}

const show = (d: Diagnostic) =>
  `${d.file}:${d.line}:${d.column} ${d.field} [${d.rule}/${d.severity}] ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;

function matches(d: Diagnostic, e: Expected): boolean {
  return (
    d.file === e.file &&
    d.field === e.field &&
    d.rule === e.rule &&
    d.severity === (e.severity ?? 'error') &&
    (e.line === undefined || d.line === e.line) &&
    (e.column === undefined || d.column === e.column) &&
    (e.message === undefined || e.message.test(d.message)) &&
    (e.hint === undefined || (d.hint !== undefined && e.hint.test(d.hint)))
  );
}

function expectFound(diagnostics: Diagnostic[], e: Expected, name: string) {
  const found = diagnostics.some((d) => matches(d, e));
  const near = diagnostics
    .filter((d) => d.file === e.file)
    .map(show)
    .join('\n');
  expect(
    found,
    `“${name}” 应报告 ${JSON.stringify({ ...e, message: e.message?.source, hint: e.hint?.source })}\n实际：\n${near || '（该文件没有任何报告）'}`,
  ).toBe(true);
}

/** Files a case writes, for "no other error in them". */
const filesOf = (c: BadInput) => [...Object.keys(c.write), ...(c.remove ?? [])];

describe('bad-input corpus, one case at a time', () => {
  it('has at least 40 cases with distinct names and files', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_INPUTS.map((c) => c.name)).size).toBe(BAD_INPUTS.length);
    const shared = BAD_INPUTS.filter((c) => !c.solo).flatMap(filesOf);
    expect(new Set(shared).size).toBe(shared.length);
  });

  for (const c of BAD_INPUTS) {
    it(c.name, async () => {
      delete (globalThis as { __sikuPwned?: boolean }).__sikuPwned;
      const { result, ms } = await run([c]);
      for (const e of c.expect) expectFound(result.diagnostics, e, c.name);
      if (!c.loose) {
        const unexpected = result.diagnostics.filter((d) => d.severity === 'error' && !c.expect.some((e) => matches(d, e)));
        expect(unexpected.map(show), `“${c.name}” 不应有其他错误`).toEqual([]);
      }
      if (c.expect.length === 0) {
        expect(result.diagnostics.filter((d) => filesOf(c).includes(d.file)).map(show)).toEqual([]);
      }
      expect(result.errors > 0).toBe(c.expect.some((e) => (e.severity ?? 'error') === 'error'));
      // A front matter in another language is never handed to a JavaScript engine.
      expect((globalThis as { __sikuPwned?: boolean }).__sikuPwned).toBeUndefined();
      // Nothing hangs on big input: a body just under the 1 MiB limit and an alias bomb included.
      expect(ms).toBeLessThan(5000);
    });
  }
});

describe('bad-input corpus, all at once', () => {
  it('reports every case of a catalog with many broken files in one run', async () => {
    const cases = BAD_INPUTS.filter((c) => !c.solo);
    const { result } = await run(cases);
    for (const c of cases) for (const e of c.expect) expectFound(result.diagnostics, e, c.name);
    const expected = cases.flatMap((c) => c.expect);
    const unexpected = result.diagnostics.filter((d) => d.severity === 'error' && !expected.some((e) => matches(d, e)));
    expect(unexpected.map(show)).toEqual([]);
    expect(result.errors).toBeGreaterThanOrEqual(cases.filter((c) => c.expect.some((e) => (e.severity ?? 'error') === 'error')).length);
  });
});
