/**
 * `/plan/courses.js`: the planner's course data (every course that is not 停用),
 * as a classic script assigning `self.SIKU_PLAN_DATA`. See src/shared/plan/wire.ts.
 */
import type { APIRoute } from 'astro';
import { getCatalog } from '../../build/load-catalog.ts';
import { planWireData } from '../../shared/plan/build-data.ts';
import { dataScript } from '../../shared/plan/wire.ts';

export const GET: APIRoute = async () => {
  const catalog = await getCatalog();
  return new Response(dataScript(planWireData(catalog)), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
};
