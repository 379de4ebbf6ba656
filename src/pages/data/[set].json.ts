/** `/data/<set>.json`: the public entries of one library (or the programs, the schools). See src/shared/open-data.ts. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog } from '../../build/load-catalog.ts';
import { OPEN_DATA_SETS, openDataJson, type OpenDataSet } from '../../shared/open-data.ts';
import { openDataFile } from './_options.ts';

export const getStaticPaths: GetStaticPaths = () => OPEN_DATA_SETS.map((set) => ({ params: { set } }));

export const GET: APIRoute = async ({ params, site }) => {
  const catalog = await getCatalog();
  const file = await openDataFile(catalog, params.set as OpenDataSet, site);
  return new Response(openDataJson(file), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
