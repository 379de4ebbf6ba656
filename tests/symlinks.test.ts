/**
 * Nothing outside the content root, and nothing unchecked: every symbolic link in the
 * content root — file or folder, pointing inside or outside, images included — is an
 * error of the checker (`npm run check`), and a plain `astro build` refuses to load any
 * content while one exists, with a Chinese message naming the link.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/build/check/index.ts';
import { assertPublishableTree, linkOnPath, walkContentRoot } from '../src/build/content-files.ts';
import { entry } from './fixtures/bad-inputs.ts';
import { FIXTURE_TODAY, PROJECT_ROOT, runBuild } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';

/** An entry whose body would run a script on the built page if it were ever loaded. */
const UNCHECKED = entry('courses', { title: '链接进来的课程' }, '<script>globalThis.linked = true</script>\n');

/** A copy of the basic fixture with a folder next to it (outside the content root). */
function setup(): { root: string; outside: string } {
  const root = copyFixture('basic');
  const outside = path.join(path.dirname(root), 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'wailai-kecheng.md'), UNCHECKED);
  copyFileSync(path.join(root, 'instructors/photos/lin-jiaoshou.png'), path.join(outside, 'tu.png'));
  return { root, outside };
}

/** A plain `astro build` (no checker first), as someone running `npx astro build` would. */
function plainAstroBuild(root: string) {
  const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'siku-plain-')), 'dist');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SIKU_CONTENT_DIR: root,
    SIKU_OUT_DIR: outDir,
    SIKU_TODAY: FIXTURE_TODAY,
    ASTRO_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
  };
  for (const key of Object.keys(env)) if (/^(VITEST.*|TEST|DEV|PROD|SSR|MODE|BASE_URL)$/.test(key)) delete env[key];
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: PROJECT_ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, outDir };
}

