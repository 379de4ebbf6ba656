/**
 * A real `npm run build` of tests/fixtures/basic (through SIKU_CONTENT_DIR), then
 * assertions on the built files.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, readBuilt, runBuild } from './helpers/build.ts';
import { copyFixture } from './helpers/catalogs.ts';
import { sharedFixture } from './helpers/shared-builds.ts';

let dist: string;
let files: string[];
let html: Map<string, string>;

beforeAll(async () => {
  dist = await sharedFixture('basic');
  files = listFiles(dist);
  html = new Map(files.filter((f) => f.endsWith('.html')).map((f) => [f, readBuilt(dist, f)]));
});

const page = (p: string) => {
  const text = html.get(`${p.replace(/^\//, '')}index.html`);
  if (!text) throw new Error(`页面 ${p} 不存在`);
  return text;
};

describe('built catalog', () => {
  it('has a page for every public entry, and none for internal or unpublished ones', () => {
    const expected = [
      'courses/zhizao-zhuanxing',
      'courses/cungai-xianchang',
      'courses/dangxing-jiaoyu',
      'courses/wangge-zhili',
      'cases/dengta-anli',
      'cases/cungai-anli',
      'sites/dengta-gongchang',
      'sites/cungai-yuanqu',
      'sites/hongse-jidi',
      'instructors/lin-jiaoshou',
      'instructors/he-juzhang',
      'instructors/xu-tuixiu',
    ];
    for (const p of expected) expect(files, p).toContain(`${p}/index.html`);
    expect(files).not.toContain('cases/neibu-fupan/index.html');
    expect(files).not.toContain('instructors/yin-gongjiang/index.html');
    for (const p of [
      'index.html',
      '404.html',
      'courses/index.html',
      'cases/index.html',
      'sites/index.html',
      'instructors/index.html',
      'topics/index.html',
      'topics/manufacturing/index.html',
      'topics/grassroots-governance/index.html',
      'schools/index.html',
      'schools/city-school/index.html',
      'schools/town-school/index.html',
    ]) {
      expect(files, p).toContain(p);
    }
  });

  it('leaves no trace of the 内部 case in any built file', () => {
    const needles = ['紫檀色信封', '某园区整改问题内部复盘', 'neibu-fupan'];
    for (const file of files) {
      if (!/\.(html|js|json|css|xml|txt|ics|csv)$/.test(file)) continue;
      const text = readBuilt(dist, file);
      for (const n of needles) expect(text.includes(n), `${n} in ${file}`).toBe(false);
    }
  });

  it('resolves every internal link and asset', () => {
    const broken: string[] = [];
    for (const [file, text] of html) {
      for (const m of text.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)) {
        const target = decodeURIComponent(m[1].replace(/&amp;/g, '&').split(/[?#]/)[0]);
        const onDisk = path.join(dist, target);
        const ok = target.endsWith('/') ? existsSync(path.join(onDisk, 'index.html')) : existsSync(onDisk);
        if (!ok) broken.push(`${file} → ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('writes every page in simplified-Chinese mode with a search box in the header', () => {
    for (const [file, text] of html) {
      expect(text, file).toContain('<html lang="zh-CN"');
      expect(text, file).toMatch(/<form[^>]*action="\/search\/"/);
    }
  });

  it("lists an instructor's courses, sites and cases on their page", () => {
    const he = page('/instructors/he-juzhang/');
    for (const href of [
      '/courses/cungai-xianchang/',
      '/courses/wangge-zhili/',
      '/courses/zhizao-zhuanxing/',
      '/sites/cungai-yuanqu/',
      '/cases/cungai-anli/',
    ]) {
      expect(he).toContain(`href="${href}"`);
    }
    expect(page('/cases/dengta-anli/')).toContain('使用本案例的课程');
    expect(page('/cases/dengta-anli/')).toContain('href="/courses/zhizao-zhuanxing/"');
    const site = page('/sites/dengta-gongchang/');
    expect(site).toContain('href="/courses/zhizao-zhuanxing/"');
    expect(site).toContain('href="/cases/dengta-anli/"');
  });

  it('shows an unpublished instructor by name, without a link', () => {
    const course = page('/courses/cungai-xianchang/');
    expect(course).toContain('殷师傅');
    expect(course).not.toContain('/instructors/yin-gongjiang/');
  });

  it('shows every field in human form, with a map link', () => {
    const site = page('/sites/dengta-gongchang/');
    for (const text of [
      '1 小时 30 分钟',
      '每批 40 人',
      '江门电器灯塔工厂',
      'uri.amap.com/marker?position=113.08,22.63',
      '承接单位',
      '进入车间须佩戴安全帽',
    ]) {
      expect(site).toContain(text);
    }
    const course = page('/courses/zhizao-zhuanxing/');
    for (const text of ['3 学时', '专题讲授、案例教学', '县处级干部、乡科级干部', '理解数字化转型的政策体系'])
      expect(course).toContain(text);
    expect(page('/instructors/lin-jiaoshou/')).toContain('2024年1月1日 至 2027年12月31日');
    // The portrait next to the entry file is optimised and served from the site itself.
    expect(page('/instructors/lin-jiaoshou/')).toMatch(/<img src="\/_astro\/lin-jiaoshou\.[^"]+\.webp" alt="林育文老师的示意头像（剪影）"/);
    expect(page('/cases/dengta-anli/')).toContain('href="https://www.jmnews.com.cn/example"');
  });

  it('marks retired entries and entries due for review', () => {
    expect(page('/courses/dangxing-jiaoyu/')).toContain('本课程已停用');
    expect(page('/courses/dangxing-jiaoyu/')).toContain('待复核');
    expect(page('/sites/hongse-jidi/')).toContain('已退出现场教学库');
    expect(page('/courses/zhizao-zhuanxing/')).not.toContain('badge-due');
  });

  it('gathers all four libraries on topic and school pages', () => {
    const topic = page('/topics/manufacturing/');
    for (const href of ['/courses/zhizao-zhuanxing/', '/cases/dengta-anli/', '/sites/dengta-gongchang/', '/instructors/lin-jiaoshou/'])
      expect(topic).toContain(href);
    const school = page('/schools/town-school/');
    expect(school).toContain('/courses/cungai-xianchang/');
    expect(school).toContain('href="/schools/city-school/"');
  });
});

describe('broken content stops the build', () => {
  it('names the file and field of a dangling reference, an unknown term and a duplicate id', () => {
    const root = copyFixture('basic');
    const edit = (file: string, from: string, to: string) => {
      const full = path.join(root, file);
      writeFileSync(full, readBuilt(root, file).replace(from, to));
    };
    edit('courses/wangge-zhili.md', 'instructors: [he-juzhang]', 'instructors: [he-juzang]');
    edit('cases/dengta-anli.md', 'kind: 经验总结', 'kind: 经验介绍');
    mkdirSync(path.join(root, 'sites/more'));
    writeFileSync(path.join(root, 'sites/more/dengta-gongchang.md'), readBuilt(root, 'sites/dengta-gongchang.md'));
    const outDir = path.join(path.dirname(root), 'dist');
    const result = runBuild(root, { outDir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/courses\/wangge-zhili\.md:\d+:\d+ {2}instructors\.0 {2}错误：引用的 instructors “he-juzang” 不存在/);
    expect(result.stdout).toContain('是不是 “he-juzhang”？');
    expect(result.stdout).toMatch(/cases\/dengta-anli\.md:\d+:\d+ {2}kind {2}错误：“经验介绍” 不在词表 case_kinds 中/);
    expect(result.stdout).toMatch(/sites\/more\/dengta-gongchang\.md:1:1 {2}- {2}错误：id “dengta-gongchang” 重复/);
    expect(existsSync(outDir)).toBe(false);
  });
});
