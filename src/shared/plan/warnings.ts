/**
 * What a planner should look at before using a plan: courses still 试讲, instructors
 * whose 聘期 has ended (or who left the pool), sites that are not 已纳入 (not
 * bookable), more 学时 than the days can hold, and courses not meant for the chosen
 * audience. Courses the catalog no longer offers get their own message.
 */
import { statusRule } from '../status.ts';
import { formatNumber } from './totals.ts';
import type { CourseInfo, Plan } from './types.ts';
import type { PlanRules } from './rules.ts';

/** What a warning is about (also the `data-kind` of its list item on /plan/). */
export type WarningKind = 'trial' | 'instructor' | 'site' | 'over' | 'audience';

/** One warning line; `courseId` names the course it concerns, if any. */
export interface PlanWarning {
  kind: WarningKind;
  message: string;
  courseId?: string;
}

/**
 * The notice for courses a plan named that the catalog no longer offers (deleted,
 * renamed or 停用 since). Null when nothing is missing.
 */
export function missingMessage(missing: string[], kept: number, source: 'link' | 'saved'): string | null {
  if (missing.length === 0) return null;
  const where = source === 'link' ? '分享链接' : '上次保存的方案';
  return `${where}中有 ${missing.length} 门课程已不在课程库中（可能已删除、改名或停用），已从方案中移除：${missing.join('、')}。其余 ${kept} 门课程已保留。`;
}

/** Warnings for a plan whose courses (in plan order) are `courses`. */
export function planWarnings(plan: Plan, courses: CourseInfo[], rules: PlanRules): PlanWarning[] {
  const out: PlanWarning[] = [];
  for (const c of courses) {
    if (statusRule('courses', c.status)?.trial)
      out.push({ kind: 'trial', courseId: c.id, message: `《${c.title}》仍在试讲阶段，尚未正式入库。` });
    if (c.instructorIssues.length) {
      out.push({ kind: 'instructor', courseId: c.id, message: `《${c.title}》的授课教师：${c.instructorIssues.join('、')}。` });
    }
    if (c.siteIssues.length) {
      out.push({ kind: 'site', courseId: c.id, message: `《${c.title}》的现场教学点尚未纳入，暂不可预约：${c.siteIssues.join('、')}。` });
    }
    if (plan.audience && !c.audiences.includes(plan.audience)) {
      out.push({ kind: 'audience', courseId: c.id, message: `《${c.title}》未将“${plan.audience}”列为培训对象。` });
    }
  }
  if (plan.days && plan.days > 0) {
    const total = courses.reduce((n, c) => n + c.hours, 0);
    const capacity = plan.days * rules.hoursPerDay;
    if (total > capacity) {
      out.push({
        kind: 'over',
        message: `总学时 ${formatNumber(total)} 超过 ${plan.days} 天可安排的 ${formatNumber(capacity)} 学时（按每天 ${rules.hoursPerDay} 学时计），请增加天数或删减课程。`,
      });
    }
  }
  return out;
}
