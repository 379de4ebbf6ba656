/** `schools.yaml`: the schools and training centres that own entries. */
import { z } from 'astro/zod';
import { choice } from './common.ts';
import { idSchema, text } from './primitives.ts';
import { crossField } from './rules.ts';

export const SCHOOL_LEVELS = ['省级', '市级', '县级', '乡镇'] as const;

export const schoolSchema = z
  .strictObject({
    /** Stable id, the URL `/schools/<id>/`. */
    id: idSchema.meta({ title: 'id', description: '党校的 id，也是党校页的网址 `/schools/<id>/`；条目的 `owner` 写这个 id' }),
    /** Full name, e.g. 佛山市委党校. */
    name: text(2, 80).meta({ title: '名称', description: '党校的全称，如 `佛山市委党校`' }),
    /** 省级 · 市级 · 县级 · 乡镇. */
    level: choice(SCHOOL_LEVELS).meta({ title: '层级', description: '党校的层级' }),
    /** Where the school is. */
    region: text(2, 80).meta({ title: '所在地区', description: '党校所在的地区' }),
    /** The parent school's id (三级党校联动). */
    parent: idSchema
      .optional()
      .meta({ title: '上级党校', description: '上级党校的 id（三级党校联动）；没有上级的党校是课程菜单的编制党校', ref: 'schools' }),
    /** Public website. */
    url: z
      .string()
      .trim()
      .refine((u) => /^https?:\/\//i.test(u), { error: '网址必须以 http:// 或 https:// 开头' })
      .optional()
      .meta({ title: '网站', description: '党校的公开网站', kind: 'url' }),
    /** Office phone of the institution (allowed here only). */
    phone: z
      .union([z.string(), z.number()])
      .transform(String)
      .optional()
      .meta({ title: '办公电话', description: '党校的办公电话（机构信息；条目中不允许写电话）' }),
  })
  .check(
    // The ids as written: a school naming itself as parent is refused whatever else is wrong with the id.
    crossField((r) => {
      if (typeof r.value.parent === 'string' && r.value.parent === r.value.id) {
        r.report('invalid-value', ['parent'], { message: '上级党校不能是自己', hint: '删除 parent，或填写上级党校的 id' });
      }
    }),
  );

export const schoolsFileSchema = z.array(schoolSchema, { error: 'schools.yaml 应为党校列表（每项以 “- id: …” 开头）' });
