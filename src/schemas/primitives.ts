/**
 * Small building blocks shared by every library schema.
 * Pure zod (through `astro/zod`, so Astro and the checker share one zod instance).
 */
import { z } from 'astro/zod';
import { ruleIssue } from './rules.ts';

/** Entry ids are URLs (`/courses/<id>/`) and never change once published. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const idSchema = z
  .string({ error: '应为 id 字符串' })
  .regex(ID_PATTERN, { error: 'id 只能用小写拼音或英文字母、数字，以连字符分隔（如 cun-ji-gong-ye-yuan）' });

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of a calendar date, or null if it does not exist (2025-13-01, 2025-02-30). */
export function normalizeDate(value: unknown): string | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const m = DATE_PATTERN.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return m[0];
}

/**
 * A calendar date written `YYYY-MM-DD`. YAML loaders may hand us a Date (Astro)
 * or a string (the checker keeps dates as text so impossible dates stay visible);
 * both come out as the same `YYYY-MM-DD` string.
 */
export const dateSchema = z.union([z.date(), z.string()], { error: '应为日期，格式 YYYY-MM-DD' }).transform((value, ctx) => {
  const date = normalizeDate(value);
  if (date === null) {
    ctx.issues.push({
      ...ruleIssue('invalid-date', { message: `“${String(value)}” 不是有效日期，应写成 YYYY-MM-DD（如 2026-03-15）` }),
      input: value,
    });
    return z.NEVER;
  }
  return date;
});

/** A date that must not lie after `today` (review dates are facts, not plans). */
export function pastDateSchema(today: string) {
  return dateSchema.refine((date) => date <= today, {
    error: `日期不能晚于今天（${today}）`,
    params: { rule: 'future-date' },
  });
}

/** `HH:MM`, 24-hour clock. */
export const timeSchema = z
  .string({ error: '应为时间字符串，如 "09:00"（请加引号）' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间应写成 HH:MM（24 小时制，如 "14:30"）' })
  .meta({ kind: 'time' });

/** A display string with a length range, trimmed. */
export function text(min: number, max: number) {
  return z
    .string({ error: '应为文字' })
    .trim()
    .min(min, { error: `至少 ${min} 个字` })
    .max(max, { error: `最多 ${max} 个字` });
}

/** A list whose items must be unique (duplicates are almost always copy-paste slips). */
export function uniqueList<T extends z.ZodType>(item: T, { min = 0, max }: { min?: number; max?: number } = {}) {
  let list = z.array(item, { error: '应为列表（YAML 中每项以 “- ” 开头，或写成 [a, b]）' });
  if (min > 0) list = list.min(min, { error: min === 1 ? '至少填写 1 项' : `至少填写 ${min} 项` });
  if (max !== undefined) list = list.max(max, { error: `最多 ${max} 项` });
  return list
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((value, index) => {
        const key = JSON.stringify(value);
        if (seen.has(key)) {
          const shown = String(typeof value === 'object' ? ((value as { id?: string }).id ?? key) : value);
          ctx.addIssue(ruleIssue('duplicate-item', { message: `重复的项：${shown}` }, [index]));
        }
        seen.add(key);
      });
    })
    .meta({ uniqueItems: true });
}

/** Free keywords for search. */
export const tagsSchema = z.array(z.string({ error: '标签应为文字' }).trim().min(1, { error: '标签不能为空' }), {
  error: '应为标签列表',
});
