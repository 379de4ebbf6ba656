/**
 * Training programs (培训班次): the timetable as days of sessions, the program's 学时,
 * and its calendar. A session's teachers are its own `instructors`, else the
 * course's teaching group, else the site's instructors.
 */
import type { Catalog, CatalogEntry, CourseEntry, InstructorEntry, ProgramEntry, SiteEntry } from './catalog.ts';
import { displayName } from './catalog.ts';
import { href } from './href.ts';
import { buildIcs, type IcsEvent } from './ics.ts';
import { statusRemark } from './status.ts';

/** One session of a program with its references resolved. */
export interface SessionView {
  date: string;
  from: string;
  to: string;
  minutes: number;
  /** What the timetable shows: the session's title, else the course's, else "现场教学：<site>". */
  title: string;
  course?: CourseEntry;
  site?: SiteEntry;
  instructors: InstructorEntry[];
}

/** One day of the timetable. */
export interface TimetableDay {
  date: string;
  /** 星期一 … 星期日 */
  weekday: string;
  sessions: SessionView[];
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** 星期一 … 星期日 of a `YYYY-MM-DD` date. */
export function weekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Sessions in time order, references resolved. */
export function sessionViews(catalog: Catalog, program: ProgramEntry): SessionView[] {
  return program.data.sessions
    .map((s): SessionView => {
      const course = catalog.get('courses', s.course);
      const site = catalog.get('sites', s.site);
      const own = catalog.resolve('instructors', s.instructors);
      const instructors = own.length
        ? own
        : course
          ? catalog.resolve('instructors', course.data.instructors)
          : site
            ? catalog.resolve('instructors', site.data.instructors)
            : [];
      const title = s.title ?? (course ? displayName(course) : site ? `现场教学：${displayName(site)}` : '');
      return { date: s.date, from: s.from, to: s.to, minutes: minutesOf(s.to) - minutesOf(s.from), title, course, site, instructors };
    })
    .sort((a, b) => (a.date + a.from).localeCompare(b.date + b.from));
}

/** Sessions grouped by day, days in order. */
export function timetable(views: SessionView[]): TimetableDay[] {
  const days: TimetableDay[] = [];
  for (const v of views) {
    let day = days.find((d) => d.date === v.date);
    if (!day) {
      day = { date: v.date, weekday: weekday(v.date), sessions: [] };
      days.push(day);
    }
    day.sessions.push(v);
  }
  return days;
}

/** The figures shown at the top of a program page. */
export interface ProgramHours {
  /**
   * Sum of the 学时 of the distinct courses scheduled: a course split over two
   * sessions counts once, and sessions without a course (开班式, a site visit on its
   * own) add no 学时 — the course library, not the clock, defines 学时.
   */
  courseHours: number;
  courseCount: number;
  /** Total scheduled time of all sessions, minutes. */
  scheduledMinutes: number;
  sessionCount: number;
  dayCount: number;
}

/** 学时 and time of a program's sessions (see `ProgramHours.courseHours` for the rule). */
export function programHours(views: SessionView[]): ProgramHours {
  const courses = new Map<string, CourseEntry>();
  for (const v of views) if (v.course) courses.set(v.course.id, v.course);
  return {
    courseHours: [...courses.values()].reduce((n, c) => n + c.data.hours, 0),
    courseCount: courses.size,
    scheduledMinutes: views.reduce((n, v) => n + v.minutes, 0),
    sessionCount: views.length,
    dayCount: new Set(views.map((v) => v.date)).size,
  };
}

/** Instructor display: linked when they have a page, plain name otherwise. */
export function instructorLinks(catalog: Catalog, instructors: CatalogEntry[]): Array<{ text: string; href?: string }> {
  return instructors.map((i) => ({ text: displayName(i), href: catalog.href(i) }));
}

/** Stable across rebuilds: no two sessions of a program start at the same time. */
export function sessionUid(programId: string, v: Pick<SessionView, 'date' | 'from'>): string {
  return `${programId}-${v.date.replace(/-/g, '')}-${v.from.replace(':', '')}@siku`;
}

/**
 * The program's calendar. `siteUrl` (the configured public address) adds a link to
 * each event; without one the events carry no URL rather than a wrong one.
 */
export function programCalendar(catalog: Catalog, program: ProgramEntry, siteUrl?: string): string {
  const events: IcsEvent[] = sessionViews(catalog, program).map((v) => {
    const details: string[] = [];
    if (v.course) details.push(`课程：${displayName(v.course)}（${v.course.data.hours} 学时）`);
    if (v.site) {
      const remark = statusRemark(v.site);
      details.push(`现场教学点：${displayName(v.site)}${remark ? `（${remark}）` : ''}`);
    }
    if (v.instructors.length) details.push(`授课教师：${v.instructors.map(displayName).join('、')}`);
    details.push(`培训班次：${program.data.title}`);
    const page = v.course ? href('courses', v.course.id) : href('programs', program.id);
    return {
      uid: sessionUid(program.id, v),
      start: { date: v.date, time: v.from },
      end: { date: v.date, time: v.to },
      summary: v.title,
      location: v.site ? `${displayName(v.site)}，${v.site.data.address}` : program.data.venue,
      description: details.join('\n'),
      url: siteUrl ? new URL(page, siteUrl).href : undefined,
    };
  });
  return buildIcs({ prodId: '-//Siku//Training Programs//ZH', name: program.data.title, stampDate: catalog.today, events });
}
