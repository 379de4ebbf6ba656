/** `/data/<set>.csv`: the same records as `/data/<set>.json`, one row each (UTF-8 with BOM). See src/shared/open-data.ts. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog } from '../../build/load-catalog.ts';
import { OPEN_DATA_SETS, openDataCsv, type OpenDataSet } from '../../shared/open-data.ts';
import { openDataFile } from './_options.ts';

export const getStaticPaths: GetStaticPaths = () => OPEN_DATA_SETS.map((set) => ({ params: { set } }));

export const GET: APIRoute = async ({ params, site }) => {
  const catalog = await getCatalog();
  const file = await openDataFile(catalog, params.set as OpenDataSet, site);
  return new Response(openDataCsv(file), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
