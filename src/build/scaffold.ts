/**
 * The front matter `npm run new` writes: a value for every required field (placeholders
 * that already pass the checker: the taxonomy's first terms, the first school, today),
 * and above each field a comment generated from the schema — its title and description
 * from `.meta()`, its type and limits from the definition (the same words as the tables
 * of docs/content-model.md). `npm run schemas -- --check` parses every template with its
 * schema, so a new required field cannot be forgotten here.
 */
import { type Collection, COURSE_STATUSES, EMPLOYMENTS, INSTRUCTOR_STATUSES, SITE_STATUSES, type Taxonomy } from '../schemas/index.ts';
import { type FieldModel, fieldsOf, modelSchemas } from '../schemas/model.ts';
import { requiredText, typeText } from './model-docs.ts';

/** Marks text a template left for the author (the checker warns while it is there). */
export const PLACEHOLDER = '【待填写】';

export interface ScaffoldInput {
  taxonomy: Taxonomy;
  /** The school that owns the entry (`owner`). */
  school: string;
  /** An instructor for the fields that need one (courses, sites). */
  instructor?: string;
  /** `YYYY-MM-DD`. */
  today: string;
}

/** A YAML scalar: plain when safe, else double-quoted. */
function scalar(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ·、，。（）《》【】_-]*$/u.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

const list = (values: string[]) => `[${values.join(', ')}]`;

/** The value written for each field of a template, in order (YAML text after `key:`). */
function values(collection: Collection, { taxonomy, school, instructor, today }: ScaffoldInput): Array<[string, string]> {
  const first = (name: keyof Taxonomy['vocabularies']) => scalar(taxonomy.vocabularies[name].terms[0].label);
  const teacher = instructor ?? '';
  const common = (titleKey: 'title' | 'name', what: string): Array<[string, string]> => [
    [titleKey, `${PLACEHOLDER}${what}`],
    ['summary', `${PLACEHOLDER}用一两句话说明主要内容、面向谁、有什么特色。`],
    ['topics', list([first('topics')])],
    ['owner', school],
    ['reviewed', today],
  ];
  switch (collection) {
    case 'courses':
      return [
        ...common('title', '课程名称'),
        ['pillar', first('pillars')],
        ['formats', list([first('formats')])],
        ['audiences', list([first('audiences')])],
        ['hours', '2'],
        ['instructors', list([teacher])],
        ['status', COURSE_STATUSES[1]],
      ];
    case 'cases':
      return [
        ...common('title', '案例标题'),
        ['region', `${PLACEHOLDER}所在地区`],
        ['year', today.slice(0, 4)],
        ['kind', first('case_kinds')],
        ['sources', `\n  - title: ${PLACEHOLDER}公开来源的标题`],
        ['visibility', '公开'],
      ];
    case 'sites':
      return [
        ...common('name', '教学点名称'),
        ['category', first('site_categories')],
        ['region', `${PLACEHOLDER}所在地区`],
        ['address', `${PLACEHOLDER}详细地址`],
        ['host', `${PLACEHOLDER}承接单位`],
        ['instructors', list([teacher])],
        ['duration', '90'],
        ['capacity', '40'],
        ['status', SITE_STATUSES[0]],
      ];
    case 'instructors':
      return [
        ...common('name', '教师姓名'),
        ['category', first('instructor_categories')],
        ['employment', EMPLOYMENTS[0]],
        ['affiliation', `${PLACEHOLDER}工作单位`],
        ['status', INSTRUCTOR_STATUSES[0]],
      ];
    case 'programs':
      return [
        ['title', `${PLACEHOLDER}班次名称`],
        ['summary', `${PLACEHOLDER}用一两句话说明培训目标和对象。`],
        ['owner', school],
        ['reviewed', today],
        ['audiences', list([first('audiences')])],
        ['start', today],
        ['end', today],
        ['venue', `${PLACEHOLDER}培训地点`],
        ['sessions', `\n  - { date: ${today}, from: "09:00", to: "09:30", title: 开班式 }`],
      ];
  }
}

/** Notes about a library as a whole, after its fields. */
const NOTES: Partial<Record<Collection, string>> = {
  instructors: '不得填写手机、电话、邮箱、身份证号、家庭住址等个人信息',
};

const plain = (text: string) => text.replace(/`/g, '');

/** `标题：含义。类型（可选）` for one field. */
function describe(f: FieldModel): string {
  const { title, description } = f.meta;
  const required = requiredText(f);
  const note = required === '是' ? '' : `（${required === '否' ? '可选' : required.replace(/^否，/, '可选，')}）`;
  const meaning = description && description !== title ? `${description}。` : '';
  return plain(`${meaning}${typeText(f)}${note}`);
}

/** The comment lines above a field: the field itself, then the fields of its items or object. */
function comment(f: FieldModel): string[] {
  const lines = [`# ${plain(f.meta.title ?? f.key)}：${describe(f)}`];
  let type = f.type;
  while (type.kind === 'list') type = type.item;
  if (type.kind === 'object') for (const inner of type.fields) lines.push(`#   ${inner.key}：${describe(inner)}`);
  return lines;
}

/** The front matter lines of a new entry (without the `---` fences). */
export function scaffold(collection: Collection, input: ScaffoldInput): string[] {
  const fields = fieldsOf(modelSchemas()[collection]);
  const written = values(collection, input);
  const lines: string[] = [];
  for (const [key, value] of written) {
    const f = fields.find((g) => g.key === key);
    if (f) lines.push(...comment(f));
    lines.push(`${key}:${value.startsWith('\n') ? '' : ' '}${value}`);
  }
  const note = NOTES[collection];
  if (note) lines.push(`# ${note}`);
  const optional = fields.filter((f) => !f.required && !written.some(([key]) => key === f.key));
  if (optional.length) lines.push(`# 可选：${optional.map((f) => `${f.key}（${plain(f.meta.title ?? f.key)}）`).join('、')}`);
  return lines;
}
