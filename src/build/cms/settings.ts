/**
 * Where the form editor (/admin/, Decap CMS) saves: a forge (GitHub, GitLab, Gitea/Forgejo)
 * named in `siku.cms.yaml` (or the file `SIKU_CMS_CONFIG` names), or the files on this
 * machine through decap-server (`SIKU_CMS_LOCAL_BACKEND`, set by `npm run edit`). Neither
 * set: no /admin/ at all, so a plain build ships nothing of the editor.
 * Plain Node module (build time).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { parse } from 'yaml';
import { contentRoot, PROJECT_ROOT } from '../paths.ts';
import { readText } from '../taxonomy-file.ts';
import { readEnv, type RawEnv } from '../env.ts';

/** The forges Decap CMS 3 has a backend for, that Siku documents (CONTRIBUTING.md). */
export const FORGES = ['github', 'gitlab', 'gitea'] as const;

const settingsSchema = z.strictObject({
  /** Decap's `backend` block, passed on as written (repo, branch, base_url, api_root, auth_type, app_id …). */
  backend: z.looseObject({
    name: z.enum(FORGES, { error: `backend.name 应为 ${FORGES.join('、')} 之一` }),
    repo: z.string({ error: 'backend.repo 应为“所有者/仓库名”' }).regex(/^[^/\s]+\/[^\s]+$/, { error: 'backend.repo 应为“所有者/仓库名”' }),
    branch: z.string().min(1).optional(),
  }),
  /** `editorial_workflow`: saving opens a merge request (draft → review → publish); default: commit directly. */
  publish_mode: z.enum(['simple', 'editorial_workflow']).optional(),
  /** The content root inside the repository (`content`); default: where it is relative to this project. */
  content_dir: z.string().optional(),
  /** The published site, for the editor's "查看网站" link. */
  site_url: z.url().optional(),
});

/** `siku.cms.yaml`, checked. */
export type CmsFileSettings = z.output<typeof settingsSchema>;

/** What the config generator needs to know about where entries are saved. */
export interface CmsSettings {
  /** The forge settings, when a settings file exists. */
  file?: CmsFileSettings;
  /** decap-server's API, when editing local files. */
  localBackend?: string;
  /** The content root's path inside the repository the editor commits to, `''` when it is the repository. */
  contentDir: string;
}

/** The settings file in use: `SIKU_CMS_CONFIG`, else `siku.cms.yaml` if present. */
export function settingsFile(env: RawEnv = process.env): string | undefined {
  const configured = readEnv('SIKU_CMS_CONFIG', env);
  if (configured) return path.resolve(PROJECT_ROOT, configured);
  const standard = path.join(PROJECT_ROOT, 'siku.cms.yaml');
  return existsSync(standard) ? standard : undefined;
}

/**
 * The content root relative to the repository decap-server serves: the project when the
 * content is inside it (`content`), else the content root itself (`''`) — `npm run edit`
 * starts decap-server on the same folder (`localRepository`).
 */
export function localContentDir(root: string = contentRoot()): string {
  const relative = path.relative(PROJECT_ROOT, root);
  return relative.startsWith('..') || path.isAbsolute(relative) ? '' : relative.split(path.sep).join('/');
}

/** The folder decap-server must serve for `localContentDir` to hold. */
export function localRepository(root: string = contentRoot()): string {
  return localContentDir(root) === '' ? root : PROJECT_ROOT;
}

/** Reads and checks the settings; undefined when the editor is not configured (no /admin/). */
export function cmsSettings(env: RawEnv = process.env): CmsSettings | undefined {
  const localBackend = readEnv('SIKU_CMS_LOCAL_BACKEND', env);
  const file = settingsFile(env);
  if (!file && !localBackend) return undefined;
  let parsed: CmsFileSettings | undefined;
  if (file) {
    if (!existsSync(file)) throw new Error(`找不到表单编辑器的配置文件 ${file}（SIKU_CMS_CONFIG）`);
    const result = settingsSchema.safeParse(parse(readText(file)));
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.') || '-'}：${i.message}`).join('；');
      throw new Error(`表单编辑器的配置文件 ${file} 有误：${problems}`);
    }
    parsed = result.data;
  }
  const root = contentRoot(env);
  // Local editing wins: decap-server serves this machine's folders, wherever the forge keeps them.
  const contentDir = localBackend ? localContentDir(root) : (parsed?.content_dir ?? localContentDir(root));
  return { file: parsed, localBackend, contentDir: contentDir.replace(/^\.?\/+|\/+$/g, '') };
}
