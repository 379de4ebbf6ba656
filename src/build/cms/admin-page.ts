/**
 * The HTML of /admin/: Decap's bundle and Siku's script, both from this site. No
 * `data-pagefind-body` (so search never indexes it), `noindex` for crawlers, and no page of
 * the site links here unless `SIKU_EDIT_URL` says so.
 */
import { ADMIN_SCRIPT } from './assets.ts';

/** The page, for a site served at `base` (Astro's `base`, `/` by default). */
export function adminPage(base = '/'): string {
  const at = `${base.replace(/\/?$/, '/')}admin/`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>四库 · 表单编辑</title>
<link href="${at}config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>表单编辑器需要启用 JavaScript。</noscript>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="${at}decap-cms.js"></script>
<script src="${at}${ADMIN_SCRIPT}"></script>
</body>
</html>
`;
}
