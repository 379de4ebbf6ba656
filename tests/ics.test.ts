/**
 * The iCalendar writer (src/shared/ics.ts) and program calendars (src/shared/program.ts),
 * checked by parsing the output back with ical.js and by reading the raw octets.
 */
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../src/shared/catalog.ts';
import { buildIcs, escapeText, foldLine, type IcsEvent } from '../src/shared/ics.ts';
import { programCalendar, sessionUid } from '../src/shared/program.ts';
import { loadFixtureCatalog } from './helpers/catalogs.ts';

const encoder = new TextEncoder();

/** Parses a calendar and returns its events with time zones registered. */
function parseEvents(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { comp, events: comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

/** Physical lines must be CRLF-terminated and at most 75 octets. */
function expectWellFormed(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
}

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('中文：冒号')).toBe('中文：冒号');
  });
});

describe('foldLine', () => {
  it('leaves short lines alone', () => {
    expect(foldLine('SUMMARY:短')).toBe('SUMMARY:短');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'制造业高质量发展专题研讨'.repeat(8)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const [i, p] of parts.entries()) {
      expect(encoder.encode(p).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      // A lone surrogate or replacement char would mean a split character.
      expect(p).not.toMatch(/\uFFFD/);
    }
    // Unfolding (drop CRLF + one space) restores the line exactly.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    // A first line of 75 octets is used fully where characters allow: 3-octet chars leave at most 2 spare.
    expect(encoder.encode(parts[0]).length).toBeGreaterThanOrEqual(73);
  });

  it('folds long ASCII lines exactly at 75 octets', () => {
    const parts = foldLine(`DESCRIPTION:${'x'.repeat(200)}`).split('\r\n');
    expect(encoder.encode(parts[0]).length).toBe(75);
    expect(encoder.encode(parts[1]).length).toBe(75);
  });
});

describe('buildIcs', () => {
  const events: IcsEvent[] = [
    {
      uid: 'p-20261201-0900@siku',
      start: { date: '2026-12-01', time: '09:00' },
      end: { date: '2026-12-01', time: '11:30' },
      summary: '研讨：一, 二; 三\\四',
      description: '第一行\n第二行，带逗号, 和分号;',
      location: '示例市委党校，报告厅',
      url: 'https://siku.example/courses/a/',
    },
    {
      uid: 'p-20261202-1430@siku',
      start: { date: '2026-12-02', time: '14:30' },
      end: { date: '2026-12-02', time: '17:00' },
      summary: '结业式',
    },
  ];
  const text = buildIcs({ prodId: '-//Siku//Test//ZH', name: '测试班, 第一期', stampDate: '2026-11-21', events });

  it('is well-formed: CRLF, folded, one VTIMEZONE', () => {
    expectWellFormed(text);
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(text).toContain('TZID:Asia/Shanghai\r\n');
    expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20261201T090000\r\n');
  });

  it('parses back with ical.js to the same events in Asia/Shanghai', () => {
    const { comp, events: parsed } = parseEvents(text);
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    // X- properties default to TEXT (RFC 5545 §3.8.8.2), so the comma is escaped;
    // ical.js hands unknown properties back raw.
    expect(comp.getFirstPropertyValue('x-wr-calname')).toBe('测试班\\, 第一期');
    expect(parsed).toHaveLength(2);
    const [a, b] = parsed;
    expect(a.uid).toBe('p-20261201-0900@siku');
    expect(a.summary).toBe('研讨：一, 二; 三\\四');
    expect(a.description).toBe('第一行\n第二行，带逗号, 和分号;');
    expect(a.location).toBe('示例市委党校，报告厅');
    expect(a.component.getFirstPropertyValue('url')).toBe('https://siku.example/courses/a/');
    expect(a.startDate.zone.tzid).toBe('Asia/Shanghai');
    expect(a.startDate.toJSDate().toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(a.endDate.toJSDate().toISOString()).toBe('2026-12-01T03:30:00.000Z');
    expect(b.startDate.toJSDate().toISOString()).toBe('2026-12-02T06:30:00.000Z');
    const stamp = a.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toString()).toBe('2026-11-21T00:00:00Z');
  });
});

describe('program calendars from the planner fixture', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadFixtureCatalog('planner');
  });

  it('has one event per session, in local time, with stable UIDs', () => {
    const program = catalog.get('programs', 'jiceng-ban')!;
    const text = programCalendar(catalog, program);
    expectWellFormed(text);
    const { events } = parseEvents(text);
    expect(events).toHaveLength(program.data.sessions.length);
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toContain(sessionUid('jiceng-ban', { date: '2026-12-07', from: '14:00' }));
    // Same input, same bytes: calendar apps update rather than duplicate.
    expect(programCalendar(catalog, program)).toBe(text);
    const split = events.find((e) => e.uid === 'jiceng-ban-20261207-1400@siku')!;
    expect(split.summary).toBe('情景模拟（上）：内涝处置, 指挥部; 分组\\演练，第一轮至第三轮全过程复盘与点评（长标题用于折行测试）');
    expect(split.description).toContain('课程：突发事件应急处置情景模拟（4 学时）');
    expect(split.startDate.toJSDate().toISOString()).toBe('2026-12-07T06:00:00.000Z');
    const visit = events.find((e) => e.uid === 'jiceng-ban-20261208-1400@siku')!;
    expect(visit.summary).toBe('现场教学：示例新区改造园区');
    expect(visit.location).toBe('示例新区改造园区，示例区新区园区大道 8 号');
    // Site-only session: the site's instructors teach it.
    expect(visit.description).toContain('授课教师：刘师傅');
    expect(events.find((e) => e.summary === '开班式')!.location).toBe('示例区委党校第一教室');
  });

  it('links events only when a public site address is given', () => {
    const program = catalog.get('programs', 'lilun-ban')!;
    expect(programCalendar(catalog, program)).not.toContain('URL:');
    const { events } = parseEvents(programCalendar(catalog, program, 'https://siku.example/'));
    expect(events.map((e) => e.component.getFirstPropertyValue('url'))).toEqual([
      'https://siku.example/courses/lilun-daodu/',
      'https://siku.example/courses/shuzi-zhengfu/',
    ]);
  });
});
