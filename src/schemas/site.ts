/** 现场教学库: one field-teaching site (现场教学点). */
import { z } from 'astro/zod';
import { choice, commonFields, refList, termList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text } from './primitives.ts';
import { termField } from './taxonomy.ts';

export const SITE_STATUSES = ['培育中', '已纳入', '暂停', '退出'] as const;
export const CRS_VALUES = ['WGS84', 'GCJ02'] as const;

const locationSchema = z.strictObject({
  /** Latitude, −90…90. */
  lat: z.number({ error: '纬度应为数字' }).min(-90, { error: '纬度应在 −90 到 90 之间' }).max(90, { error: '纬度应在 −90 到 90 之间' }),
  /** Longitude, −180…180. */
  lng: z
    .number({ error: '经度应为数字' })
    .min(-180, { error: '经度应在 −180 到 180 之间' })
    .max(180, { error: '经度应在 −180 到 180 之间' }),
  /** Coordinate system (default GCJ02, what Chinese map apps use). */
  crs: choice(CRS_VALUES).default('GCJ02'),
});

export function siteSchema(ctx: SchemaContext) {
  return z
    .strictObject({
      /** Site name (2–80 字). */
      name: text(2, 80),
      ...commonFields(ctx),
      /** One `site_categories` term (e.g. the nine categories of a "1+9" matrix). */
      category: termField(ctx.taxonomy.vocabularies.site_categories, ctx.aliasMode),
      /** District / town. */
      region: text(2, 80),
      /** Street address of the site (an institution, never a home). */
      address: text(2, 200),
      /** For "open in map" links. */
      location: locationSchema.optional(),
      /** 承接单位. */
      host: text(2, 100),
      /** 兼职授课教师, ≥1. */
      instructors: refList(ctx, 'instructors', 1),
      /** Length of a visit in minutes (30–480). */
      duration: z
        .number({ error: '时长应为整数分钟' })
        .int({ error: '时长应为整数分钟' })
        .min(30, { error: '时长至少 30 分钟' })
        .max(480, { error: '时长最多 480 分钟' }),
      /** People per visit (1–1000). */
      capacity: z
        .number({ error: '容纳人数应为整数' })
        .int({ error: '容纳人数应为整数' })
        .min(1, { error: '容纳人数至少 1' })
        .max(1000, { error: '容纳人数最多 1000' }),
      /** "成熟一个纳入一个": only 已纳入 sites are bookable. */
      status: choice(SITE_STATUSES),
      /** 纳入 date; required when status is 已纳入. */
      admitted: dateSchema.optional(),
      formats: termList(ctx, 'formats').optional(),
      audiences: termList(ctx, 'audiences').optional(),
      /** Booking lead time in days. */
      booking_days: z.number({ error: '预约提前天数应为整数' }).int().min(0, { error: '预约提前天数不能为负' }).optional(),
      /** 无障碍 information. */
      accessibility: text(1, 500).optional(),
      /** 安全须知. */
      safety: text(1, 500).optional(),
    })
    .superRefine((site, issues) => {
      if (site.status === '已纳入' && !site.admitted) {
        issues.addIssue({ code: 'custom', path: ['admitted'], message: '状态为 “已纳入” 的教学点必须填写纳入日期 admitted（YYYY-MM-DD）' });
      }
    });
}
