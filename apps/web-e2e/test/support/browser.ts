import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

/** Debian's chromium (scripts/services-up.sh installs it): never a browser download. */
const CHROMIUM = '/usr/bin/chromium';
const screenshots = new URL('../../test-output/', import.meta.url);

/**
 * Headless chromium, with nothing of its own reaching the network (no updates, sync or QUIC probes).
 * Playwright gives each launch a fresh temporary --user-data-dir: no profile outlives the test.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: npm run up installs it (as root), or apt-get install chromium.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Those that went anywhere but the API under test (data: URLs stay in the page). */
  offOrigin(): string[];
}

/**
 * A page in a context of its own (its own storage: another buyer) that records every request it
 * makes, and leaves a screenshot in test-output/ when the test fails.
 */
export async function openPage(browser: Browser, origin: string, name: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  onTestFailed(async () => {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true }).catch(() => undefined);
  });
  const offOrigin = () => requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
  return { page, context, requests, offOrigin };
}
