/**
 * DOM building for the plan page. Everything user-supplied (a shared link's title)
 * goes in as text nodes, never as markup.
 */
import { href } from '../../shared/href.ts';
import { formatNumber, formatShare, type HoursRow } from '../../shared/plan/totals.ts';
import type { CourseInfo } from '../../shared/plan/types.ts';
import { FEATURED_BADGE, statusBadge } from '../../shared/status.ts';
import { type Child, h } from '../browser.ts';

export { h } from '../browser.ts';

function hidden(text: string): HTMLElement {
  return h('span', { class: 'visually-hidden' }, text);
}

/** "训后评估 4.6 / 5", or '' for a course never evaluated. */
export function scoreText(course: CourseInfo): string {
  return course.score === undefined ? '' : `训后评估 ${course.score.toFixed(1)} / 5`;
}

/** The course's 训后评估 as a note after its title (nothing when never evaluated). */
function scoreNote(course: CourseInfo): Child[] {
  return course.score === undefined
    ? []
    : [' ', h('span', { class: 'note', 'data-plan-score': course.score.toFixed(1) }, scoreText(course))];
}

/** One row of the plan table, with its move and remove buttons. */
export function courseRow(course: CourseInfo, index: number, count: number): HTMLElement {
  const lead = course.leadId ? h('a', { href: href('instructors', course.leadId) }, course.lead) : course.lead;
  const badge = statusBadge('courses', course.status);
  const status = badge ? h('span', { class: `badge badge-${badge.class}` }, badge.label) : course.status;
  return h(
    'tr',
    { 'data-course-id': course.id },
    h('td', {}, String(index + 1)),
    h(
      'th',
      { scope: 'row' },
      h('a', { href: course.url }, course.title),
      course.featured && ' ',
      course.featured && h('span', { class: `badge badge-${FEATURED_BADGE.class}` }, FEATURED_BADGE.label),
      ...scoreNote(course),
    ),
    h('td', { 'data-label': '学时', 'data-hours': String(course.hours) }, formatNumber(course.hours)),
    h('td', { 'data-label': '内容板块' }, course.pillar),
    h('td', { 'data-label': '教学形式' }, course.formats.join('、')),
    h('td', { 'data-label': '主讲教师' }, lead),
    h('td', { 'data-label': '状态' }, status),
    h(
      'td',
      { class: 'plan-move no-print' },
      h(
        'button',
        { type: 'button', class: 'plan-add', 'data-plan-move': '-1', 'data-id': course.id, disabled: index === 0 },
        '上移',
        hidden(`：${course.title}`),
      ),
      h(
        'button',
        { type: 'button', class: 'plan-add', 'data-plan-move': '1', 'data-id': course.id, disabled: index === count - 1 },
        '下移',
        hidden(`：${course.title}`),
      ),
      h('button', { type: 'button', class: 'plan-add plan-danger', 'data-plan-remove': course.id }, '移除', hidden(`：${course.title}`)),
    ),
  );
}

/** Rows of a breakdown table (label, 学时, share). */
export function hoursRows(rows: HoursRow[]): HTMLElement[] {
  if (rows.length === 0) return [h('tr', {}, h('td', { colspan: '3', class: 'note' }, '—'))];
  return rows.map((r) =>
    h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', {}, formatNumber(r.hours)), h('td', {}, formatShare(r.share))),
  );
}

/** A search hit in the 添加课程 panel; the plan-add script handles its button. */
export function findRow(course: CourseInfo, inPlan: boolean): HTMLElement {
  return h(
    'li',
    {},
    h('a', { href: course.url }, course.title),
    ` · ${formatNumber(course.hours)} 学时 · ${course.pillar} · ${course.lead}${course.score === undefined ? '' : ` · ${scoreText(course)}`} `,
    h(
      'button',
      {
        type: 'button',
        class: 'plan-add',
        'data-plan-add': course.id,
        'data-plan-title': course.title,
        'data-plan-state': inPlan ? 'added' : undefined,
      },
      h('span', { 'data-plan-label': true }, inPlan ? '已加入方案' : '加入方案'),
      hidden(`：${course.title}`),
    ),
  );
}

/** 2026-11-21 → 2026年11月21日 */
export function chineseDate(date: Date): string {
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
}
