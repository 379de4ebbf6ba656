/**
 * Child processes seen through Linux's /proc, for tests that must act on a process the
 * code under test spawned internally (e.g. kill Pagefind's service as the OOM killer would).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  /** Command line, arguments joined with spaces. */
  command: string;
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces or parentheses, so split after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone between readdir and read
  }
}

/** The live children of `parent` (default: this process). */
export function childProcesses(parent = process.pid): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && parentOf(name) === parent)
    .flatMap((name) => {
      try {
        const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        return [{ pid: Number(name), command }];
      } catch {
        return [];
      }
    });
}

/** Polls until a child whose command line matches appears; throws after `timeout` ms. */
export async function waitForChild(matches: RegExp, { parent = process.pid, timeout = 10_000 } = {}): Promise<ProcessInfo> {
  const started = Date.now();
  for (;;) {
    const found = childProcesses(parent).find((p) => matches.test(p.command));
    if (found) return found;
    if (Date.now() - started > timeout) throw new Error(`${timeout} ms 内没有出现匹配 ${matches} 的子进程`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Bytes `pid` has read so far (Linux /proc/<pid>/io), or undefined if it is gone. */
export function bytesRead(pid: number): number | undefined {
  try {
    return Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/**
 * Polls until `pid` has read at least `bytes` — a service fed its work through a pipe is
 * then that far into it; throws after `timeout` ms or if the process is gone.
 */
export async function waitForRead(pid: number, bytes: number, { timeout = 10_000 } = {}): Promise<void> {
  const started = Date.now();
  for (;;) {
    const read = bytesRead(pid);
    if (read === undefined) throw new Error(`进程 ${pid} 已退出`);
    if (read >= bytes) return;
    if (Date.now() - started > timeout) throw new Error(`${timeout} ms 内进程 ${pid} 只读取了 ${read} 字节（等待 ${bytes} 字节）`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
