/**
 * Astro's glob loader follows symbolic links, and while `astro dev` runs it loads any
 * file the watcher reports. The start-up walk (`assertPublishableTree` in
 * content.config.ts) refuses a root with links; this guard keeps a link that appears
 * later from being loaded: the file is skipped and the reason logged.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import path from 'node:path';
import { linkOnPath } from './content-files.ts';

type Watcher = NonNullable<LoaderContext['watcher']>;

/** A watcher whose `add` and `change` listeners never see a file reached through a link. */
function guardWatcher(watcher: Watcher, root: string, base: string, logger: LoaderContext['logger']): Watcher {
  // Every collection's loader hears every change: only the one whose folder it is speaks.
  const mine = (file: string) => !path.relative(base, file).startsWith('..');
  return new Proxy(watcher, {
    get(target, key) {
      if (key === 'on') {
        return (event: string, listener: (file: string, ...rest: unknown[]) => unknown) =>
          target.on(
            event as 'add',
            event === 'add' || event === 'change'
              ? (file: string, ...rest: unknown[]) => {
                  const link = mine(file) ? linkOnPath(root, file) : undefined;
                  if (link) {
                    logger.error(`${link} 是符号链接，没有加载 ${file}：内容目录中不允许符号链接（运行 npm run check 查看）`);
                    return;
                  }
                  return listener(file, ...rest);
                }
              : listener,
          );
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** `loader` of the folder `base`, with its dev-server watcher guarded against links under `root`. */
export function guardLoader(loader: Loader, root: string, base: string): Loader {
  return {
    ...loader,
    load: (context) =>
      loader.load(context.watcher ? { ...context, watcher: guardWatcher(context.watcher, root, base, context.logger) } : context),
  };
}
