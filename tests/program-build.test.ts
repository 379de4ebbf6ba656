/**
 * Real builds of the planner and basic fixtures: program pages and calendars, the
 * course menu pages, the planner's data file, and program back-links on course,
 * site and instructor pages.
 */
import matter from 'gray-matter';
import ICAL from 'ical.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WireData } from '../src/shared/plan/wire.ts';
import { FIXTURES, listFiles, readBuilt } from './helpers/build.ts';
import { sharedFixture } from './helpers/shared-builds.ts';

let planner: string;
let basic: string;

beforeAll(async () => {
  planner = await sharedFixture('planner');
  basic = await sharedFixture('basic');
});

function sessionsOf(fixture: string): Map<string, number> {
  const dir = path.join(FIXTURES, fixture, 'programs');
  return new Map(
    readdirSync(dir).map((f) => [
      path.basename(f, '.md'),
      (matter(readFileSync(path.join(dir, f), 'utf8')).data.sessions as unknown[]).length,
    ]),
  );
}

function eventsIn(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('program calendars', () => {
  it.each(['planner', 'basic'])('every program of %s has an .ics with one event per session', (fixture) => {
    const dir = fixture === 'planner' ? planner : basic;
    const sessions = sessionsOf(fixture);
    expect(sessions.size).toBeGreaterThan(0);
    for (const [id, count] of sessions) {
      const text = readBuilt(dir, `programs/${id}.ics`);
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      const events = eventsIn(text);
      expect(events).toHaveLength(count);
      for (const e of events) expect(e.startDate.zone.tzid).toBe('Asia/Shanghai');
    }
  });

  it('lists no calendar for a program that does not exist, and no stray .ics files', () => {
    const ics = listFiles(planner).filter((f) => f.endsWith('.ics'));
    expect(ics.sort()).toEqual(['programs/jiceng-ban.ics', 'programs/lilun-ban.ics']);
  });
});

describe('program pages', () => {
  it('show the day-by-day timetable, 学时 and links', () => {
    const html = readBuilt(planner, 'programs/jiceng-ban/index.html');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/第 1 天 · 2026年12月7日（星期一）/);
    expect(html).toMatch(/第 2 天 · 2026年12月8日（星期二）/);
    // 3 (理论) + 4 (情景模拟, split over two sessions, counted once) + 2.5 (党性) = 9.5
    expect(html).toMatch(/<strong data-program-hours>9\.5<\/strong> 学时（3 门课程）/);
    expect(html).toContain('href="/programs/jiceng-ban.ics"');
    for (const href of [
      '/courses/lilun-daodu/',
      '/courses/yingji-moni/',
      '/sites/xin-yuanqu/',
      '/sites/hongse-guan/',
      '/instructors/wang-jiaoshou/',
    ]) {
      expect(html).toContain(`href="${href}"`);
    }
    // 刘师傅 has publish: false: shown by name, never linked.
    expect(html).toContain('刘师傅');
    expect(html).not.toContain('/instructors/liu-shifu/');
    // Sessions in time order even when the file lists them otherwise.
    const one = readBuilt(planner, 'programs/lilun-ban/index.html');
    expect(one.indexOf('09:00')).toBeLessThan(one.indexOf('14:30'));
  });

  it('are listed on /programs/ with their calendars', () => {
    const html = readBuilt(planner, 'programs/index.html');
    for (const id of ['jiceng-ban', 'lilun-ban']) {
      expect(html).toContain(`href="/programs/${id}/"`);
      expect(html).toContain(`href="/programs/${id}.ics"`);
    }
    expect(html).toContain('共 2 个班次');
  });

  it('are linked from the courses, sites and instructors they use', () => {
    const cases: Array<[string, string]> = [
      ['courses/yingji-moni/index.html', '开设本课程的培训班次'],
      ['courses/lilun-daodu/index.html', '开设本课程的培训班次'],
      ['sites/xin-yuanqu/index.html', '安排本教学点的培训班次'],
      ['sites/hongse-guan/index.html', '安排本教学点的培训班次'],
      ['instructors/wang-jiaoshou/index.html', '参与的培训班次'],
    ];
    for (const [file, heading] of cases) {
      const html = readBuilt(planner, file);
      expect(html, file).toContain(heading);
      expect(html, file).toContain('href="/programs/jiceng-ban/"');
    }
    expect(readBuilt(planner, 'courses/lilun-daodu/index.html')).toContain('href="/programs/lilun-ban/"');
    expect(readBuilt(planner, 'courses/yuanqu-yantao/index.html')).not.toMatch(/href="\/programs\/[a-z]/);
    expect(readBuilt(basic, 'sites/dengta-gongchang/index.html')).toContain('href="/programs/zhizao-ban/"');
  });
});

describe('course menu pages', () => {
  const usable = ['lilun-daodu', 'dangxing-xianchang', 'yingji-moni', 'yuanqu-yantao', 'shuzi-zhengfu'];
  const addButtons = (html: string) => [...html.matchAll(/data-plan-add="([^"]+)"/g)].map((m) => m[1]).sort();

  it('/menu/ lists every usable course once, grouped by 内容板块, without 停用 ones', () => {
    const html = readBuilt(planner, 'menu/index.html');
    expect(addButtons(html)).toEqual([...usable].sort());
    expect(html).not.toContain('tingyong-ke');
    const order = ['理论教育', '党性教育', '履职能力', '知识素养'].map((p) => html.indexOf(`>${p}<span class="count">`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('四库课程菜单');
    expect(html).toContain('示例市委党校（规划测试）');
    expect(html).toContain('2026年11月21日');
  });

  it('has a page per audience: slug when given, else the label', () => {
    const county = readBuilt(planner, 'menu/county/index.html');
    expect(addButtons(county)).toEqual(['dangxing-xianchang', 'lilun-daodu', 'shuzi-zhengfu', 'yuanqu-yantao']);
    expect(county).toContain('（县处级干部）');
    const town = readBuilt(planner, 'menu/乡科级干部/index.html');
    expect(addButtons(town)).toEqual(['lilun-daodu', 'shuzi-zhengfu', 'yingji-moni']);
    expect(existsSync(path.join(planner, 'menu/基层干部/index.html'))).toBe(true);
    expect(county).toContain(`href="/menu/${encodeURIComponent('乡科级干部')}/"`);
  });

  it('shows 学时, 教学形式, lead instructor (plain when unpublished), status and 精品', () => {
    const html = readBuilt(planner, 'menu/index.html');
    const row = (id: string) => {
      const at = html.indexOf(`href="/courses/${id}/"`);
      return html.slice(html.lastIndexOf('<tr>', at), html.indexOf('</tr>', at));
    };
    expect(row('yuanqu-yantao')).toContain('<td>1.5</td><td>结构化研讨、案例教学</td><td>刘师傅</td><td>入库</td>');
    expect(row('lilun-daodu')).toContain('href="/instructors/wang-jiaoshou/"');
    expect(row('lilun-daodu')).toContain('精品');
    expect(row('yingji-moni')).toContain('试讲');
  });

  it('the basic fixture menu works too', () => {
    const html = readBuilt(basic, 'menu/index.html');
    expect(addButtons(html)).toEqual(['cungai-xianchang', 'wangge-zhili', 'zhizao-zhuanxing']);
    expect(html).toContain('江门市委党校（测试）');
  });
});

describe('planner data file', () => {
  function data(dir: string): WireData {
    const text = readBuilt(dir, 'plan/courses.js');
    const m = /^self\.SIKU_PLAN_DATA=(.*);\n$/s.exec(text);
    expect(m).not.toBeNull();
    return JSON.parse(m![1]);
  }

  it('holds every usable course and nothing else', () => {
    const d = data(planner);
    expect(d.courses.map((c) => c.i).sort()).toEqual([
      'dangxing-xianchang',
      'lilun-daodu',
      'shuzi-zhengfu',
      'yingji-moni',
      'yuanqu-yantao',
    ]);
    const yingji = d.courses.find((c) => c.i === 'yingji-moni')!;
    expect(yingji).toMatchObject({
      h: 4,
      s: '试讲',
      l: '赵国庆',
      ti: ['赵国庆（聘期已于 2025-06-30 到期）'],
      si: ['示例社区治理中心（暂停）'],
    });
    expect(d.courses.find((c) => c.i === 'yuanqu-yantao')!.li).toBeUndefined();
    expect(d.rules).toEqual({ hoursPerDay: 6, partyPillar: '党性教育', interactive: ['案例教学', '现场教学', '结构化研讨', '情景模拟'] });
  });

  it('is small: under 250 bytes per course', () => {
    const bytes = Buffer.byteLength(readBuilt(planner, 'plan/courses.js'));
    const d = data(planner);
    const perCourse = (bytes - Buffer.byteLength(JSON.stringify({ ...d, courses: [] }))) / d.courses.length;
    expect(perCourse).toBeLessThan(250);
  });

  it('never mentions a 内部 case (checked in every built file)', () => {
    for (const dir of [planner, basic]) {
      for (const file of listFiles(dir).filter((f) => /\.(html|js|json|ics|css|txt|xml)$/.test(f))) {
        const text = readBuilt(dir, file);
        for (const needle of ['夜航船园区整改内部复盘纪要', '琥珀色档案盒', 'neibu-anli', '某园区整改问题内部复盘', 'neibu-fupan']) {
          expect(text.includes(needle), `${file} mentions ${needle}`).toBe(false);
        }
      }
    }
  });
});

describe('course pages', () => {
  it('carry the 加入培训方案 button and plan script, except 停用 courses', () => {
    const page = readBuilt(planner, 'courses/lilun-daodu/index.html');
    expect(page).toContain('data-plan-add="lilun-daodu"');
    expect(page).toMatch(/<script type="module"/);
    const retired = readBuilt(planner, 'courses/tingyong-ke/index.html');
    expect(retired).toContain('本课程已停用');
    expect(retired).not.toContain('data-plan-add="');
  });
});