describe('the checker reports every link', () => {
  let root: string;
  let outside: string;
  let result: Awaited<ReturnType<typeof checkContent>>;

  beforeAll(async () => {
    ({ root, outside } = setup());
    symlinkSync(path.join(outside, 'wailai-kecheng.md'), path.join(root, 'courses/wai-lianjie.md')); // file → outside
    symlinkSync('./wangge-zhili.md', path.join(root, 'courses/nei-lianjie.md')); // file → inside
    symlinkSync(outside, path.join(root, 'cases/waibu')); // folder → outside
    symlinkSync('../courses', path.join(root, 'sites/neibu')); // folder → inside
    symlinkSync('./bu-cunzai.md', path.join(root, 'courses/duan-lianjie.md')); // broken
    // The portrait an instructor's photo field names, and a body image in a dot-folder.
    rmSync(path.join(root, 'instructors/photos/lin-jiaoshou.png'));
    symlinkSync(path.join(outside, 'tu.png'), path.join(root, 'instructors/photos/lin-jiaoshou.png'));
    symlinkSync(outside, path.join(root, 'courses/.tupian'));
    const withImage = `${readFileSync(path.join(root, 'courses/wangge-zhili.md'), 'utf8')}\n![示意图](./.tupian/tu.png)\n`;
    writeFileSync(path.join(root, 'courses/wangge-zhili.md'), withImage);
    result = await checkContent({ root, today: FIXTURE_TODAY });
  });

  const symlink = (file: string) => result.diagnostics.find((d) => d.file === file && d.rule === 'symlink');

  it.each([
    ['courses/wai-lianjie.md', /这个文件是符号链接，指向 .*outside.*（内容目录之外）/, /复制到这里/],
    ['courses/nei-lianjie.md', /指向 \.\/wangge-zhili\.md（内容目录中的文件）/, /复制到这里/],
    ['cases/waibu', /这个文件夹是符号链接.*（内容目录之外）/, /文件夹整个复制/],
    ['sites/neibu', /指向 \.\.\/courses（内容目录中的文件夹）/, /文件夹整个复制/],
    ['courses/duan-lianjie.md', /指向 \.\/bu-cunzai\.md（目标不存在）/, /删除这个链接/],
    ['instructors/photos/lin-jiaoshou.png', /内容目录之外/, /复制/],
    ['courses/.tupian', /内容目录之外/, /复制/],
  ])('%s', (file, message, hint) => {
    const d = symlink(file);
    expect(d, JSON.stringify(result.diagnostics.filter((x) => x.file === file))).toBeDefined();
    expect(d!).toMatchObject({ severity: 'error', line: 1, column: 1, field: '-' });
    expect(d!.message).toMatch(message);
    expect(d!.message).toContain('不允许符号链接');
    expect(d!.hint).toMatch(hint);
  });

  it('checks and loads nothing through a link', () => {
    // The entry in the linked folder is not an entry at all (and so not published by the checker's word).
    expect(
      result.entries.map((e) => e.file).filter((f) => f.includes('wailai') || f.includes('lianjie') || f.startsWith('sites/neibu')),
    ).toEqual([]);
    expect(result.errors).toBe(7);
  });

  it('npm run check exits 1 and names each link', () => {
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/check.ts')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, SIKU_CONTENT_DIR: root, SIKU_TODAY: FIXTURE_TODAY },
    });
    expect(run.status).toBe(1);
    for (const file of ['courses/wai-lianjie.md', 'cases/waibu', 'sites/neibu', 'instructors/photos/lin-jiaoshou.png']) {
      expect(run.stdout).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:1:1 {2}- {2}错误：.*符号链接`));
    }
    expect(run.stdout).toContain('检查了');
  });

  it('npm run build stops at the checker', () => {
    const build = runBuild(root);
    expect(build.status).toBe(1);
    expect(build.stdout).toMatch(/cases\/waibu:1:1 {2}- {2}错误：这个文件夹是符号链接/);
    expect(build.stderr).toContain('构建失败：内容检查发现 7 个错误');
    expect(existsSync(build.outDir)).toBe(false);
  });
});

describe('links and special files at the top of the root', () => {
  it('a linked taxonomy.yaml is reported once and never read', async () => {
    const { root, outside } = setup();
    const real = path.join(outside, 'taxonomy.yaml');
    copyFileSync(path.join(root, 'taxonomy.yaml'), real);
    rmSync(path.join(root, 'taxonomy.yaml'));
    symlinkSync(real, path.join(root, 'taxonomy.yaml'));
    const result = await checkContent({ root, today: FIXTURE_TODAY });
    expect(result.diagnostics.filter((d) => d.file === 'taxonomy.yaml')).toMatchObject([{ rule: 'symlink', severity: 'error' }]);
  });

  it('a named pipe is reported, not read (reading one never ends)', async () => {
    const { root } = setup();
    const fifo = spawnSync('mkfifo', [path.join(root, 'courses/guandao.md')]);
    if (fifo.status !== 0) return; // no mkfifo on this system
    const result = await checkContent({ root, today: FIXTURE_TODAY });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([{ file: 'courses/guandao.md', rule: 'special-file' }]);
    expect(() => assertPublishableTree(root)).toThrow(/courses\/guandao\.md 不是普通文件/);
  });
});

describe('a plain astro build refuses a content root with links', () => {
  it('a folder pointing outside (its entry would run a script)', () => {
    const { root, outside } = setup();
    symlinkSync(outside, path.join(root, 'courses/waibu'));
    const build = plainAstroBuild(root);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain('中有不能发布的文件，已停止加载内容');
    expect(build.output).toMatch(/courses\/waibu 是符号链接，指向 .*outside（内容目录之外）/);
    expect(build.output).toContain('npm run check');
    expect(existsSync(path.join(build.outDir, 'index.html'))).toBe(false);
  });

  it('a file pointing inside', () => {
    const { root } = setup();
    symlinkSync('wangge-zhili.md', path.join(root, 'courses/nei-lianjie.md'));
    const build = plainAstroBuild(root);
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(/courses\/nei-lianjie\.md 是符号链接，指向 wangge-zhili\.md（内容目录中的文件）/);
    expect(build.output).toContain('npm run check');
    expect(existsSync(path.join(build.outDir, 'index.html'))).toBe(false);
  });
});

describe('the shared walk', () => {
  it('lists what the glob loaders load, and every link, without following any', () => {
    const { root, outside } = setup();
    mkdirSync(path.join(root, '.git/objects'), { recursive: true });
    symlinkSync(outside, path.join(root, '.git/objects/link')); // inside .git: not ours to judge
    mkdirSync(path.join(root, 'courses/.drafts'));
    writeFileSync(path.join(root, 'courses/.drafts/caogao.md'), UNCHECKED);
    symlinkSync(outside, path.join(root, 'courses/.drafts/link'));
    symlinkSync(outside, path.join(root, 'courses/waibu'));
    const tree = walkContentRoot(root);
    expect(tree.links).toEqual(['courses/.drafts/link', 'courses/waibu']);
    expect(tree.files).toContain('courses/wangge-zhili.md');
    expect(tree.files).toContain('instructors/photos/lin-jiaoshou.png');
    expect(tree.files.filter((f) => f.includes('.drafts') || f.includes('.git') || f.startsWith('courses/waibu'))).toEqual([]);
    expect(() => assertPublishableTree(root, tree)).toThrow(/courses\/waibu 是符号链接/);
  });

  it('a clean root passes', () => {
    const { root } = setup();
    expect(() => assertPublishableTree(root)).not.toThrow();
  });

  it('finds the link on the way to a file that appears while astro dev runs', () => {
    const { root, outside } = setup();
    symlinkSync(outside, path.join(root, 'courses/waibu'));
    expect(linkOnPath(root, path.join(root, 'courses/waibu/wailai-kecheng.md'))).toBe('courses/waibu');
    expect(linkOnPath(root, path.join(root, 'courses/wangge-zhili.md'))).toBeUndefined();
    expect(linkOnPath(root, path.join(outside, 'wailai-kecheng.md'))).toBeUndefined();
  });
});
