import { writeFileSync } from 'node:fs';
import { operations } from '@concert/contract';
import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.js';
import { startBuiltApi, type BuiltApi } from './support/builtApi.js';

const PRICE = 30_000;
/** A ceiling for what the page shows after the API answers (the seat map refreshes every 2 s), not a timed assertion. */
const SHOWN = { timeout: 20_000 };

describe('the storefront and /docs in a browser, against the built API', () => {
  let api: BuiltApi;
  let browser: Browser;
  let concertTitle: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startBuiltApi(), launchBrowser()]);
    const concert = await createConcert(api.database.db, { title: 'Night Lights', singer: 'The Testers' });
    concertTitle = concert.title;
    await createEventWithSeats(api.database.db, concert.id, { seats: 40, price: PRICE });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** A buyer signed in, admitted through the waiting room, looking at the event's seat map. */
  async function atSeatMap(page: Page, userId: number) {
    await page.goto(api.url);
    await page.getByLabel('Buyer id').fill(String(userId));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#wallet-balance', { hasText: /^\d/ }).waitFor(SHOWN);
    await page.getByRole('button', { name: `Get tickets for ${concertTitle}` }).click();
    await page.getByRole('button', { name: /^Choose seats for/ }).click(SHOWN);
    await page.locator('.seat-map[data-fed="true"]').waitFor(SHOWN);
  }

  /** A seat as the map shows it: `free`; this buyer's own, held or sold (`mine-…`); someone else's, held or sold. */
  const seat = (page: Page, seatNumber: number, state: 'free' | 'mine-held' | 'mine-sold' | 'held' | 'sold') => {
    const shown = {
      free: '[data-state="free"]',
      'mine-held': '[data-state="held"][data-own="true"]',
      'mine-sold': '[data-state="sold"][data-own="true"]',
      held: '[data-state="held"][data-own="false"]',
      sold: '[data-state="sold"][data-own="false"]',
    }[state];
    return page.locator(`[data-seat="${seatNumber}"]${shown}`);
  };

  it('serves /docs from the API alone, listing every operation of the contract', async () => {
    const { page, requests, offOrigin } = await openPage(browser, api.url, 'docs');
    await page.goto(`${api.url}/docs`);
    const entries = Object.entries(operations);
    await page.locator('.opblock').first().waitFor(SHOWN);
    for (const [operationId, operation] of entries) {
      await page.locator(`[id="operations-${operation.tags[0]}-${operationId}"]`).waitFor(SHOWN);
    }
    expect(entries.length).toBeGreaterThan(10);
    expect(requests).toContain(`${api.url}/openapi.json`);
    expect(offOrigin()).toEqual([]);
  });

  it('lets a buyer buy seats by clicking, while another buyer sees them held, then sold', async () => {
    const buyer = await openPage(browser, api.url, 'buyer');
    const other = await openPage(browser, api.url, 'other-buyer');
    await Promise.all([atSeatMap(buyer.page, uniqueUserId()), atSeatMap(other.page, uniqueUserId())]);
    const { page } = buyer;
    await seat(other.page, 2, 'free').waitFor();

    await seat(page, 1, 'free').click();
    await seat(page, 2, 'free').click();
    await page.getByRole('button', { name: 'Hold these seats' }).click();
    await expect(page.getByRole('timer').textContent()).resolves.toMatch(/^Held for [0-5]:\d\d$/);
    await seat(page, 2, 'mine-held').waitFor();
    // The other buyer's map follows the live seat stream: no reload, no poll.
    await seat(other.page, 2, 'held').waitFor(SHOWN);
    if (process.env.STOREFRONT_SCREENSHOT) writeFileSync(process.env.STOREFRONT_SCREENSHOT, await page.screenshot());

    await page.getByRole('button', { name: 'Reserve' }).click();
    await page.getByRole('timer').filter({ hasText: /^Pay within \d+:\d\d$/ }).waitFor(SHOWN);
    await page.getByRole('button', { name: `Pay ${(2 * PRICE).toLocaleString('en-US')}` }).click();
    // The wallet is empty: the API refuses, and the page says so in words, with the way out.
    await page.getByRole('alert').filter({ hasText: 'Your wallet balance is too low for this payment.' }).waitFor(SHOWN);
    await page.getByRole('button', { name: `Top up the missing ${(2 * PRICE).toLocaleString('en-US')}` }).click();
    await page.locator('#wallet-balance', { hasText: (2 * PRICE).toLocaleString('en-US') }).waitFor(SHOWN);
    await page.getByRole('button', { name: /^Pay / }).click();

    await page.locator('#confirmation').waitFor(SHOWN);
    await seat(page, 1, 'mine-sold').waitFor();
    await seat(page, 2, 'mine-sold').waitFor();
    await page.locator('#wallet-balance', { hasText: /^0$/ }).waitFor(SHOWN);
    await page.locator('#purchases-table tbody tr').first().waitFor(SHOWN);
    await seat(other.page, 1, 'sold').waitFor(SHOWN);
    expect(buyer.requests.filter((url) => url.startsWith(`${api.url}/api/v1/payments`))).not.toEqual([]);
    expect([...buyer.offOrigin(), ...other.offOrigin()]).toEqual([]);
  });
});
