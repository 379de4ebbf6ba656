/**
 * axe-core in a real page, from node_modules (no network): WCAG 2.1 A and AA rules only,
 * violations only, each reported with its rule, the elements and axe's own explanation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PAGE_SIZE } from '../../src/shared/paging.ts';
import { copyFixture } from './catalogs.ts';

const require = createRequire(import.meta.url);
export const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface RunOnly {
  type: 'tag' | 'rule';
  values: string[];
}

/** Runs axe on the page as it is now (injecting it once per document): WCAG 2.1 A/AA unless told otherwise. */
export async function axeViolations(page: Page, runOnly: RunOnly = { type: 'tag', values: WCAG_TAGS }): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run(document, { runOnly: only, resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(' '), html: String(n.html).slice(0, 200), summary: n.failureSummary ?? '' })),
    }));
  }, runOnly);
}

/** A readable report of violations, one block per rule and element. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target}\n    ${n.html}\n    ${n.summary.replace(/\n/g, '\n    ')}`).join('\n')}`,
    )
    .join('\n');
}

/**
 * The catalog the accessibility test checks: tests/fixtures/basic (a 停用 course, a 退出
 * site and instructor, an instructor with a photo and a publish: false one named on a
 * course, a program) plus enough generated courses for a second list page, one of each
 * mark (精品, 试讲, 待复核) and an MDX course with every kind of callout and a table.
 */
export function a11yContent(): string {
  const root = copyFixture('basic');
  const dir = path.join(root, 'courses', 'extra');
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= PAGE_SIZE; i++) {
    const n = String(i).padStart(2, '0');
    const status = i % 10 === 3 ? '试讲' : '入库';
    writeFileSync(
      path.join(dir, `extra-${n}.md`),
      `---
title: 基层治理能力提升专题第 ${n} 讲
summary: 第 ${n} 讲围绕镇街网格事项清单、议事协商和矛盾纠纷化解展开，配套结构化研讨。
topics: [基层治理]
owner: town-school
reviewed: ${i % 10 === 5 ? '2025-01-10' : '2026-10-10'}
pillar: 履职能力
formats: [专题讲授, 结构化研讨]
audiences: [基层干部]
hours: ${1 + (i % 3) * 0.5}
instructors: [he-juzhang]
status: ${status}
featured: ${i % 10 === 7}
---

第 ${n} 讲的教学安排。
`,
    );
  }
  writeFileSync(
    path.join(dir, 'callout-demo.mdx'),
    `---
title: 议事协商的组织方法
summary: 介绍村（社区）议事协商的议题征集、会议组织和结果公开，含提示框和表格示例。
topics: [基层治理]
owner: town-school
reviewed: 2026-10-10
pillar: 履职能力
formats: [案例教学]
audiences: [基层干部]
hours: 2
instructors: [he-juzhang, yin-gongjiang]
status: 入库
---

## 教学流程

<Callout>议题由村民代表提出。</Callout>

<Callout type="tip" title="教学提示">先分组讨论，再集中交流。</Callout>

<Callout type="warning">涉及个人信息的材料不得外传。</Callout>

| 环节 | 学时 |
|---|---|
| 讲授 | 1 |
| 研讨 | 1 |
`,
  );
  return root;
}
