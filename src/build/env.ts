/**
 * Every `SIKU_*` environment variable, declared once and checked with zod. Plain Node
 * module: the CLIs, astro.config.mjs, the search integration, the benchmarks and the
 * test helpers read these variables only through here, so a malformed value fails with
 * one clear Chinese message (variable, value, what is expected) instead of being
 * silently ignored or surfacing later as an unrelated error.
 *
 * A blank value counts as unset, as it always has (CI templates often export `X=`), and
 * unset comes back as `undefined`: each caller applies its default, since some need
 * context (today in Beijing, paths under the project root — see ./today.ts and ./paths.ts); the
 * JSDoc below names every default.
 */
import { z } from 'astro/zod';

/** `process.env`, or any object of the same shape (tests pass their own). */
export type RawEnv = Readonly<Record<string, string | undefined>>;

interface Variable<T> {
  schema: z.ZodType<T, string>;
  /** Said after `NAME=value` when the value is rejected. */
  invalid: string;
}

const variable = <T>(schema: z.ZodType<T, string>, invalid: string): Variable<T> => ({ schema, invalid });

/** A real calendar day: the format alone lets 2026-13-01 or 2026-02-30 through. */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text = z.string();
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDate);
// `Number` semantics as before (so `65536` and `64e3` both still work), then whole and ≥ 0.
const bytes = z.string().transform(Number).pipe(z.number().int().nonnegative());
const httpUrl = z.url({ protocol: /^https?$/ });
const port = z.string().transform(Number).pipe(z.number().int().min(1).max(65535));
const flag = z.enum(['1', 'true', 'yes', '0', 'false', 'no']).transform((v) => ['1', 'true', 'yes'].includes(v));

/**
 * The variables. README's 环境变量 table documents the same list for users; keep the two
 * in step.
 */
export const VARIABLES = {
  /** Content root, absolute or relative to the project root; default `content/`. */
  SIKU_CONTENT_DIR: variable(text, '不是有效的目录'),
  /** Where `npm run build` puts the finished site, relative to the project root; default `dist/`. */
  SIKU_DIST_DIR: variable(text, '不是有效的目录'),
  /**
   * Astro's own output folder; default `./dist`. Set by scripts/build.ts to its staging
   * folder, so a failed build never touches `SIKU_DIST_DIR`; not meant to be set by hand.
   */
  SIKU_OUT_DIR: variable(text, '不是有效的目录'),
  /**
   * `1`: the search integration leaves the index to `npm run build`, which builds it after
   * Astro has exited, so Astro's memory is free for Pagefind's; set by scripts/build.ts,
   * not meant to be set by hand. Unset: `astro build` builds the index itself.
   */
  SIKU_DEFER_SEARCH_INDEX: variable(flag, '应为 1/0、true/false 或 yes/no'),
  /** Pins "today" (`YYYY-MM-DD`) for review-date rules; default: today in Beijing. */
  SIKU_TODAY: variable(date, '不是有效日期，应为 YYYY-MM-DD（例如 2026-11-21）'),
  /** The site's public address, for absolute links and calendar files; default `http://localhost:4321`. */
  SIKU_SITE_URL: variable(httpUrl, '不是有效网址，应为以 http:// 或 https:// 开头的完整网址（例如 https://siku.example.org/）'),
  /**
   * Largest compressed result bundle in bytes; 0 never writes one; default `BUNDLE_LIMIT`
   * in src/build/search/result-bundle.ts. The name is repeated in the message because
   * tests/search-bundle.test.ts looks for "SIKU_SEARCH_BUNDLE_LIMIT 应为非负整数".
   */
  SIKU_SEARCH_BUNDLE_LIMIT: variable(bytes, '无效：SIKU_SEARCH_BUNDLE_LIMIT 应为非负整数（结果包压缩后的字节数上限，0 表示不生成结果包）'),
  /**
   * Most entry pages in one Pagefind index shard; a catalog of more than 1.5 times as
   * many is indexed in shards of at most this size, so memory stays bounded, and the
   * shards are merged into one index. Default `SHARD_PAGES` (8,000) in
   * src/build/search/shards.ts.
   */
  SIKU_SEARCH_SHARD_PAGES: variable(
    z.string().transform(Number).pipe(z.number().int().min(1)),
    '无效：SIKU_SEARCH_SHARD_PAGES 应为正整数（一个搜索索引分片最多包含的条目页数）',
  ),
  /**
   * Whether `npm run build` reads the lean search index while Astro renders (default
   * yes; src/build/search/index-ahead.ts). 0 leaves the index until Astro has exited,
   * e.g. when something else keeps the second core busy.
   */
  SIKU_SEARCH_AHEAD: variable(flag, '无效：SIKU_SEARCH_AHEAD 应为 1 或 0（也可写 true/false、yes/no）'),
  /** The Chromium the browser tests drive; default `/usr/bin/chromium`. */
  SIKU_CHROMIUM: variable(text, '不是有效的文件路径'),
  /**
   * The form editor's settings file (YAML: forge backend, publish mode, where the content
   * is in the repository), absolute or relative to the project root; default
   * `siku.cms.yaml` when it exists. Without it (and without `SIKU_CMS_LOCAL_BACKEND`) no
   * /admin/ is built. See src/build/cms/settings.ts and CONTRIBUTING.md.
   */
  SIKU_CMS_CONFIG: variable(text, '不是有效的文件路径'),
  /**
   * The API of a running decap-server (`http://localhost:8081/api/v1`): /admin/ then edits
   * the files on this machine. Set by `npm run edit`; default unset.
   */
  SIKU_CMS_LOCAL_BACKEND: variable(httpUrl, '不是有效网址，应为 decap-server 的地址（例如 http://localhost:8081/api/v1）'),
  /**
   * The "编辑此页" link of entry pages, with `{collection}`, `{id}`, `{slug}` and `{path}`
   * placeholders (e.g. `/admin/#/collections/{collection}/entries/{slug}`); default
   * unset: no link.
   */
  SIKU_EDIT_URL: variable(
    z.string().regex(/\{(collection|id|slug|path)\}/),
    '应为含有 {collection}、{id}、{slug} 或 {path} 占位符的网址模式',
  ),
  /** Port of the site's dev server under `npm run edit`; default 4321. */
  SIKU_EDIT_PORT: variable(port, '不是有效端口，应为 1–65535 的整数'),
  /** Port of decap-server (the form editor's local backend) under `npm run edit`; default 8081. */
  SIKU_CMS_PORT: variable(port, '不是有效端口，应为 1–65535 的整数'),
  /** `1` keeps the catalog `npm run bench` generates, for profiling; default off. */
  SIKU_BENCH_KEEP: variable(flag, '无效，应为 1 或 0（也可写 true/false、yes/no）'),
} satisfies Record<`SIKU_${string}`, Variable<unknown>>;

