/**
 * `public-phrases.yaml` (optional, in the content root): phrases a school declares
 * public, so that an internal case sharing them with a public entry is no leak — the
 * auditable answer where the checker cannot tell a standard formulation from a copy.
 * Like any content it goes through review in a pull request, and its reach is
 * limited: it can silence a reported match but never hide a whole internal case
 * (no title, at most 80 characters a phrase, and never most of a summary, body or
 * question).
 */
import { z } from 'astro/zod';
import { PhraseMask, WINDOW, type InternalCase } from '../leaks/fingerprints.ts';
import { norm, normalise, withoutBrackets } from '../leaks/normalise.ts';
import type { Diagnostic } from './diagnostics.ts';
import { scanPersonalData } from './rules/personal-data.ts';
import { parseYamlFile, type YamlSource } from './source.ts';
import { readRootFile } from './yaml-files.ts';
import { issuesToDiagnostics } from './zod-issues.ts';

export const PUBLIC_PHRASES_FILE = 'public-phrases.yaml';

/** Share of an internal text that declared phrases may cover. */
export const MAX_COVER = 0.5;

/** One declaration; each is checked on its own, so one bad item does not void the others. */
const phraseSchema = z.strictObject({
  /** The phrase as it appears (punctuation and script do not matter). */
  text: z
    .string()
    .trim()
    .min(4, { error: '公开语句至少 4 个字' })
    .max(80, { error: '公开语句最多 80 个字：只声明通用提法本身，不要整段声明' }),
  /** Why it is public: where it is published (a document, a speech, a slogan). */
  reason: z
    .string({ error: '请写明为什么这句话是公开的（reason：出处）' })
    .trim()
    .min(2, { error: '请写明为什么这句话是公开的（reason：出处）' }),
});

export interface PublicPhrase {
  text: string;
  reason: string;
  index: number;
}

export interface PhraseFile {
  phrases: PublicPhrase[];
  locate: (p: (string | number)[]) => { line: number; column: number };
}

/** Reads and validates the file; no file means no phrases. */
export async function readPublicPhrases(root: string, diagnostics: Diagnostic[]): Promise<PhraseFile> {
  const none: PhraseFile = { phrases: [], locate: () => ({ line: 1, column: 1 }) };
  // Optional; a link, a folder or an oversized file is refused like any content file.
  const bytes = readRootFile(root, PUBLIC_PHRASES_FILE, diagnostics);
  if (!bytes) return none;
  const { data, yaml, text, problems } = parseYamlFile(PUBLIC_PHRASES_FILE, bytes);
  const locate = (p: (string | number)[]) => (yaml as YamlSource | undefined)?.locate(p) ?? { line: 1, column: 1 };
  diagnostics.push(...problems, ...scanPersonalData(PUBLIC_PHRASES_FILE, text, { fieldAt: (o) => yaml?.pathAt(o).join('.') || '-' }));
  if (problems.length || data === undefined || data === null) return { ...none, locate };
  if (!Array.isArray(data)) {
    diagnostics.push({
      file: PUBLIC_PHRASES_FILE,
      line: 1,
      column: 1,
      field: '-',
      rule: 'invalid-type',
      severity: 'error',
      message: 'public-phrases.yaml 应为列表，每项为 {text, reason}',
      hint: '每项以 “- text: …” 开头，下一行写 “  reason: …”',
    });
    return { ...none, locate };
  }
  const phrases: PublicPhrase[] = [];
  for (const [index, item] of data.entries()) {
    const result = phraseSchema.safeParse(item);
    if (result.success) phrases.push({ ...result.data, index });
    else {
      const issues = result.error.issues.map((i) => ({ ...i, path: [index, ...i.path] }));
      diagnostics.push(...(await issuesToDiagnostics(issues, { file: PUBLIC_PHRASES_FILE, data, locate, schema: z.array(phraseSchema) })));
    }
  }
  return { phrases, locate };
}

/**
 * The limits of a declaration, checked against the internal cases: a phrase may not
 * contain an internal title, and all phrases together may not cover most of an
 * internal text. A phrase no internal case contains is dead weight (a warning).
 * Returns the phrases that may be used.
 */
export function scopePublicPhrases(file: PhraseFile, cases: InternalCase[], diagnostics: Diagnostic[]): string[] {
  const error = (p: PublicPhrase, rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'error') =>
    diagnostics.push({
      file: PUBLIC_PHRASES_FILE,
      ...file.locate([p.index, 'text']),
      field: `${p.index}.text`,
      rule,
      severity,
      message,
      hint,
    });
  const usable: PublicPhrase[] = [];
  for (const p of file.phrases) {
    const n = norm(p.text);
    const title = cases.find((c) => [c.title, withoutBrackets(c.title)].some((t) => norm(t).length >= 4 && n.includes(norm(t))));
    if (title)
      error(
        p,
        'public-phrase-too-broad',
        `公开语句包含内部案例 ${title.id} 的标题，标题不能声明为公开`,
        '删除这一项；内部案例的标题在任何公开内容中都不能出现',
      );
    else usable.push(p);
  }
  const texts = cases
    .flatMap((c) => [
      ...(c.summary ? [{ c, label: '摘要', text: normalise(c.summary).text }] : []),
      { c, label: '正文', text: normalise(c.body).text },
      ...(c.questions ?? []).map((q) => ({ c, label: '讨论题', text: normalise(q).text })),
    ])
    .filter((t) => t.text.length >= WINDOW);
  const blocked = new Set<PublicPhrase>();
  for (const t of texts) {
    const cover = new PhraseMask(usable.map((p) => p.text)).covered(t.text);
    const share = cover.reduce((a, b) => a + b, 0) / t.text.length;
    if (share < MAX_COVER) continue;
    for (const p of usable.filter((p) => new PhraseMask([p.text]).covered(t.text).some(Boolean))) {
      if (blocked.has(p)) continue;
      blocked.add(p);
      error(
        p,
        'public-phrase-too-broad',
        `声明的公开语句合计覆盖了内部案例 ${t.c.id} 的${t.label}的 ${Math.round(share * 100)}%：声明只能解除个别通用提法，不能公开内部案例的内容`,
        `只保留真正公开的通用提法（每项写明出处），其余删除；覆盖不能达到 ${MAX_COVER * 100}%`,
      );
    }
  }
  const allowed = usable.filter((p) => !blocked.has(p));
  for (const p of allowed) {
    if (!texts.some((t) => t.text.includes(norm(p.text))))
      error(p, 'unused-public-phrase', '没有任何内部案例包含这句公开语句，声明不起作用', '可以删除这一项', 'warning');
  }
  return allowed.map((p) => p.text);
}
