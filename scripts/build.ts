/**
 * npm run build: check the content, build into a staging folder, verify the output,
 * then swap it into dist/. Any failure leaves the previous dist/ exactly as it was.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { formatText, summary } from '../src/lib/check/diagnostics.ts';
import { checkContent } from '../src/lib/check/index.ts';
import { contentRoot, PROJECT_ROOT, today } from '../src/lib/content-root.ts';
import { findLeaks } from '../src/lib/leaks.ts';
import { acquireBuildLock } from '../src/lib/build-lock.ts';

const outDir = path.resolve(PROJECT_ROOT, process.env.SIKU_DIST_DIR || 'dist');
const stagingRoot = path.join(PROJECT_ROOT, '.siku-staging');
const staging = path.join(stagingRoot, `build-${process.pid}-${Date.now()}`);

function fail(message: string): never {
  rmSync(staging, { recursive: true, force: true });
  console.error(`\n构建失败：${message}\n${existsSync(outDir) ? `原有的 ${path.relative(PROJECT_ROOT, outDir)}/ 保持不变。` : ''}`);
  process.exit(1);
}

// 1. The checker: the same schemas as the build, every problem at once.
const root = contentRoot();
const relRoot = path.relative(PROJECT_ROOT, root).split(path.sep).join('/') || '.';
const result = await checkContent({ root, today: today() });
if (result.diagnostics.length) console.log(formatText(result.diagnostics.map((d) => ({ ...d, file: `${relRoot}/${d.file}` }))) + '\n');
console.log(summary(result.diagnostics, result.files));
if (result.errors > 0) fail(`内容检查发现 ${result.errors} 个错误（见上方列表）。`);

// 2. Astro (with the search index integration) into the staging folder.
mkdirSync(stagingRoot, { recursive: true });
acquireBuildLock(path.join(PROJECT_ROOT, 'node_modules/.siku'));
const astro = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
  cwd: PROJECT_ROOT,
  stdio: 'inherit',
  env: { ASTRO_TELEMETRY_DISABLED: '1', ...process.env, SIKU_OUT_DIR: staging, SIKU_CONTENT_DIR: root },
});
if (astro.status !== 0) fail(`Astro 构建出错（退出码 ${astro.status ?? astro.signal}）。`);

// 3. Nothing of a 内部 case may be in any built file.
const internal = result.entries.filter((e) => e.collection === 'cases' && e.valid?.visibility === '内部');
const leaks = findLeaks(staging, internal.map((e) => ({ id: e.id, title: e.valid!.title as string, body: e.body })));
if (leaks.length) fail(`内部案例出现在构建结果中：\n${leaks.map((l) => `  ${l.file}: ${l.what}`).join('\n')}`);

// 4. Swap into place: renames on one file system, so dist/ is old or new, never half.
const previous = `${staging}-previous`;
if (existsSync(outDir)) renameSync(outDir, previous);
renameSync(staging, outDir);
rmSync(previous, { recursive: true, force: true });
rmSync(stagingRoot, { recursive: true, force: true });
console.log(`\n构建完成：${path.relative(PROJECT_ROOT, outDir)}/`);
