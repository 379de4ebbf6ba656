/**
 * 加入培训方案 on any page: one delegated click handler for every `[data-plan-add]`
 * button, including buttons inserted later (search results). The course id goes into
 * the plan in localStorage, so /plan/ need not be open; the button then reads
 * 已加入方案 and a link to /plan/ appears next to it.
 */
import { addCourse, PLAN_CHANGE, readPlan, STORAGE_KEY, writePlan } from '../../shared/plan/store.ts';
import { browserStorage } from '../browser.ts';

const SELECTOR = '[data-plan-add]';

function announce(text: string) {
  let region = document.getElementById('plan-status');
  if (!region) {
    region = document.createElement('div');
    region.id = 'plan-status';
    region.className = 'plan-toast no-print';
    region.setAttribute('role', 'status');
    document.body.append(region);
  }
  region.textContent = '';
  // A fresh text node after clearing makes screen readers announce repeated messages.
  requestAnimationFrame(() => {
    region!.textContent = text;
  });
}

function markAdded(button: Element) {
  if (button.getAttribute('data-plan-state') === 'added') return;
  button.setAttribute('data-plan-state', 'added');
  // Menu buttons keep a visually hidden course title next to the label for screen readers.
  const label = button.querySelector('[data-plan-label]') ?? button;
  label.textContent = '已加入方案';
  const next = button.nextElementSibling;
  if (!(next instanceof HTMLAnchorElement && next.pathname === '/plan/')) {
    const link = document.createElement('a');
    link.href = '/plan/';
    link.className = 'plan-added-link';
    link.textContent = '查看方案';
    button.after(' ', link);
  }
}

/** Buttons of courses already in the plan say so (on load, and for inserted results). */
function refresh(root: ParentNode = document) {
  const store = browserStorage();
  if (!store) return;
  const ids = new Set(readPlan(store).courses);
  for (const button of root.querySelectorAll(SELECTOR)) {
    if (ids.has(button.getAttribute('data-plan-add') ?? '')) markAdded(button);
  }
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const button = target?.closest(SELECTOR);
  if (!button) return;
  event.preventDefault();
  const id = button.getAttribute('data-plan-add') ?? '';
  const store = browserStorage();
  if (!id || !store) {
    announce('浏览器禁止了本地存储，无法保存培训方案。');
    return;
  }
  const before = readPlan(store);
  const plan = addCourse(before, id);
  if (plan !== before && !writePlan(store, plan)) {
    announce('培训方案保存失败（浏览器存储已满或被禁用）。');
    return;
  }
  markAdded(button);
  // Menu rows carry the title in the row header rather than on every button.
  const title = button.getAttribute('data-plan-title') ?? button.closest('tr')?.querySelector('th a')?.textContent?.trim();
  const what = title ? `《${title}》` : '该课程';
  announce(
    plan === before
      ? `${what}已在培训方案中（共 ${plan.courses.length} 门课程）。`
      : `已将${what}加入培训方案（共 ${plan.courses.length} 门课程）。`,
  );
  document.dispatchEvent(new CustomEvent(PLAN_CHANGE, { detail: plan }));
});

// Another tab changed the plan: keep this page's buttons truthful.
window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY) refresh();
});

new MutationObserver((records) => {
  for (const r of records) for (const node of r.addedNodes) if (node instanceof Element) refresh(node);
}).observe(document.documentElement, { childList: true, subtree: true });

refresh();
