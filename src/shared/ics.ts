/**
 * A small iCalendar (RFC 5545) writer: one VCALENDAR with a VTIMEZONE and VEVENTs
 * whose times are local wall-clock times in that zone. Lines end in CRLF, are folded
 * at 75 octets without splitting a UTF-8 character, and TEXT values escape
 * backslash, semicolon, comma and newlines.
 */

/** A wall-clock time in the calendar's zone. */
export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` (24-hour) */
  time: string;
}

/** One VEVENT. */
export interface IcsEvent {
  /** Globally unique and stable across rebuilds (calendar apps update events by UID). */
  uid: string;
  start: LocalDateTime;
  end: LocalDateTime;
  summary: string;
  description?: string;
  location?: string;
  /** Absolute URL. */
  url?: string;
}

/** A zone without daylight saving: one STANDARD rule is the whole definition. */
export interface FixedZone {
  tzid: string;
  /** e.g. `+0800` */
  offset: string;
  /** e.g. `CST` */
  name: string;
}

/** China Standard Time; China has not observed daylight saving since 1991. */
export const ASIA_SHANGHAI: FixedZone = { tzid: 'Asia/Shanghai', offset: '+0800', name: 'CST' };

/** A whole calendar file. */
export interface IcsCalendar {
  /** PRODID, e.g. `-//Siku//Programs//ZH`. */
  prodId: string;
  /** Calendar name shown by clients (X-WR-CALNAME). */
  name: string;
  zone?: FixedZone;
  /** When the calendar was generated, `YYYY-MM-DD` (DTSTAMP at 00:00 UTC, so builds are reproducible). */
  stampDate: string;
  events: IcsEvent[];
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds one content line: at most 75 octets per physical line, continuation lines
 * start with one space (which counts toward the 75), characters are never split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > limit) {
      out.push(current);
      current = ' ';
      size = 1;
      limit = 75;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n');
}

function localStamp({ date, time }: LocalDateTime): string {
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function zoneLines(zone: FixedZone): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone.tzid}`,
    `X-LIC-LOCATION:${zone.tzid}`,
    'BEGIN:STANDARD',
    `TZOFFSETFROM:${zone.offset}`,
    `TZOFFSETTO:${zone.offset}`,
    `TZNAME:${zone.name}`,
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

/** The whole calendar as text, CRLF line endings included. */
export function buildIcs(cal: IcsCalendar): string {
  const zone = cal.zone ?? ASIA_SHANGHAI;
  const stamp = `${cal.stampDate.replace(/-/g, '')}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', cal.prodId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    property('X-WR-CALNAME', escapeText(cal.name)),
    `X-WR-TIMEZONE:${zone.tzid}`,
    ...zoneLines(zone),
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      property('UID', e.uid),
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${zone.tzid}:${localStamp(e.start)}`,
      `DTEND;TZID=${zone.tzid}:${localStamp(e.end)}`,
      property('SUMMARY', escapeText(e.summary)),
    );
    if (e.location) lines.push(property('LOCATION', escapeText(e.location)));
    if (e.description) lines.push(property('DESCRIPTION', escapeText(e.description)));
    if (e.url) lines.push(property('URL', e.url));
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
