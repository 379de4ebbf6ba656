/**
 * Named rules. Every check the schemas add beyond types and limits (a date that exists, a
 * review not in the future, no repeated list items, and the rules across fields) raises
 * its issue through `ruleIssue`, so the issue itself carries the rule's stable name and
 * its hint in `params` — the checker reports both as they are (src/build/check/zod-issues.ts),
 * Astro shows the message.
 *
 * A rule across fields (`crossField`) lives once, on the object whose fields it reads. zod
 * skips an object's refinements once a field failed to parse; these run anyway (zod's
 * `when`), so a program with `capacity: 很多` still hears about its overlapping sessions.
 * They read only what parsed (`valid`), so a field of the wrong type is reported once, by
 * the field, and never judged by a rule.
 */
import { z } from 'astro/zod';

/** What the checker reads from a named issue's `params`. */
export interface RuleParams {
  /** Stable rule name, e.g. `session-overlap` (the checker's `rule`). */
  rule: string;
  /** What to do about it. */
  hint?: string;
}

/** A rule's finding: its message and, where useful, what to do about it. */
export interface Finding {
  message: string;
  hint?: string;
}

type Path = PropertyKey[];

/** A custom zod issue of rule `rule` (spread it into `ctx.issues.push` or `addIssue`). */
export function ruleIssue(rule: string, { message, hint }: Finding, path?: Path) {
  const params: RuleParams = hint === undefined ? { rule } : { rule, hint };
  return { code: 'custom' as const, message, params, ...(path ? { path } : {}) };
}

/** The rule name of an issue raised by `ruleIssue`, if it was. */
export function ruleOf(issue: { code?: string; params?: unknown }): RuleParams | undefined {
  const params = issue.code === 'custom' ? (issue.params as Partial<RuleParams> | undefined) : undefined;
  return typeof params?.rule === 'string' ? (params as RuleParams) : undefined;
}

/** What a rule across fields sees of its object. */
export interface RuleContext {
  /** The object as parsed so far (fields that failed hold their raw value). */
  value: Record<string, unknown>;
  /**
   * The value at `path` when it parsed — nothing at or under it failed, other rules'
   * findings aside — else undefined. A valid value has the schema's output type.
   */
  valid<V = unknown>(...path: Path): V | undefined;
  /** The list at `path` whatever state its items are in (empty when it is not a list). */
  items(...path: Path): unknown[];
  /** Reports a finding of rule `rule` at `path` (relative to the object). */
  report(rule: string, path: Path, finding: Finding): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(value: unknown, path: Path): unknown {
  let cur = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const within = (issuePath: Path, path: Path) => path.every((key, i) => issuePath[i] === key);

/**
 * A rule across the fields of an object schema: `schema.check(crossField((r) => …))`.
 * It runs whenever the value is an object, even when some fields failed.
 */
export function crossField(rule: (r: RuleContext) => void) {
  return z.superRefine<unknown>(
    (value, payload) => {
      const before = payload.issues.slice();
      // An issue that leaves the value unusable: a parse failure, or a check of the field itself.
      // Named rules' findings (continue: true) leave the value as it was.
      const blocking = before.filter((issue) => !(issue.continue === true && ruleOf(issue)));
      rule({
        value: value as Record<string, unknown>,
        valid: <V>(...path: Path) => {
          const found = at(value, path);
          if (found === undefined) return undefined;
          return blocking.some((issue) => within((issue.path ?? []) as Path, path)) ? undefined : (found as V);
        },
        items: (...path) => {
          const list = at(value, path);
          return Array.isArray(list) ? list : [];
        },
        report: (name, path, finding) => payload.addIssue({ ...ruleIssue(name, finding, path), input: at(value, path) }),
      });
    },
    { when: (payload) => isObject(payload.value) },
  );
}

/** The id of a reference: a plain string in the checker, `{id, collection}` from Astro's `reference()`. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}
