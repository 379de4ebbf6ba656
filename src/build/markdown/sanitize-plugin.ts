/**
 * The body HTML policy inside Astro's own Markdown/MDX pipeline: a Sätteri hast plugin
 * (astro.config.mjs: `markdown.processor: satteri({ hastPlugins: [sanitizeBodies] })`,
 * which @astrojs/mdx picks up for .mdx as well). It runs before Astro's own hast steps
 * (image markers, heading ids, MDX image components), so body images and <Callout>
 * still render. The checker reports these problems with file and line before a build;
 * this makes sure a build that skipped the checker publishes nothing that runs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineHastPlugin, htmlToHast, type PluginFactoryContext } from 'satteri';
import { mayNeedSanitizing, sanitizeTree, type HastLike } from './sanitize.ts';

const parse = (html: string) => htmlToHast(html, { fragment: true }) as unknown as HastLike;

/** Where a removal happened, for the build log. */
function shownFile(url: URL | undefined): string {
  if (!url) return '正文';
  const file = fileURLToPath(url);
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

/** Removes from a rendered body what the HTML policy does not allow. */
export const sanitizeEveryBody = defineHastPlugin({
  name: 'siku-sanitize-bodies',
  before(root, ctx) {
    const { tree, changed, removed } = sanitizeTree(root as unknown as HastLike, { parse, format: ctx.sourceFormat });
    if (!changed) return;
    ctx.replaceNode(root, tree as unknown as typeof root);
    if (removed.length)
      console.warn(
        `[siku] ${shownFile(ctx.fileURL)}：渲染时删除了正文中不允许的内容：${removed.slice(0, 8).join('、')}${removed.length > 8 ? ' 等' : ''}（npm run check 会指出位置）`,
      );
  },
});

/**
 * The plugin as a Sätteri factory: left out for a body that can only render to what the
 * policy allows (`mayNeedSanitizing`). Walking a tree makes Sätteri build every node in
 * JavaScript, which at 10,000 plain bodies costs about 2 s of the content sync.
 */
export const sanitizeBodies = ({ source, sourceFormat }: PluginFactoryContext) =>
  mayNeedSanitizing(source, sourceFormat) ? sanitizeEveryBody : null;
