/**
 * npm run edit: edit the catalog with forms on this machine. Starts decap-server (the
 * form editor's local backend, on the content folder) and `astro dev` with /admin/
 * pointed at it, then watches the content root: each time a file is saved — from the
 * forms or any editor — the checker runs and prints that file's messages here.
 * Ports: SIKU_EDIT_PORT (site, default 4321) and SIKU_CMS_PORT (decap-server, default
 * 8081). Ctrl-C stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { localRepository } from '../src/build/cms/settings.ts';
import { formatText } from '../src/build/check/diagnostics.ts';
import { checkContent } from '../src/build/check/index.ts';
import { contentRoot, PROJECT_ROOT } from '../src/build/paths.ts';
import { today } from '../src/build/today.ts';
import { readEnv, requireValidEnv } from '../src/build/env.ts';

requireValidEnv(['SIKU_CONTENT_DIR', 'SIKU_TODAY', 'SIKU_EDIT_PORT', 'SIKU_CMS_PORT', 'SIKU_EDIT_URL', 'SIKU_CMS_CONFIG']);
const require = createRequire(import.meta.url);
const root = contentRoot();
const sitePort = readEnv('SIKU_EDIT_PORT') ?? 4321;
const cmsPort = readEnv('SIKU_CMS_PORT') ?? 8081;
const backend = `http://localhost:${cmsPort}/api/v1`;
const children: ChildProcess[] = [];

function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (data: Buffer) =>
    data
      .toString()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout?.on('data', (d: Buffer) => console.log(prefix(d)));
  child.stderr?.on('data', (d: Buffer) => console.error(prefix(d)));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} 意外退出（${signal ?? code}），正在停止全部进程`);
    stop(1);
  });
  children.push(child);
  return child;
}

let stopping = false;
/** Stops both servers and the watcher, then exits once both are gone (the watcher alone would keep Node running). */
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  watcher.close();
  clearTimeout(timer);
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  let left = alive.length;
  if (left === 0) process.exit(code);
  for (const child of alive) {
    child.once('exit', () => {
      if (--left === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
  // A server that ignores SIGTERM does not keep the terminal.
  setTimeout(() => {
    for (const child of alive) child.kill('SIGKILL');
    process.exit(code);
  }, 5000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// decap-server edits the files of this folder (the project, or the content root when it lives elsewhere).
start('decap-server', [require.resolve('decap-server/dist/index.js')], {
  PORT: String(cmsPort),
  BIND_HOST: '127.0.0.1',
  GIT_REPO_DIRECTORY: localRepository(root),
  MODE: 'fs',
  LOG_LEVEL: 'warn',
});
start('astro', [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(sitePort), '--host', '127.0.0.1'], {
  SIKU_CMS_LOCAL_BACKEND: backend,
  // Entry pages link to their form unless another pattern is configured.
  SIKU_EDIT_URL: readEnv('SIKU_EDIT_URL') ?? '/admin/index.html#/collections/{collection}/entries/{slug}',
  ASTRO_TELEMETRY_DISABLED: '1',
});
console.log(`表单编辑：http://localhost:${sitePort}/admin/index.html（内容目录 ${root}；按 Ctrl-C 停止）`);

// The checker, for each file saved: debounced (a save can be several writes), one run at a time.
const changed = new Set<string>();
let timer: NodeJS.Timeout | undefined;
let running = false;
async function checkChanged() {
  if (running || changed.size === 0) return;
  running = true;
  const files = [...changed];
  changed.clear();
  try {
    const result = await checkContent({ root, today: today() });
    for (const file of files) {
      const mine = result.diagnostics.filter((d) => d.file === file);
      const errors = mine.filter((d) => d.severity === 'error').length;
      const head = errors ? `✗ ${file}：${errors} 个错误` : `✓ ${file}：通过检查${mine.length ? `（${mine.length} 个警告）` : ''}`;
      console.log(mine.length ? `${head}\n${formatText(mine)}` : head);
    }
    const others = result.errors - result.diagnostics.filter((d) => files.includes(d.file) && d.severity === 'error').length;
    if (others > 0) console.log(`  （其他文件共有 ${others} 个错误，运行 npm run check 查看）`);
  } catch (error) {
    console.error(`检查器出错：${error instanceof Error ? error.message : String(error)}`);
  } finally {
    running = false;
    if (changed.size) void checkChanged();
  }
}
const watcher = watch(root, { recursive: true }, (_event, name) => {
  if (!name || !/\.(mdx?|ya?ml)$/.test(name)) return;
  changed.add(String(name).split(path.sep).join('/'));
  clearTimeout(timer);
  timer = setTimeout(() => void checkChanged(), 300);
});
