/**
 * The plan builder on /plan/. State lives in localStorage (src/shared/plan/store.ts);
 * a share link (#c=…) replaces it on arrival, keeping the replaced plan for one
 * click of 恢复. Course data comes from /plan/courses.js, loaded before this script.
 */
import { decodePlan, MAX_DAYS, MAX_TITLE, resolvePlan, shareUrl } from '../../shared/plan/codec.ts';
import { csvFileName, planCsv } from '../../shared/plan/csv.ts';
import { computeTotals, formatNumber, formatShare } from '../../shared/plan/totals.ts';
import type { CourseInfo, Plan, PlanData } from '../../shared/plan/types.ts';
import { missingMessage, planWarnings } from '../../shared/plan/warnings.ts';
import { DATA_GLOBAL, decodeData, type WireData } from '../../shared/plan/wire.ts';
import {
  isEmpty,
  moveCourse,
  PLAN_CHANGE,
  PREVIOUS_KEY,
  readPlan,
  removeCourse,
  samePlan,
  STORAGE_KEY,
  writePlan,
} from '../../shared/plan/store.ts';
import { browserStorage } from '../browser.ts';
import { chineseDate, courseRow, findRow, h, hoursRows } from './plan-view.ts';

const app = document.querySelector<HTMLElement>('[data-plan-app]')!;
const $ = <T extends Element = HTMLElement>(selector: string) => app.querySelector<T>(selector)!;
const form = $<HTMLFormElement>('[data-plan-form]');
const titleInput = form.elements.namedItem('title') as HTMLInputElement;
const audienceSelect = form.elements.namedItem('audience') as HTMLSelectElement;
const daysInput = form.elements.namedItem('days') as HTMLInputElement;
const messages = $('[data-plan-messages]');

function say(text: string, tone: 'warn' | 'ok' = 'warn') {
  messages.append(h('p', { class: tone }, text));
}

function loadData(): PlanData | null {
  const raw = (self as unknown as Record<string, WireData | undefined>)[DATA_GLOBAL];
  return raw && Array.isArray(raw.courses) ? decodeData(raw) : null;
}

const data = loadData();
const store = browserStorage();
let plan: Plan = store ? readPlan(store) : readPlan({ getItem: () => null, setItem: () => {}, removeItem: () => {} });

function save() {
  if (store && !writePlan(store, plan)) say('方案未能保存到浏览器（存储已满或被禁用）；刷新页面后改动会丢失。');
}

function coursesOf(p: Plan): CourseInfo[] {
  return p.courses.map((id) => data!.courses.get(id)).filter((c): c is CourseInfo => c !== undefined);
}

/** Form fields follow the plan (on load and when another tab or page changed it). */
function fillForm() {
  titleInput.value = plan.title;
  if (plan.audience && ![...audienceSelect.options].some((o) => o.value === plan.audience)) {
    audienceSelect.append(h('option', { value: plan.audience }, `${plan.audience}（词表中没有）`));
  }
  audienceSelect.value = plan.audience;
  daysInput.value = plan.days ? String(plan.days) : '';
}

function render() {
  if (!data) return;
  const courses = coursesOf(plan);
  const totals = computeTotals(courses, data.rules, { pillars: data.pillars, formats: data.formats }, plan.days);

  $('[data-plan-count]').textContent = String(courses.length);
  $('[data-plan-empty]').hidden = courses.length > 0;
  $('[data-plan-table]').hidden = courses.length === 0;
  $('[data-plan-rows]').replaceChildren(...courses.map((c, i) => courseRow(c, i, courses.length)));
  $('[data-plan-foot-total]').textContent = formatNumber(totals.total);
  $('[data-plan-total]').textContent = formatNumber(totals.total);
  $('[data-plan-capacity]').textContent =
    totals.capacity === null ? '未设定天数' : `${formatNumber(totals.capacity)} 学时（${plan.days} 天 × ${data.rules.hoursPerDay}）`;
  const party = app.querySelector('[data-plan-party]');
  if (party && totals.party) party.textContent = `${formatShare(totals.party.share)}（${formatNumber(totals.party.hours)} 学时）`;
  $('[data-plan-interactive]').textContent = `${formatShare(totals.interactive.share)}（${formatNumber(totals.interactive.hours)} 学时）`;
  $('[data-plan-by-pillar]').replaceChildren(...hoursRows(totals.byPillar));
  $('[data-plan-by-format]').replaceChildren(...hoursRows(totals.byFormat));

  const warnings = planWarnings(plan, courses, data.rules);
  $('[data-plan-warnings]').replaceChildren(...warnings.map((w) => h('li', { 'data-kind': w.kind }, w.message)));
  $('[data-plan-no-warnings]').hidden = warnings.length > 0;

  $<HTMLInputElement>('[data-plan-share]').value = shareUrl(location.origin, plan);
  $('[data-plan-print-title]').textContent = plan.title || '培训方案';
  $('[data-plan-print-meta]').textContent = [
    plan.audience && `培训对象：${plan.audience}`,
    plan.days && `培训天数：${plan.days} 天`,
    `课程 ${courses.length} 门，共 ${formatNumber(totals.total)} 学时`,
  ]
    .filter(Boolean)
    .join(' · ');
  $('[data-plan-print-foot]').textContent = `四库培训方案 · 打印日期 ${chineseDate(new Date())} · 课程数据生成于 ${data.today}`;
  renderFind();
}

