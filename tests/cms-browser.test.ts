/**
 * The form editor end to end: a real `astro build` of a temp copy of tests/fixtures/basic
 * with /admin/ pointed at a real decap-server (the local backend, on the copy), driven in
 * real Chromium the way a teacher would. Every saved file must pass the checker; nothing
 * may be requested from another origin (decap-server, on this machine, is the one
 * allowed exception: it is the local backend that stands in for the forge).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/build/check/index.ts';
import { allFields, modelSchemas } from '../src/schemas/model.ts';
import type { Collection } from '../src/schemas/index.ts';
import { runAstroBuild } from './helpers/astro-build.ts';
import { FIXTURE_TODAY, FIXTURES, PROJECT_ROOT } from './helpers/build.ts';
import { launchBrowser } from './helpers/browser.ts';
import { serveStatic, type StaticServer } from './helpers/server.ts';

/** A valid 1×1 PNG (70 bytes), the photo the upload test sends. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SHOTS = process.env.SIKU_CMS_SCREENSHOTS; // a folder: also save the CONTRIBUTING.md screenshots

let work: string;
let content: string;
let server: StaticServer;
let decap: ChildProcess;
let backend: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const foreign: string[] = [];
const pageErrors: string[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts decap-server on the content copy and resolves once it listens. */
function startDecapServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/decap-server/dist/index.js')], {
    cwd: content,
    env: { ...process.env, PORT: String(port), BIND_HOST: '127.0.0.1', GIT_REPO_DIRECTORY: content, MODE: 'fs', LOG_LEVEL: 'info' },
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (d: Buffer) => {
      log += d.toString();
      if (/listening on/.test(log)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`decap-server 退出（${code}）：${log}`)));
  });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'siku-cms-'));
  content = path.join(work, 'content');
  cpSync(path.join(FIXTURES, 'basic'), content, { recursive: true });
  const port = await freePort();
  backend = `http://127.0.0.1:${port}`;
  // The build reads these through src/build/env.ts (runAstroBuild passes the environment on).
  process.env.SIKU_CMS_LOCAL_BACKEND = `${backend}/api/v1`;
  process.env.SIKU_EDIT_URL = '/admin/#/collections/{collection}/entries/{slug}';
  const built = runAstroBuild(content);
  delete process.env.SIKU_CMS_LOCAL_BACKEND;
  delete process.env.SIKU_EDIT_URL;
  if (built.status !== 0) throw new Error(`构建失败：${built.stdout}\n${built.stderr}`);
  server = await serveStatic(built.outDir);
  decap = await startDecapServer(port);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(server.url) && !url.startsWith(`${backend}/api/v1`) && !/^(blob|data):/.test(url)) foreign.push(url);
  });
  context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(e.message)));
  page = await context.newPage();
  await page.goto(`${server.url}/admin/`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('课程库').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  decap?.kill();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Saves a screenshot for CONTRIBUTING.md (only with SIKU_CMS_SCREENSHOTS), `label`'s field in view. */
const shot = async (name: string, label?: string) => {
  if (!SHOTS) return;
  if (label)
    await field(label)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(SHOTS, `cms-${name}.png`) });
};

let loads = 0;
/**
 * Opens a form by its hash route, loading the page afresh (a bare hash change after a save
 * leaves Decap on the saved entry) — the login stays, in localStorage — and waits for it.
 */
async function openForm(route: string) {
  await page.goto(`${server.url}/admin/?load=${++loads}#/${route}`);
  await page.getByLabel(/^id（文件名）/).waitFor();
}

const field = (label: string) => page.getByLabel(new RegExp(`^${label}( \\(可选\\))?$`));

/** Picks an option of a select or relation widget, typing to search it first. */
async function pick(label: string, search: string, option = search) {
  const input = field(label);
  await input.click();
  await input.pressSequentially(search);
  await page.locator('[id*="-option-"]', { hasText: option }).first().click();
  await page.keyboard.press('Escape');
}

async function publish() {
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.getByText('立即发布').click();
}

/** Waits until `file` (under the content copy) exists and is no longer `before`. */
/**
 * The file once the CMS has saved it anew. decap-server truncates a file before writing
 * it, so an empty or half-written file is not yet the saved one.
 */
