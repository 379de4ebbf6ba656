/**
 * npm run build: check the content while Astro builds into a staging folder, verify the output,
 * then swap it into dist/. Any failure — content errors, an Astro error, a leaked
 * 内部 case, even Ctrl-C — leaves the previous dist/ exactly as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentRoot, PROJECT_ROOT } from '../src/build/paths.ts';
import { today } from '../src/build/today.ts';
import { acquireBuildLock } from '../src/build/build-lock.ts';
import { LogTail } from '../src/build/log-tail.ts';
import { readEnv, requireValidEnv } from '../src/build/env.ts';

// The variables this script reads (the search index is built here); Astro checks the ones it reads itself.
requireValidEnv(
  ['SIKU_CONTENT_DIR', 'SIKU_DIST_DIR', 'SIKU_TODAY', 'SIKU_SEARCH_BUNDLE_LIMIT', 'SIKU_SEARCH_SHARD_PAGES', 'SIKU_SEARCH_AHEAD'],
  '构建失败：环境变量有误',
);
const outDir = path.resolve(PROJECT_ROOT, readEnv('SIKU_DIST_DIR') ?? 'dist');
// Staging sits next to the output, so the final swap is a rename on one file system.
const stagingRoot = path.join(path.dirname(outDir), '.siku-staging');
const staging = path.join(stagingRoot, `build-${process.pid}-${Date.now()}`);
const previous = `${staging}-previous`;
const shownOut = path.relative(PROJECT_ROOT, outDir).startsWith('..') ? outDir : path.relative(PROJECT_ROOT, outDir);

/** Whatever happens, put the old output back if it was moved aside, and drop the staging folders. */
function cleanup() {
  if (!existsSync(outDir) && existsSync(previous)) renameSync(previous, outDir);
  rmSync(staging, { recursive: true, force: true });
  rmSync(previous, { recursive: true, force: true });
  try {
    rmdirSync(stagingRoot);
  } catch {
    /* another build is using it, or it is already gone */
  }
}
process.on('exit', cleanup);
let astroProcess: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n构建被中断（${signal}）。${existsSync(outDir) ? `原有的 ${shownOut}/ 保持不变。` : ''}`);
    // Let Astro stop writing before the staging folder is removed.
    if (astroProcess && astroProcess.exitCode === null && astroProcess.signalCode === null) {
      astroProcess.once('exit', () => process.exit(130));
      astroProcess.kill('SIGTERM');
      setTimeout(() => astroProcess?.kill('SIGKILL'), 5000).unref();
    } else process.exit(130);
  });
}

/**
 * The caller's environment minus what would turn on Astro's development output: a test
 * runner exports DEV, MODE, NODE_ENV=test and friends, and `DEV=1` alone puts dev-only
 * attributes into a "production" build.
 */
function productionEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ASTRO_TELEMETRY_DISABLED: '1' };
  for (const [key, value] of Object.entries(env)) {
    if (!/^(DEV|PROD|SSR|MODE|BASE_URL|VITEST.*|TEST)$/.test(key)) clean[key] = value;
  }
  clean.NODE_ENV = 'production';
  return clean;
}

function fail(message: string): never {
  console.error(`\n构建失败：${message}\n${existsSync(outDir) ? `原有的 ${shownOut}/ 保持不变。` : ''}`);
  process.exit(1);
}

// 1 and 2 at once: the checker (the same schemas as the build, every problem at once)
// here, and Astro into the staging folder in a process of its own, on the other core.
// Astro's output is held back until the checker has passed: for content errors the
// checker's messages are the whole story, and Astro's (with its stack traces) would
// only bury them. Astro's search integration leaves the index to step 3.
const root = contentRoot();
const relRoot = path.relative(PROJECT_ROOT, root).split(path.sep).join('/');
const shownRoot = relRoot === '' ? '.' : relRoot.startsWith('..') ? root : relRoot;
mkdirSync(stagingRoot, { recursive: true });
acquireBuildLock(path.join(PROJECT_ROOT, 'node_modules/.siku'));
// Astro writes to files, passed on from there (src/build/log-tail.ts): nothing it prints is lost.
const logFile = (stream: string) => path.join(tmpdir(), `siku-astro-${process.pid}.${stream}`);
const astroLog = [new LogTail(logFile('out'), process.stdout), new LogTail(logFile('err'), process.stderr)] as const;
process.on('exit', () => {
  for (const log of astroLog) log.close();
});
// Asynchronous, so a Ctrl-C or a CI cancel is handled while Astro runs (not after it).
astroProcess = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
  cwd: PROJECT_ROOT,
  stdio: ['ignore', astroLog[0].fd, astroLog[1].fd],
  env: { ...productionEnv(process.env), SIKU_OUT_DIR: staging, SIKU_CONTENT_DIR: root, SIKU_DEFER_SEARCH_INDEX: '1' },
});
let showing = false;
const showAstro = () => {
  if (showing) for (const log of astroLog) log.flush();
};
const passing = setInterval(showAstro, 200);
const astroExit = new Promise<string | number>((resolve) => {
  astroProcess!.once('error', (error) => resolve(error.message));
  astroProcess!.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
});

/** Stops Astro (its output unseen) before failing on the checker's account. */
async function stopAstro(): Promise<void> {
  showing = false;
  clearInterval(passing);
  if (astroProcess && astroProcess.exitCode === null && astroProcess.signalCode === null) {
    astroProcess.kill('SIGTERM');
    setTimeout(() => astroProcess?.kill('SIGKILL'), 5000).unref();
    await astroExit;
  }
}

/** Polls for entry pages until Astro exits, preparing them; returns the manifest for the index shards. */
async function prepareWhileAstroRuns(): Promise<string> {
  const folder = makeScratch(result.entries.length * 8 * 1024);
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const preparer = new PagePreparer(staging, path.join(folder, 'pages'), fullCharMap());
  let running = true;
  void astroExit.then(() => (running = false));
  while (running) {
    const started = performance.now();
    preparer.poll();
    // A poll lists every library folder: at 100,000 entries it takes a while itself.
    const pause = Math.max(200, 4 * (performance.now() - started));
    await Promise.race([astroExit, new Promise((resolve) => setTimeout(resolve, pause))]);
  }
  clearInterval(passing);
  showAstro();
  console.log(`Astro 渲染页面时已为搜索索引准备了 ${preparer.count} 个条目页`);
  return preparer.writeManifest(path.join(folder, 'prepared.json'));
}

// Astro is starting: the checker and the search step load now, while it does (loaded up
// front, they kept Astro waiting a third of a second at any catalog size).
const loading = Promise.all([
  import('../src/build/check/diagnostics.ts'),
  import('../src/build/check/index.ts'),
  import('../src/build/leaks/guard.ts'),
  import('../src/build/search/build-search.ts'),
  import('../src/build/search/fold-map.ts'),
  import('../src/build/search/index-ahead.ts'),
  import('../src/build/search/prepare-ahead.ts'),
  import('../src/build/search/result-bundle.ts'),
  import('../src/build/search/indexer.ts'),
  import('../src/build/search/scratch.ts'),
]);
loading.catch(() => {});
let loaded: Awaited<typeof loading>;
try {
  loaded = await loading;
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  await stopAstro();
  fail('构建脚本自身出错（见上方信息）。');
}
const [
  { formatText, summary },
  { checkContent },
  { joinScans, scanLeaks },
  { buildSearch, bundleLimit },
  { fullCharMap },
  { aheadWanted, expectedEntryPages, IndexAhead },
  { PagePreparer },
  { mayFitBundle },
  { SearchIndexError },
  { makeScratch },
] = loaded;

let result: Awaited<ReturnType<typeof checkContent>>;
try {
  result = await checkContent({ root, today: today() });
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  await stopAstro();
  fail('检查器自身出错（见上方信息）。');
}
if (result.diagnostics.length) console.log(`${formatText(result.diagnostics.map((d) => ({ ...d, file: `${shownRoot}/${d.file}` })))}\n`);
console.log(summary(result.diagnostics, result.files));
if (result.errors > 0) {
  await stopAstro();
  fail(`内容检查发现 ${result.errors} 个错误（见上方列表）。`);
}
showing = true;
showAstro();
// While Astro renders on one core, the lean index is read on the other: by shard
// processes that also write it where they can (src/build/search/index-ahead.ts), or, for
// a catalog too big for that, by this process preparing the pages it has written
// (src/build/search/prepare-ahead.ts). Either way what changed since is done again.
const lean = !mayFitBundle(result.entries.length, bundleLimit());
const expected = expectedEntryPages(result.entries);
const ahead = lean && aheadWanted() ? IndexAhead.start(staging, expected, { leaks: result.leaks }) : undefined;
const prepared = lean && !ahead ? await prepareWhileAstroRuns() : undefined;
await astroExit;
clearInterval(passing);
showAstro();
if ((await astroExit) !== 0) fail(`Astro 构建出错（退出码 ${await astroExit}）。`);
if (!existsSync(path.join(staging, 'index.html'))) fail('Astro 没有生成首页 index.html，构建结果不完整。');

// 3. The search index, once Astro has exited and given its memory back (100,000 entries:
// Astro alone holds several GB, and each index shard takes about 3 GB in Pagefind).
// 4. Nothing of a 内部 case may be in any built file: the checker's own fingerprints, so
// both agree. The guard reads what Astro wrote while the index shards are built in their
// own processes (the entry pages the shards read ahead they scanned as they read them),
// then what the search step wrote or changed, and any page not scanned as it is now.
const searching = buildSearch({ dir: staging, prepared, ahead, log: (message) => console.log(message) });
searching.catch(() => {});
const inShards = new Set(ahead ? expected : []);
const astroLeaks = scanLeaks(staging, result.leaks, undefined, (rel) => inShards.has(rel));
try {
  await searching;
} catch (error) {
  if (error instanceof SearchIndexError) fail(error.message);
  throw error;
}
const { leaks } = scanLeaks(staging, result.leaks, ahead?.scanned ? joinScans(astroLeaks, ahead.scanned) : astroLeaks);
if (leaks.length) fail(`内部案例出现在构建结果中：\n${leaks.map((l) => `  ${l.file}: ${l.what}`).join('\n')}`);

// 5. Swap into place: two renames on one file system, so dist/ is old or new, never half.
if (existsSync(outDir)) renameSync(outDir, previous);
try {
  renameSync(staging, outDir);
} catch (error) {
  fail(`无法把构建结果移到 ${shownOut}/：${error instanceof Error ? error.message : error}`);
}
console.log(`\n构建完成：${shownOut}/`);
