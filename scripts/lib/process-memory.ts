/**
 * Peak memory of a process and everything it starts (Astro, the checker, Pagefind),
 * summed over the whole tree at each sample: `/usr/bin/time` reports only the largest
 * single process, and a build's processes overlap. Linux only (reads /proc).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every live process. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command name, which may itself hold spaces or parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of `root` and all its descendants now, in bytes. */
export function treeRss(root: number): number {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssBytes(pid);
    stack.push(...(byParent.get(pid) ?? []));
  }
  return total;
}

/** Samples `treeRss(root)` every `everyMs` until stopped; `stop()` returns the peak in bytes. */
export function watchPeak(root: number, everyMs = 500): { stop: () => number } {
  let peak = treeRss(root);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(root));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
