/**
 * Notices when Pagefind's indexing process dies. The `pagefind` package spawns its binary
 * (`pagefind_extended --service`) inside the module and never listens for it exiting: if
 * the binary is killed — at ~100,000 pages the kernel's OOM killer does exactly that — the
 * pending call simply never answers. The wrapper exports no handle on the child, so we
 * pick it up from Node's `child_process` diagnostics channel, which announces every
 * ChildProcess as it is created, and listen for its `exit` ourselves.
 */
import type { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

const CHANNEL = 'child_process';

/**
 * Runs `start` (which makes the Pagefind wrapper spawn its service) and returns its
 * result with the Pagefind service process it spawned, if any. The wrapper spawns
 * synchronously inside the call, so the channel is only listened to for that moment;
 * no service comes back when the wrapper reused one that was already running.
 */
export function spawnedBy<T>(start: () => T): { result: T; service?: ChildProcess } {
  const spawned: ChildProcess[] = [];
  const listener = (message: unknown) => {
    const child = (message as { process?: ChildProcess }).process;
    if (child) spawned.push(child);
  };
  subscribe(CHANNEL, listener);
  let result: T;
  try {
    result = start();
  } finally {
    unsubscribe(CHANNEL, listener);
  }
  // The channel fires before the spawn arguments are filled in; by now they are.
  return { result, service: spawned.find((child) => child.spawnargs.includes('--service')) };
}

/** What the user reads when the service dies: what happened, the likely cause, what to do. */
export function exitMessage(code: number | null, signal: NodeJS.Signals | null, doing: string): string {
  const how = signal ? `被信号 ${signal} 终止` : `意外退出（退出码 ${code}）`;
  const head = `Pagefind 的索引进程${how}，当时正在${doing}。`;
  if (signal === 'SIGKILL') {
    return (
      head +
      '最可能的原因是内存不足：要索引的页面太多，超出了这台机器的内存，被系统的 OOM killer 强行结束' +
      '（可用 `dmesg` 或 `journalctl -k` 查看 “Out of memory” 记录）。' +
      '可以换一台内存更大的机器构建、关闭其他占用内存的程序，或增加交换空间（swap）后重试。'
    );
  }
  if (signal) return `${head}可能是被其他程序或用户结束了，请重新构建。`;
  return `${head}请查看上方 Pagefind 自己输出的错误信息。`;
}

/** How long a failed call waits for the exit that explains it. */
const EXIT_GRACE_MS = 1000;

export interface ServiceWatch {
  /** Rejects as soon as the service exits (it never resolves); race every Pagefind call against it. */
  readonly exited: Promise<never>;
  /**
   * The error to report for a failed Pagefind call: the exit's, if the service is dying.
   * A dead service's broken pipe often reaches the wrapper ("Pagefind backend closed",
   * EPIPE) a moment before its exit reaches us, and the exit says far more.
   */
  explain(error: unknown): Promise<unknown>;
  /** Stop watching, before closing the service on purpose (closing kills it). */
  stop(): void;
}

/**
 * Watches a running service. `doing` says what the build was doing when it died, and
 * `fail` turns the message into the caller's error type.
 */
export function watchService(child: ChildProcess, doing: () => string, fail: (message: string) => Error): ServiceWatch {
  let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => {};
  const exited = new Promise<never>((_, reject) => {
    onExit = (code, signal) => reject(fail(exitMessage(code, signal, doing())));
  });
  // Between two calls nobody is racing it; that must not count as an unhandled rejection.
  exited.catch(() => {});
  // It may already be gone (e.g. killed while we were reading pages).
  if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
  else child.once('exit', onExit);
  const explain = (error: unknown) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<unknown>((resolve) => (timer = setTimeout(() => resolve(error), EXIT_GRACE_MS)));
    return Promise.race([exited.catch((exit: unknown) => exit), grace]).finally(() => clearTimeout(timer));
  };
  return { exited, explain, stop: () => child.off('exit', onExit) };
}
