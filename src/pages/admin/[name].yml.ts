/**
 * /admin/*.yml — part of the form editor (Decap CMS), built only when it is configured
 * (src/build/cms/admin-files.ts). An endpoint rather than an .astro page, so neither the
 * sitemap (which lists .astro pages) nor the search index ever includes /admin/.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { adminPaths, adminResponse } from '../../build/cms/admin-files.ts';

export const getStaticPaths = (() => adminPaths('yml')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => adminResponse(`${params.name}.yml`, import.meta.env.BASE_URL);
