/**
 * `/changes.xml`: the latest changes of /changes/ as an RSS 2.0 feed, absolute links
 * from the configured site address (SIKU_SITE_URL). One item per entry and month, as on
 * the page; its guid stays the same while that month's item is updated.
 */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { buildChangeLog, FEED_LIMIT, kindLabel } from '../build/changes.ts';
import { displayName, LIBRARY_LABELS } from '../shared/catalog.ts';
import { gitHistory } from '../build/git-history.ts';
import { getCatalog } from '../build/load-catalog.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const GET: APIRoute = async ({ site }) => {
  const catalog = await getCatalog();
  const log = buildChangeLog(catalog, gitHistory(), { limit: FEED_LIMIT });
  const base = site ?? new URL('http://localhost:4321/');
  const items = log.months.flatMap((month) =>
    month.items.map((item) => {
      const link = new URL(catalog.href(item.entry)!, base).href;
      const kinds = item.kinds.map((k) => kindLabel(k, item.entry));
      return {
        title: `${kinds.join('、')}：${displayName(item.entry)}（${LIBRARY_LABELS[item.entry.collection]}）`,
        link,
        pubDate: new Date(item.time),
        description: String(item.entry.data.summary ?? ''),
        categories: [LIBRARY_LABELS[item.entry.collection], ...kinds],
        customData: `<guid isPermaLink="false">${escapeXml(`${link}#${month.month}`)}</guid>`,
      };
    }),
  );
  const self = new URL('/changes.xml', base).href;
  return rss({
    title: '四库 · 最近更新',
    description:
      log.source === 'git'
        ? '四库课程、案例、现场教学点、师资和培训班次的新增、更新、停用和退出（按 git 提交日期）。'
        : '四库课程、案例、现场教学点、师资和培训班次，按复核日期和纳入日期列出（构建时没有完整的 git 历史）。',
    site: base,
    items,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>zh-cn</language><atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
  });
};
