/**
 * Test harness, loaded with NODE_OPTIONS=--import: the moment Pagefind's Node wrapper
 * spawns its indexing service, SIGKILL it — what the kernel's OOM killer does to Pagefind
 * on a catalog too big for the machine's memory. Every Node process of the build loads
 * this; only the one that starts Pagefind (Astro) is affected.
 */
import { subscribe } from 'node:diagnostics_channel';

subscribe('child_process', ({ process: child }) => {
  // The spawn arguments are filled in right after the channel fires.
  setImmediate(() => {
    if (child.spawnargs.includes('--service') && /pagefind/.test(child.spawnfile ?? '')) child.kill('SIGKILL');
  });
});
