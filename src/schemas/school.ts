/** `schools.yaml`: the schools and training centres that own entries. */
import { z } from 'astro/zod';
import { choice } from './common.ts';
import { idSchema, text } from './primitives.ts';

export const SCHOOL_LEVELS = ['省级', '市级', '县级', '乡镇'] as const;

export const schoolSchema = z.strictObject({
  /** Stable id, the URL `/schools/<id>/`. */
  id: idSchema,
  /** Full name, e.g. 佛山市委党校. */
  name: text(2, 80),
  /** 省级 · 市级 · 县级 · 乡镇. */
  level: choice(SCHOOL_LEVELS),
  /** Where the school is. */
  region: text(2, 80),
  /** The parent school's id (三级党校联动). */
  parent: idSchema.optional(),
  /** Public website. */
  url: z
    .string()
    .trim()
    .refine((u) => /^https?:\/\//i.test(u), { error: '网址必须以 http:// 或 https:// 开头' })
    .optional(),
  /** Office phone of the institution (allowed here only). */
  phone: z.union([z.string(), z.number()]).transform(String).optional(),
});

export const schoolsFileSchema = z.array(schoolSchema, { error: 'schools.yaml 应为党校列表（每项以 “- id: …” 开头）' });
