/** 师资库: one instructor of the pool. */
import { z } from 'astro/zod';
import { choice, commonFields } from './common.ts';
import type { SchemaContext } from './context.ts';
import { dateSchema, text } from './primitives.ts';
import { crossField } from './rules.ts';
import { termField } from './taxonomy.ts';

export const EMPLOYMENTS = ['专职', '兼职'] as const;
export const INSTRUCTOR_STATUSES = ['在库', '暂停', '退出'] as const;

const termSchema = z
  .strictObject({
    /** First day of the appointment. */
    start: dateSchema.meta({ title: '开始日期', description: '聘期的第一天' }),
    /** Last day of the appointment. */
    end: dateSchema.meta({ title: '结束日期', description: '聘期的最后一天，不早于开始日期' }),
  })
  .check(
    crossField((r) => {
      const start = r.valid<string>('start');
      const end = r.valid<string>('end');
      if (start && end && start > end) r.report('date-order', ['end'], { message: '聘期开始日期不能晚于结束日期' });
    }),
  );

/** The portrait field: Astro's `image()` on the site, a file path in the checker. */
function photoField(image: SchemaContext['image']) {
  return (image?.() ?? z.string({ error: '应为图片路径' }).trim().min(1)).optional().meta({
    title: '照片',
    description: '教师的照片：图片文件的路径，相对于本条目文件；需同时填写 `photo_alt`',
    kind: 'image',
  });
}

export function instructorSchema(ctx: SchemaContext) {
  return z
    .strictObject({
      /** Display name (2–80 字). */
      name: text(2, 80).meta({ title: '姓名', description: '教师的姓名（显示名称）' }),
      ...commonFields(ctx),
      /** One `instructor_categories` term ("五类"师资). */
      category: termField(ctx.taxonomy.vocabularies.instructor_categories, ctx.aliasMode).meta({
        title: '师资类别',
        description: '师资类别（“五类”师资）',
      }),
      /** 专职 · 兼职. */
      employment: choice(EMPLOYMENTS).meta({ title: '专兼职', description: '专职或兼职教师' }),
      /** 工作单位. */
      affiliation: text(2, 100).meta({ title: '工作单位', description: '教师的工作单位' }),
      /** 职务/职称. */
      position: text(1, 100).optional().meta({ title: '职务职称', description: '职务或职称' }),
      /** 聘期. */
      term: termSchema.optional().meta({
        title: '聘期',
        description: '聘期；已结束的聘期检查器会警告，页面标“已到期”',
      }),
      /** 在库 · 暂停 · 退出. */
      status: choice(INSTRUCTOR_STATUSES).meta({ title: '状态', description: '在库、暂停或退出；暂停、退出的教师保留页面并标记' }),
      /** Portrait, relative to the entry file. */
      photo: photoField(ctx.image),
      /** Alternative text for the portrait. */
      photo_alt: text(1, 200).optional().meta({
        title: '照片说明',
        description: '照片的文字说明，供读屏软件使用',
        requiredWhen: '有 `photo` 时',
      }),
      /** false: no profile page; the name still shows on their courses. */
      publish: z.boolean({ error: '应为 true 或 false' }).default(true).meta({
        title: '生成个人页面',
        description: 'false：不生成个人页面，但在其讲授的课程上仍显示姓名（不带链接），也不出现在师资列表、专题页、党校页和搜索结果中',
      }),
    })
    .check(
      crossField((r) => {
        if (r.valid('photo') && r.value.photo_alt === undefined) {
          r.report('photo-alt-required', ['photo_alt'], {
            message: '有照片时必须填写 photo_alt（照片的文字说明，供读屏软件使用）',
          });
        }
      }),
    );
}

/**
 * `schema` with the portrait taken by `image`. Astro hands each entry an `image()` of its
 * own (paths are relative to the entry file), so the site needs one schema per
 * instructor: extending a schema built once costs about 0.04 ms, building every
 * collection's schema anew 5 ms (8 s of content sync at 1,500 instructors).
 */
export function withPhoto(schema: ReturnType<typeof instructorSchema>, image: NonNullable<SchemaContext['image']>) {
  return schema.safeExtend({ photo: photoField(image) });
}
