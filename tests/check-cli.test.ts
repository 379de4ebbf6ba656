/**
 * `npm run check` as people and CI run it: exit codes, the text format
 * (`path:line:col  field  message` + hint), GitHub annotations and JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_TODAY, PROJECT_ROOT } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';
import { entry } from './fixtures/bad-inputs.ts';

function check(contentDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/check.ts'), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, SIKU_CONTENT_DIR: contentDir, SIKU_TODAY: FIXTURE_TODAY },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BAD = 'tests/fixtures/bad-cli';

describe('npm run check', () => {
  it('exits 0 when there are only warnings, and lists them', () => {
    const { status, stdout } = check('tests/fixtures/basic');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^tests\/fixtures\/basic\/cases\/cungai-anli\.md:4:10 {2}topics\.0 {2}警告：“基層治理” 是 “基层治理” 的别名/m);
    expect(stdout).toMatch(/：0 个错误，\d+ 个警告。/);
  });

  it('exits 1 on errors and prints path:line:col  field  message with a hint', () => {
    const { status, stdout } = check(BAD);
    expect(status).toBe(1);
    const lines = stdout.split('\n');
    const at = lines.indexOf(
      'tests/fixtures/bad-cli/courses/xueshi-cuowu.md:10:8  hours  错误：学时应为数字，如 3 或 1.5（实际填写的是文字）',
    );
    expect(at, stdout).toBeGreaterThan(-1);
    expect(lines[at + 1]).toBe('    提示：数字不要加引号、汉字或单位，如 hours: 3');
    expect(stdout).toContain(
      'tests/fixtures/bad-cli/cases/cihui-cuowu.md:5:8  owner  错误：引用的 schools “city-schol” 不存在\n    提示：是不是 “city-school”？',
    );
    expect(stdout).toContain(
      'tests/fixtures/bad-cli/cases/cihui-cuowu.md:9:7  kind  错误：“经验介绍” 不在词表 case_kinds 中\n    提示：是不是 “经验总结”？',
    );
    expect(stdout).toContain('tests/fixtures/bad-cli/cases/cihui-cuowu.md:14:6  body  错误：正文中不允许 <script> 脚本');
    expect(stdout).toContain('检查了 5 个文件：4 个错误，1 个警告。');
  });

  it('--format github prints workflow annotations with repository paths', () => {
    const { status, stdout } = check(BAD, '--format', 'github');
    expect(status).toBe(1);
    expect(stdout).toContain(
      '::error file=tests/fixtures/bad-cli/courses/xueshi-cuowu.md,line=10,col=8,title=hours::学时应为数字，如 3 或 1.5（实际填写的是文字）%0A提示：数字不要加引号、汉字或单位，如 hours: 3',
    );
    expect(stdout).toContain('::warning file=tests/fixtures/bad-cli/courses/xueshi-cuowu.md,line=4,col=10,title=topics.0::');
    expect(stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(4);
    expect(check(BAD, '--format=github').stdout).toBe(stdout);
  });

  it('--json prints every diagnostic with file, position, field, rule and severity', () => {
    const { status, stdout } = check(BAD, '--json');
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ root: BAD, files: 5, errors: 4, warnings: 1 });
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'courses/xueshi-cuowu.md',
        line: 10,
        column: 8,
        field: 'hours',
        rule: 'wrong-type',
        severity: 'error',
      }),
    );
    expect(report.diagnostics.map((d: { rule: string }) => d.rule).sort()).toEqual([
      'dangling-reference',
      'unknown-term',
      'unsafe-html',
      'vocabulary-alias',
      'wrong-type',
    ]);
    expect(check(BAD, '--format', 'json').stdout).toBe(stdout);
  });

  it('prints a big report completely (stdout is flushed before exit)', () => {
    const root = copyFixture('basic');
    for (let i = 0; i < 300; i++)
      writeFileSync(path.join(root, `courses/bad-${i}.md`), entry('courses', { hours: '"三"', pillar: '未知板块' }));
    const { status, stdout } = check(root, '--json');
    expect(status).toBe(1);
    expect(JSON.parse(stdout).errors).toBe(600);
  });

  it('refuses unknown options and formats with exit 2', () => {
    expect(check(BAD, '--format', 'xml').status).toBe(2);
    expect(check(BAD, '--verbose').status).toBe(2);
  });

  it('fails clearly when the content folder does not exist', () => {
    const { status, stdout } = check(path.join(mkdtempSync(path.join(tmpdir(), 'siku-none-')), 'missing'));
    expect(status).toBe(1);
    expect(stdout).toContain('不存在');
  });
});
