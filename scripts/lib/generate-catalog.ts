/**
 * Writes a large synthetic catalog (for benchmarks): realistic field sizes, valid
 * references, every library represented. Deterministic for a given size.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/build/paths.ts';
import { variedSentences } from './varied-text.ts';

const PLACES = ['南海区桂城街道', '顺德区北滘镇', '禅城区祖庙街道', '三水区西南街道', '高明区荷城街道', '南海区狮山镇', '顺德区容桂街道'];
const THEMES = [
  '村级工业园改造',
  '一门式政务服务',
  '灯塔工厂建设',
  '工业上楼',
  '网格化治理',
  '招商引资',
  '科技成果转化',
  '乡村振兴',
  '应急处置',
  '数字政府',
];
const PARAGRAPH =
  '围绕制造业当家的中心任务，结合本地实践，介绍政策背景、主要做法、遇到的难点和下一步的思路，并安排学员结合本职工作开展讨论。';

/** Splits `total` entries across the libraries roughly as a real catalog would. */
export function shares(total: number) {
  const instructors = Math.max(4, Math.round(total * 0.15));
  const sites = Math.max(3, Math.round(total * 0.1));
  const cases = Math.max(3, Math.round(total * 0.25));
  return { instructors, sites, cases, courses: Math.max(3, total - instructors - sites - cases) };
}

/** Options of a generated catalog. */
export interface GenerateOptions {
  /** Add varied sentences to every body (./varied-text.ts). */
  varied?: boolean;
  /** Copy the sample catalog's entries in too (Markdown only), so realistic text is mixed with synthetic. */
  withSample?: boolean;
}

let current: GenerateOptions = {};
let salt = 0;

function body(i: number) {
  const extra = current.varied ? `\n\n## 实践情况\n\n${variedSentences(i, salt)}` : '';
  return `## 概述\n\n${PARAGRAPH}${extra}\n\n## 主要内容\n\n1. ${THEMES[i % THEMES.length]}的背景\n2. 做法与成效\n3. 难点与对策\n\n${PARAGRAPH}\n`;
}

/** Creates `<dir>` with taxonomy and schools from the sample content and `total` entries. */
export function generateCatalog(dir: string, total: number, options: GenerateOptions = {}): ReturnType<typeof shares> {
  current = options;
  const n = shares(total);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'content/taxonomy.yaml'), path.join(dir, 'taxonomy.yaml'));
  cpSync(path.join(PROJECT_ROOT, 'content/schools.yaml'), path.join(dir, 'schools.yaml'));
  const schools = ['foshan', 'nanhai', 'shunde', 'shishan', 'beijiao'];
  const topics = ['制造业高质量发展', '基层治理', '营商环境', '乡村振兴', '科技创新', '数字政府'];
  const write = (lib: string, id: string, text: string) => {
    const folder = path.join(dir, lib, `g${Math.floor(Number(id.split('-').pop()) / 500)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${id}.md`), text);
  };
  const common = (i: number) =>
    `topics: [${topics[i % topics.length]}, ${topics[(i + 2) % topics.length]}]\nowner: ${schools[i % schools.length]}\nreviewed: 2026-0${1 + (i % 9)}-1${i % 9}\ntags: [${THEMES[i % THEMES.length]}, 第${i}号]\n`;
  salt = 1;
  for (let i = 0; i < n.instructors; i++) {
    write(
      'instructors',
      `teacher-${i}`,
      `---\nname: 教师${i}号\nsummary: ${PLACES[i % PLACES.length]}${THEMES[i % THEMES.length]}方面的授课教师，长期从事相关工作。\n${common(i)}category: ${['党校教师', '特聘教授', '领导干部', '企业家和工匠', '科研院所专家'][i % 5]}\nemployment: ${i % 3 ? '兼职' : '专职'}\naffiliation: 佛山市${['工业和信息化局', '委党校', '科技局', '政务服务数据管理局'][i % 4]}\nterm: { start: 2025-01-01, end: 2028-12-31 }\nstatus: 在库\n---\n\n${body(i)}`,
    );
  }
  salt = 2;
  for (let i = 0; i < n.sites; i++) {
    write(
      'sites',
      `site-${i}`,
      `---\nname: ${PLACES[i % PLACES.length]}${THEMES[i % THEMES.length]}教学点${i}\nsummary: 展示${THEMES[i % THEMES.length]}成果的现场教学点，配备兼职授课教师讲解。\n${common(i)}category: ${['创新平台', '重点园区', '知名企业', '灯塔工厂', '生产性服务业', '工业上楼和村级工业园改造', '粤港澳大湾区合作', '红色教育基地', '基层治理示范点'][i % 9]}\nregion: 佛山市${PLACES[i % PLACES.length]}\naddress: 佛山市${PLACES[i % PLACES.length]}示例路${i}号\nlocation: { lat: 23.0${i % 10}, lng: 113.1${i % 10} }\nhost: 示例承接单位${i}\ninstructors: [teacher-${i % n.instructors}]\nduration: 90\ncapacity: 50\nstatus: 已纳入\nadmitted: 2024-05-01\n---\n\n${body(i)}`,
    );
  }
  salt = 3;
  for (let i = 0; i < n.cases; i++) {
    write(
      'cases',
      `case-${i}`,
      `---\ntitle: ${PLACES[i % PLACES.length]}${THEMES[i % THEMES.length]}案例${i}\nsummary: 记录${PLACES[i % PLACES.length]}推进${THEMES[i % THEMES.length]}的过程、成效与经验。\n${common(i)}region: 广东省佛山市${PLACES[i % PLACES.length]}\nyear: ${2010 + (i % 16)}\nkind: ${['经验总结', '问题剖析', '决策模拟', '危机应对'][i % 4]}\nsources:\n  - { title: 相关报道${i}, publisher: 佛山日报, date: 2024-03-01, url: "https://www.foshan.gov.cn/" }\nsites: [site-${i % n.sites}]\nauthors: [teacher-${i % n.instructors}]\nquestions:\n  - 这一做法的关键是什么？\n---\n\n${body(i)}`,
    );
  }
  salt = 4;
  for (let i = 0; i < n.courses; i++) {
    write(
      'courses',
      `course-${i}`,
      `---\ntitle: ${THEMES[i % THEMES.length]}专题${i}\nsummary: 结合${PLACES[i % PLACES.length]}的实践讲解${THEMES[i % THEMES.length]}的政策与方法。\n${common(i)}pillar: ${['理论教育', '党性教育', '履职能力', '知识素养'][i % 4]}\nformats: [${['专题讲授', '案例教学', '现场教学', '结构化研讨'][i % 4]}]\naudiences: [${['县处级干部', '乡科级干部', '基层干部', '优秀年轻干部'][i % 4]}]\nhours: ${1 + (i % 6) * 0.5}\ninstructors: [teacher-${i % n.instructors}, teacher-${(i + 1) % n.instructors}]\ncases: [case-${i % n.cases}]\nsites: [site-${i % n.sites}]\nstatus: 入库\nobjectives:\n  - 掌握${THEMES[i % THEMES.length]}的基本方法\n---\n\n${body(i)}`,
    );
  }
  if (options.withSample) {
    // The sample's own entries (and their images) under <library>/sample/: realistic text among the synthetic.
    for (const lib of ['courses', 'cases', 'sites', 'instructors', 'programs']) {
      cpSync(path.join(PROJECT_ROOT, 'content', lib), path.join(dir, lib, 'sample'), {
        recursive: true,
        filter: (src) => !src.endsWith('.mdx'),
      });
    }
  }
  return n;
}