async function saved(file: string, before?: string): Promise<string> {
  const full = path.join(content, file);
  const read = () => (existsSync(full) ? readFileSync(full, 'utf8') : undefined);
  await expect
    .poll(
      () => {
        const text = read();
        return text !== undefined && text !== before && /^---\n[\s\S]*?\n---\n/.test(text);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return read()!;
}

/** The checker's errors (and the file's warnings) for the whole copy. */
async function check() {
  const result = await checkContent({ root: content, today: FIXTURE_TODAY });
  const shown = (d: (typeof result.diagnostics)[number]) => `${d.file}:${d.line ?? ''} ${d.message}`;
  return { errors: result.diagnostics.filter((d) => d.severity === 'error').map(shown), all: result.diagnostics.map(shown) };
}

function frontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error(`没有 front matter：${text}`);
  return parse(match[1]) as Record<string, unknown>;
}

/** No key the contract doesn't have, at the top level. */
function unknownKeys(collection: Collection, data: Record<string, unknown>): string[] {
  const known = new Set(allFields(modelSchemas()[collection]).map((f) => f.path));
  return Object.keys(data).filter((k) => !known.has(k));
}

describe('the form editor in Chromium against decap-server', () => {
  it('creates a course with a vocabulary select and an instructor picked by name; the file passes the checker', async () => {
    await openForm('collections/courses/new');
    await field('id（文件名）').fill('xin-kecheng');
    await field('课程名称').fill('新时代基层治理能力提升');
    await field('摘要').fill('围绕网格化治理和“吹哨报到”机制，讲授基层治理的方法与案例。');
    await pick('专题领域', '基层', '基层治理');
    await pick('所属党校', '棠下', '棠下镇党校');
    await field('复核日期').fill('2026-11-20');
    await pick('内容板块', '履职', '履职能力');
    await pick('教学形式', '专题', '专题讲授');
    await pick('培训对象', '基层', '基层干部');
    await field('学时').fill('3');
    await pick('授课教师', '林', '林育文');
    await pick('状态', '入库');
    await shot('new-course', '授课教师');
    await publish();
    const text = await saved('courses/xin-kecheng.md');
    const data = frontMatter(text);
    expect(data).toMatchObject({
      title: '新时代基层治理能力提升',
      topics: ['基层治理'],
      owner: 'town-school',
      reviewed: '2026-11-20',
      pillar: '履职能力',
      formats: ['专题讲授'],
      audiences: ['基层干部'],
      hours: 3,
      instructors: ['lin-jiaoshou'],
      status: '入库',
    });
    expect(unknownKeys('courses', data)).toEqual([]);
    expect(text).not.toMatch(/: ""|: \[\]|^id:/m);
    expect((await check()).errors).toEqual([]);
  });

  it('edits a traditional-script case: only the edited field changes, the file still passes', async () => {
    const file = 'cases/cungai-anli.md';
    const before = readFileSync(path.join(content, file), 'utf8');
    await openForm('collections/cases/entries/cungai-anli');
    const summary = field('摘要');
    await expect.poll(() => summary.inputValue(), { timeout: 15_000 }).toContain('鎮村兩級');
    const edited = '鎮村兩級合作推進村級工業園連片改造，探索“政府主導、村集體參與、企業受益”的利益平衡機制。';
    await summary.fill(edited);
    await shot('edit-case', '摘要');
    await publish();
    const after = await saved(file, before);
    const [old, now] = [frontMatter(before), frontMatter(after)];
    expect(now.summary).toBe(edited);
    expect({ ...now, summary: old.summary }).toEqual(old);
    expect(after.split('---\n').slice(2).join('---\n')).toBe(before.split('---\n').slice(2).join('---\n'));
    // Line for line: only the summary's line differs.
    const diff = before.split('\n').filter((line, i) => line !== after.split('\n')[i]);
    expect(diff).toEqual([before.split('\n').find((l) => l.startsWith('summary:'))]);
    expect((await check()).errors).toEqual([]);
  });

  it('refuses to save with a required field left empty, with the CMS message', async () => {
    await openForm('collections/instructors/new');
    await field('id（文件名）').fill('kong-xingming');
    await field('工作单位').fill('棠下镇人民政府');
    await publish();
    await expect.poll(() => page.getByText(/姓名.*必填|必填.*姓名/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Decap rejects the save with `undefined` after showing the message: not a page bug.
    pageErrors.splice(pageErrors.indexOf('undefined'), 1);
    await shot('required', '姓名');
    expect(existsSync(path.join(content, 'instructors/kong-xingming.md'))).toBe(false);
  });

  it('creates an instructor and a site through the forms', async () => {
    await openForm('collections/instructors/new');
    await field('id（文件名）').fill('zhou-jiaoshou');
    await field('姓名').fill('周文清');
    await field('摘要').fill('市委党校公共管理教研部教师，讲授基层治理与应急管理。');
    await pick('专题领域', '基层', '基层治理');
    await pick('所属党校', '江门', '江门市委党校');
    await field('复核日期').fill('2026-11-01');
    await pick('师资类别', '党校', '党校教师');
    await pick('专兼职', '专职');
    await field('工作单位').fill('江门市委党校');
    await pick('状态', '在库');
    await publish();
    const instructor = frontMatter(await saved('instructors/zhou-jiaoshou.md'));
    expect(unknownKeys('instructors', instructor)).toEqual([]);

    await openForm('collections/sites/new');
    await field('id（文件名）').fill('tangxia-wangge-zhongxin');
    await field('教学点名称').fill('棠下镇网格化服务管理中心');
    await field('摘要').fill('镇级网格化服务管理中心，可观摩事件受理、分拨和督办的全流程。');
    await pick('专题领域', '基层', '基层治理');
    await pick('所属党校', '棠下', '棠下镇党校');
    await field('复核日期').fill('2026-11-01');
    await pick('教学点类别', '村级', '村级工业园改造');
    await field('所在地区').fill('江门市蓬江区棠下镇');
    await field('地址').fill('江门市蓬江区棠下镇示例路 8 号');
    await field('承接单位').fill('棠下镇人民政府');
    await pick('授课教师', '周', '周文清');
    await field('时长').fill('60');
    await field('容纳人数').fill('30');
    await pick('状态', '培育', '培育中');
    await shot('new-site', '授课教师');
    await publish();
    const site = frontMatter(await saved('sites/tangxia-wangge-zhongxin.md'));
    expect(site).toMatchObject({ instructors: ['zhou-jiaoshou'], duration: 60, capacity: 30, status: '培育中' });
    expect(unknownKeys('sites', site)).toEqual([]);
    expect((await check()).errors).toEqual([]);
  });

  it("edits one session of a program's timetable", async () => {
    const file = 'programs/zhizao-ban.md';
    const before = readFileSync(path.join(content, file), 'utf8');
    await openForm('collections/programs/entries/zhizao-ban');
    await page.getByText('课程安排').first().waitFor();
    // The first session's end time.
    await page
      .getByLabel(/^结束时间$/)
      .first()
      .fill('09:25');
    await shot('edit-session', '开始时间');
    await publish();
    const after = await saved(file, before);
    const sessions = frontMatter(after).sessions as { to: string }[];
    expect(sessions[0].to).toBe('09:25');
    expect(before.split('\n').filter((line, i) => line !== after.split('\n')[i])).toHaveLength(1);
    expect((await check()).errors).toEqual([]);
  });

  it('uploads an instructor photo: the file lands in photos/ next to the entry, the field holds the path relative to it', async () => {
    const file = 'instructors/he-juzhang.md';
    const before = readFileSync(path.join(content, file), 'utf8');
    expect(frontMatter(before).photo).toBeUndefined();
    await openForm('collections/instructors/entries/he-juzhang');
    await expect.poll(() => field('姓名').inputValue(), { timeout: 15_000 }).toBe('何振邦');
    await page.getByRole('button', { name: '选择图片' }).click();
    // Decap's media library: the upload button's hidden file input.
    await page.locator('input[type="file"]').setInputFiles({ name: 'he-juzhang.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.getByRole('button', { name: '选用已选中项目' }).click();
    await field('照片说明').fill('何振邦的示意头像（一个像素）');
    await publish();
    const after = await saved(file, before);
    const photo = path.join(content, 'instructors/photos/he-juzhang.png');
    await expect.poll(() => existsSync(photo), { timeout: 20_000 }).toBe(true);
    expect(readFileSync(photo)).toEqual(PNG_1X1);
    const [old, now] = [frontMatter(before), frontMatter(after)];
    // Relative to the entry file. Decap joins public_folder and the file name with
    // path.join, which drops the `./` of public_folder: `photos/x.png`, not `./photos/x.png`.
    // Both resolve next to the entry for the checker and for Astro's image() (which
    // prefixes `./` to a bare path when the file exists beside the entry).
    expect(now.photo).toBe('photos/he-juzhang.png');
    expect(path.resolve(path.dirname(path.join(content, file)), now.photo as string)).toBe(photo);
    expect(now.photo_alt).toBe('何振邦的示意头像（一个像素）');
    expect({ ...now, photo: undefined, photo_alt: undefined }).toEqual({ ...old, photo: undefined, photo_alt: undefined });
    expect(after.split('---\n').slice(2).join('---\n')).toBe(before.split('---\n').slice(2).join('---\n'));
    // Only the two new lines: every line of the old file is still there, in order.
    expect(after.split('\n').filter((l) => !/^photo(_alt)?:/.test(l))).toEqual(before.split('\n'));
    expect((await check()).errors).toEqual([]);
  });

  it('links each entry page to its form', async () => {
    await page.goto(`${server.url}/courses/wangge-zhili/`);
    const link = page.locator('[data-edit-link]');
    expect(await link.getAttribute('href')).toBe('/admin/#/collections/courses/entries/wangge-zhili');
    await link.click();
    await expect.poll(() => field('课程名称').inputValue(), { timeout: 20_000 }).toBe('基层网格化治理实务');
  });

  it('made no request to another origin and no page error', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