/** A declared variable's name. */
export type EnvName = keyof typeof VARIABLES;
/** The parsed value of one variable (`undefined` when unset or blank). */
export type EnvValue<N extends EnvName> = z.output<(typeof VARIABLES)[N]['schema']> | undefined;
/** Every variable, parsed. */
export type SikuEnv = { [N in EnvName]: EnvValue<N> };

/** Every declared name, in declaration order. */
export const ENV_NAMES = Object.keys(VARIABLES) as EnvName[];

/** The whole set as one zod object, so one parse reports every malformed variable at once. */
const envSchema = z.object(
  Object.fromEntries(ENV_NAMES.map((name) => [name, VARIABLES[name].schema.optional()])) as {
    [N in EnvName]: z.ZodOptional<(typeof VARIABLES)[N]['schema']>;
  },
);

/** One or more malformed variables; the message has one line per variable, ready to print. */
export class EnvError extends Error {
  constructor(problems: string[]) {
    super(problems.join('\n'));
    // A configuration mistake, not a bug: wherever it surfaces (Astro's error output,
    // an uncaught throw in a script) the message alone is what helps, not our frames.
    this.stack = this.message;
  }

  /** One line per malformed variable. A getter, so Node's error printout doesn't repeat them. */
  get problems(): string[] {
    return this.message.split('\n');
  }
}
EnvError.prototype.name = 'EnvError';

/** `NAME=value`, quoted when the value has spaces or control characters that would hide its end. */
function shown(name: string, value: string): string {
  return `${name}=${/[\s\p{Cc}]/u.test(value) ? JSON.stringify(value) : value}`;
}

/**
 * Picked sub-schemas by name list. Pages call `readEnv` on every render (10,000 entry
 * pages: several calls each), and `pick()` builds — and zod then compiles — a new object
 * schema every time: about 40 µs a call, against 1 µs for a parse with a schema kept.
 */
const picked = new Map<string, z.ZodType>();

function pickedSchema(names: readonly EnvName[]): z.ZodType {
  const key = names.join(',');
  let schema = picked.get(key);
  if (!schema) {
    const only: Partial<Record<EnvName, true>> = Object.fromEntries(names.map((n) => [n, true]));
    schema = envSchema.pick(only);
    picked.set(key, schema);
  }
  return schema;
}

/**
 * Parses the given variables (default: all) from `env`. Throws an `EnvError` naming every
 * malformed one; unset and blank values come back as `undefined`.
 */
export function parseEnv<N extends EnvName = EnvName>(env: RawEnv = process.env, names: readonly N[] = ENV_NAMES as N[]): Pick<SikuEnv, N> {
  const raw: Record<string, string> = {};
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) raw[name] = value;
  }
  const result = pickedSchema(names).safeParse(raw);
  if (result.success) return result.data as unknown as Pick<SikuEnv, N>;
  const bad = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))] as N[];
  throw new EnvError(bad.map((name) => `${shown(name, raw[name])} ${VARIABLES[name].invalid}`));
}

/** One variable from `env` (default `process.env`); throws an `EnvError` when it is malformed. */
export function readEnv<N extends EnvName>(name: N, env: RawEnv = process.env): EnvValue<N> {
  return parseEnv(env, [name])[name];
}

/**
 * For the CLIs: checks the variables they use before doing anything. A malformed one is
 * a configuration mistake, not a crash, so it gets its message (no stack trace) and exit 1.
 */
export function requireValidEnv(names: readonly EnvName[], heading = '环境变量有误'): void {
  try {
    parseEnv(process.env, names);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`${heading}：\n  ${error.problems.join('\n  ')}`);
    process.exit(1);
  }
}
