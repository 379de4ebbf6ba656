/** `/programs/<id>.ics`: one program's timetable as an iCalendar file (one event per session). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog } from '../../build/load-catalog.ts';
import { programCalendar } from '../../shared/program.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const catalog = await getCatalog();
  return catalog.list('programs').map((program) => ({ params: { id: program.id }, props: { program } }));
};

/** Event links only when a public address is configured (SIKU_SITE_URL); never a localhost link. */
function publicSite(site: URL | undefined): string | undefined {
  return site && !/^(localhost|127\.0\.0\.1)$/.test(site.hostname) ? site.href : undefined;
}

export const GET: APIRoute = async ({ props, site }) => {
  const catalog = await getCatalog();
  return new Response(programCalendar(catalog, props.program, publicSite(site)), {
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
  });
};
