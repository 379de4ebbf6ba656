/**
 * Debian's Chromium through playwright-core. No download, no fallback: if the browser
 * is missing the tests fail and say how to install it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { readEnv } from '../../src/build/env.ts';

/** The browser the tests drive: `SIKU_CHROMIUM`, else Debian's. */
export const CHROMIUM = readEnv('SIKU_CHROMIUM') ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `找不到 Chromium（${CHROMIUM}）。请运行 bash scripts/setup-browser.sh（apt-get install chromium fonts-noto-cjk）后重试。`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Tracks the requests a page makes; call before navigating. The returned function resolves
 * once none is in flight and the page, given a turn of its own tasks, starts no new one
 * (a page requests what its scripts need as they run, and Chromium reports a request
 * before the page's next task). Unlike Playwright's `networkidle` it does not sit out a
 * fixed 500 ms window; a request that never ends fails the wait, naming it.
 */
export function watchRequests(page: Page, { timeout = 15_000 } = {}): () => Promise<void> {
  const pending = new Set<Request>();
  let started = 0;
  const waiters: (() => void)[] = [];
  page.on('request', (request) => {
    pending.add(request);
    started++;
  });
  const end = (request: Request) => {
    pending.delete(request);
    if (pending.size === 0) for (const resolve of waiters.splice(0)) resolve();
  };
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  const none = () => (pending.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)));
  return async () => {
    const deadline = Date.now() + timeout;
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${timeout} ms 后仍有请求未完成：${[...pending].map((r) => r.url()).join('，')}`)),
          Math.max(0, deadline - Date.now()),
        );
      });
      try {
        await Promise.race([none(), late]);
      } finally {
        clearTimeout(timer);
      }
      const seen = started;
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      if (pending.size === 0 && started === seen) return;
    }
  };
}

/**
 * Waits until a loaded page has done what it does by itself: the search page has finished
 * its search (`data-search-state` done or error), the plan page has drawn the plan
 * (`data-plan-ready`), and no request is in flight (`quiet` from watchRequests).
 */
export async function pageSettled(page: Page, quiet: () => Promise<void>): Promise<void> {
  await page.waitForFunction(() => {
    const search = document.querySelector('[data-search-app] [data-search-results]');
    if (search && !/^(done|error)$/.test(search.getAttribute('data-search-state') ?? '')) return false;
    const plan = document.querySelector('[data-plan-app]');
    return !plan || plan.hasAttribute('data-plan-ready');
  });
  await quiet();
}