const findInput = $<HTMLInputElement>('#plan-find');
function renderFind() {
  const q = findInput.value.trim().toLowerCase();
  const list = $('[data-plan-find-results]');
  if (!q || !data) {
    list.replaceChildren();
    return;
  }
  const hits: CourseInfo[] = [];
  for (const c of data.courses.values()) {
    if (c.title.toLowerCase().includes(q) || c.lead.toLowerCase().includes(q)) hits.push(c);
    if (hits.length === 20) break;
  }
  list.replaceChildren(
    ...(hits.length ? hits.map((c) => findRow(c, plan.courses.includes(c.id))) : [h('li', { class: 'note' }, '没有找到匹配的课程。')]),
  );
}

function update(next: Plan, focus?: string) {
  plan = next;
  save();
  render();
  if (focus) app.querySelector<HTMLElement>(focus)?.focus();
}

function downloadCsv() {
  const courses = coursesOf(plan);
  const blob = new Blob([planCsv(courses, data!.rules, location.origin)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: csvFileName(plan.title, data!.today), hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Takes a plan from a share link in the address (on arrival, or pasted while /plan/
 * is open), replacing the stored one, which is kept for 恢复. Courses the catalog no
 * longer offers are dropped with a notice; the rest of the plan stays.
 */
function importFromLocation(): 'link' | 'saved' {
  const shared = decodePlan(location.hash) ?? decodePlan(location.search);
  if (!shared) return 'saved';
  if (store && !isEmpty(plan) && !samePlan(plan, shared.plan)) {
    writePlan(store, plan, PREVIOUS_KEY);
    $('[data-plan-restore]').hidden = false;
  }
  plan = shared.plan;
  say('已打开分享的培训方案，并保存在本机浏览器中。', 'ok');
  history.replaceState(null, '', location.pathname);
  const dropped = shared.invalid;
  const resolved = resolvePlan(plan, (id) => data!.courses.has(id));
  plan = resolved.plan;
  const notice = missingMessage([...dropped, ...resolved.missing], plan.courses.length, 'link');
  if (notice) say(notice);
  return 'link';
}

function start() {
  if (!data) {
    say('课程数据（/plan/courses.js）未能加载，暂时无法显示方案。请刷新页面重试。');
    return;
  }
  if (!store) say('浏览器禁止了本地存储：方案可以编辑和分享，但不会保存。');
  if (importFromLocation() === 'saved') {
    const resolved = resolvePlan(plan, (id) => data.courses.has(id));
    plan = resolved.plan;
    const notice = missingMessage(resolved.missing, plan.courses.length, 'saved');
    if (notice) say(notice);
  }
  save();
  fillForm();
  render();
  app.setAttribute('data-plan-ready', '');
}

window.addEventListener('hashchange', () => {
  if (!data || importFromLocation() === 'saved') return;
  save();
  fillForm();
  render();
});

form.addEventListener('input', () => {
  const days = Number(daysInput.value);
  update({
    ...plan,
    title: titleInput.value.slice(0, MAX_TITLE),
    audience: audienceSelect.value,
    days: Number.isInteger(days) && days >= 1 && days <= MAX_DAYS ? days : null,
  });
});

app.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button || !data) return;
  const move = button.getAttribute('data-plan-move');
  const remove = button.getAttribute('data-plan-remove');
  if (move) {
    const id = button.getAttribute('data-id')!;
    const next = moveCourse(plan, id, Number(move));
    const index = next.courses.indexOf(id);
    // Keep focus on the moved course; at either end the other button is the enabled one.
    const dir = index === 0 ? '1' : index === next.courses.length - 1 ? '-1' : move;
    update(next, `[data-course-id="${id}"] [data-plan-move="${dir}"]`);
  } else if (remove) {
    const index = plan.courses.indexOf(remove);
    const next = removeCourse(plan, remove);
    const neighbour = next.courses[Math.min(index, next.courses.length - 1)];
    update(next, neighbour ? `[data-plan-remove="${neighbour}"]` : '#plan-find');
    say(`已移除《${data.courses.get(remove)?.title ?? remove}》。`, 'ok');
  } else if (button.hasAttribute('data-plan-csv')) {
    downloadCsv();
  } else if (button.hasAttribute('data-plan-print')) {
    window.print();
  } else if (button.hasAttribute('data-plan-copy')) {
    const url = $<HTMLInputElement>('[data-plan-share]').value;
    navigator.clipboard?.writeText(url).then(
      () => say('分享链接已复制。', 'ok'),
      () => $<HTMLInputElement>('[data-plan-share]').select(),
    );
  } else if (button.hasAttribute('data-plan-clear')) {
    if (plan.courses.length === 0 || confirm('确定清空当前方案？')) {
      if (store) writePlan(store, plan, PREVIOUS_KEY);
      $('[data-plan-restore]').hidden = false;
      update({ title: '', audience: '', days: null, courses: [] });
      fillForm();
    }
  } else if (button.hasAttribute('data-plan-restore-button')) {
    if (store) {
      const previous = readPlan(store, PREVIOUS_KEY);
      update(resolvePlan(previous, (id) => data.courses.has(id)).plan);
      fillForm();
      store.removeItem(PREVIOUS_KEY);
    }
    $('[data-plan-restore]').hidden = true;
  }
});

findInput.addEventListener('input', renderFind);

// A 加入方案 button on this page (添加课程 panel) or another tab changed the stored plan.
document.addEventListener(PLAN_CHANGE, () => {
  if (store) update(resolvePlan(readPlan(store), (id) => data!.courses.has(id)).plan);
});
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY || !store || !data) return;
  plan = resolvePlan(readPlan(store), (id) => data.courses.has(id)).plan;
  fillForm();
  render();
});

start();
