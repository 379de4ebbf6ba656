/**
 * Debian's Chromium through playwright-core. No download, no fallback: if the browser
 * is missing the tests fail and say how to install it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
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
