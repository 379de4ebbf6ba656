/** 现场教学库: one field-teaching site (现场教学点). */
import { z } from 'astro/zod';
import { choice, commonFields, refList, termList } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text } from './primitives.ts';
import { crossField } from './rules.ts';
import { termField } from './taxonomy.ts';

export const SITE_STATUSES = ['培育中', '已纳入', '暂停', '退出'] as const;
export const CRS_VALUES = ['WGS84', 'GCJ02'] as const;

const locationSchema = z.strictObject({
  /** Latitude, −90…90. */
  lat: z
    .number({ error: '纬度应为数字' })
    .min(-90, { error: '纬度应在 −90 到 90 之间' })
    .max(90, { error: '纬度应在 −90 到 90 之间' })
    .meta({ title: '纬度', description: '纬度（南纬为负）' }),
  /** Longitude, −180…180. */
  lng: z
    .number({ error: '经度应为数字' })
    .min(-180, { error: '经度应在 −180 到 180 之间' })
    .max(180, { error: '经度应在 −180 到 180 之间' })
    .meta({ title: '经度', description: '经度（西经为负）' }),
  /** Coordinate system (default GCJ02, what Chinese map apps use). */
  crs: choice(CRS_VALUES)
    .default('GCJ02')
    .meta({ title: '坐标系', description: '坐标系：`GCJ02` 是国内地图应用使用的坐标，`WGS84` 是卫星定位（GPS）的坐标' }),
});

export function siteSchema(ctx: SchemaContext) {
  return z
    .strictObject({
      /** Site name (2–80 字). */
      name: text(2, 80).meta({ title: '教学点名称', description: '现场教学点的名称（显示名称）' }),
      ...commonFields(ctx),
      /** One `site_categories` term (e.g. the nine categories of a "1+9" matrix). */
      category: termField(ctx.taxonomy.vocabularies.site_categories, ctx.aliasMode).meta({
        title: '教学点类别',
        description: '教学点类别（如“1+9”现场教学矩阵的九类）',
      }),
      /** District / town. */
      region: text(2, 80).meta({ title: '所在地区', description: '所在区、镇（街）' }),
      /** Street address of the site (an institution, never a home). */
      address: text(2, 200).meta({ title: '地址', description: '教学点（机构）的地址，不写个人住址' }),
      /** For "open in map" links. */
      location: locationSchema.optional().meta({
        title: '坐标',
        description: '用于“在地图中打开”链接；页面只放链接，不加载任何地图瓦片',
      }),
      /** 承接单位. */
      host: text(2, 100).meta({ title: '承接单位', description: '承接现场教学的单位' }),
      /** 兼职授课教师, ≥1. */
      instructors: refList(ctx, 'instructors', 1).meta({ title: '授课教师', description: '在教学点授课的（兼职）教师' }),
      /** Length of a visit in minutes (30–480). */
      duration: z
        .number({ error: '时长应为整数分钟' })
        .int({ error: '时长应为整数分钟' })
        .min(30, { error: '时长至少 30 分钟' })
        .max(480, { error: '时长最多 480 分钟' })
        .meta({ title: '时长', description: '一次现场教学（参观）的时长', unit: '分钟' }),
      /** People per visit (1–1000). */
      capacity: z
        .number({ error: '容纳人数应为整数' })
        .int({ error: '容纳人数应为整数' })
        .min(1, { error: '容纳人数至少 1' })
        .max(1000, { error: '容纳人数最多 1000' })
        .meta({ title: '容纳人数', description: '每批可接待的人数', unit: '人' }),
      /** "成熟一个纳入一个": only 已纳入 sites are bookable. */
      status: choice(SITE_STATUSES).meta({
        title: '状态',
        description: '“成熟一个纳入一个”：只有已纳入的教学点可预约；暂停、退出的保留页面并标记',
      }),
      /** 纳入 date; required when status is 已纳入. */
      admitted: dateSchema.optional().meta({
        title: '纳入日期',
        description: '纳入现场教学库的日期',
        requiredWhen: '状态为 `已纳入` 时',
      }),
      /** 教学形式 the site suits. */
      formats: termList(ctx, 'formats').optional().meta({ title: '教学形式', description: '教学点适用的教学形式' }),
      /** 培训对象 the site suits. */
      audiences: termList(ctx, 'audiences').optional().meta({ title: '培训对象', description: '教学点适用的培训对象' }),
      /** Booking lead time in days. */
      booking_days: z
        .number({ error: '预约提前天数应为整数' })
        .int()
        .min(0, { error: '预约提前天数不能为负' })
        .optional()
        .meta({ title: '预约提前天数', description: '需要提前多少天预约', unit: '天' }),
      /** 无障碍 information. */
      accessibility: text(1, 500).optional().meta({ title: '无障碍信息', description: '无障碍设施和需要注意的地方' }),
      /** 安全须知. */
      safety: text(1, 500).optional().meta({ title: '安全须知', description: '参观时的安全须知' }),
    })
    .check(
      crossField((r) => {
        if (r.valid('status') === '已纳入' && r.value.admitted === undefined) {
          r.report('admitted-required', ['admitted'], {
            message: '状态为 “已纳入” 的教学点必须填写纳入日期 admitted（YYYY-MM-DD）',
            hint: '写上纳入现场教学库的日期，如 admitted: 2025-05-01；尚未纳入的请把 status 改为 培育中',
          });
        }
      }),
    );
}
