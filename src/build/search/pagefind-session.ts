/**
 * One Pagefind index being built: its service, watched so that a crash fails at once
 * with the reason (./pagefind-service.ts), every call under a deadline, and any error
 * Pagefind reports fatal. The Pagefind wrapper keeps one service per process, so a
 * process holds one session at a time.
 */
import * as pagefind from 'pagefind';
import { check, SearchIndexError } from './search-error.ts';
import { spawnedBy, watchService, type ServiceWatch } from './pagefind-service.ts';

/** One index for the whole site: content may be simplified or traditional, never mixed up. */
export const INDEX_LANGUAGE = 'zh-cn';

/**
 * Index chunk size, in word positions (Pagefind's default is 20000). Chinese text
 * yields many short words, and a query split into character pairs touches several
 * chunks: with default chunks (~33 KB each here) a follow-up search blows its 20 KB
 * budget, with 1000 they weigh ~2 KB. Small chunks are safe only because every page
 * also lists its characters as words (see `characterWords` in ./shadow.ts); the recall
 * on the sample catalog is the same at 20000, 4000 and 1000. Pagefind reads the value
 * from the indexing service's environment (an unstable knob: without it search still
 * works, with bigger downloads); an explicit environment value wins.
 */
export const INDEX_CHUNK_SIZE = '1000';
const CHUNK_SIZE_ENV = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

/**
 * If the Pagefind binary crashes, its Node wrapper never answers. The service watch
 * catches the process dying; the deadline is the backstop for a live but stuck process
 * (or a service we could not watch).
 */
export async function within<T>(ms: number, step: string, work: Promise<T>, watch?: ServiceWatch): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new SearchIndexError(`Pagefind ${step} 超过 ${Math.round(ms / 1000)} 秒没有响应（索引进程可能卡住或已崩溃，见上方输出）`)),
      ms,
    );
  });
  try {
    return await Promise.race(watch ? [work, deadline, watch.exited] : [work, deadline]);
  } catch (error) {
    // Our own errors (the deadline, the exit) are already as clear as they get.
    if (!watch || error instanceof SearchIndexError) throw error;
    throw await watch.explain(error);
  } finally {
    clearTimeout(timer);
  }
}

export class PagefindSession {
  /** What the session is doing, for the message if the service dies. */
  doing: string;
  /** Prefix of progress and error messages (`分片 2/9：`). */
  readonly label: string;
  /** The Pagefind service's process id, when it could be seen. */
  readonly servicePid: number | undefined;
  private readonly index: pagefind.PagefindIndex;
  private readonly watch: ServiceWatch | undefined;
  private readonly timeout: number;
  private closed = false;

  private constructor(index: pagefind.PagefindIndex, watch: ServiceWatch | undefined, timeout: number, label: string, servicePid?: number) {
    this.index = index;
    this.servicePid = servicePid;
    this.watch = watch;
    this.timeout = timeout;
    this.label = label;
    this.doing = `${label}创建索引`;
  }

  /** Starts a service and creates an index; closes the service again if that fails. */
  static async open(label: string, timeout: number): Promise<PagefindSession> {
    let session: PagefindSession | undefined;
    process.env[CHUNK_SIZE_ENV] ??= INDEX_CHUNK_SIZE;
    const { result: creating, service } = spawnedBy(() => pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE }));
    const watch =
      service &&
      watchService(
        service,
        () => session?.doing ?? `${label}创建索引`,
        (message) => new SearchIndexError(message),
      );
    try {
      const created = await within(timeout, '创建索引', creating, watch);
      check('创建索引', created.errors);
      if (!created.index) throw new SearchIndexError('Pagefind 没有返回索引');
      session = new PagefindSession(created.index, watch, timeout, label, service?.pid);
      return session;
    } catch (error) {
      watch?.stop();
      await within(timeout, '关闭', pagefind.close()).catch(() => {});
      throw error;
    }
  }

  /**
   * Adds the `count` pages in `folder` (`first` names the first, `doing` says which they
   * are if the service dies); fails unless Pagefind took them all.
   */
  async addFolder(folder: string, count: number, first: string, doing = `索引 ${first} 起的 ${count} 个页面`): Promise<void> {
    this.doing = `${this.label}${doing}`;
    const step = `索引 ${first} 起的 ${count} 个页面`;
    const added = await within(this.timeout, step, this.index.addDirectory({ path: folder }), this.watch);
    check(step, added.errors);
    if (added.page_count !== count)
      throw new SearchIndexError(`Pagefind 只索引了 ${first} 起的 ${count} 个页面中的 ${added.page_count} 个`);
  }

  async write(outputPath: string, pages: number): Promise<void> {
    this.doing = `${this.label}把 ${pages} 个页面的索引写入 ${outputPath}`;
    const written = await within(this.timeout, '写入索引', this.index.writeFiles({ outputPath }), this.watch);
    check('写入索引', written.errors);
  }

  /** Closes the service (on purpose: not a crash) and frees its memory, once; never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watch?.stop();
    await within(this.timeout, '关闭', pagefind.close()).catch(() => {});
  }
}
