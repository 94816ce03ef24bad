import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.js';
import { startBuiltApi, type BuiltApi } from './support/builtApi.js';

/** A ceiling for what the page shows after the API answers, not a timed assertion. */
const SHOWN = { timeout: 30_000 };

describe('the waiting room and a hold running out, in a browser', () => {
  let api: BuiltApi;
  let browser: Browser;

  beforeAll(async () => {
    // One buyer at a time past the waiting room, and holds short enough to watch one run out.
    [api, browser] = await Promise.all([startBuiltApi({ QUEUE_MAX_ACTIVE_USERS: '1', HOLD_TTL_SECONDS: '5' }), launchBrowser()]);
    const concert = await createConcert(api.database.db, { title: 'Sold Out Soon' });
    await createEventWithSeats(api.database.db, concert.id, { seats: 12, price: 25_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** Another buyer, outside the browser, who takes the one slot and gives it back. */
  async function buyerInTheSlot() {
    const answer = await fetch(`${api.url}/api/v1/queue/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: uniqueUserId() }),
    });
    const { data } = (await answer.json()) as { data: { token: string; status: string } };
    expect(data.status).toBe('ACTIVE');
    return {
      leave: async () => expect((await fetch(`${api.url}/api/v1/queue/token`, { method: 'DELETE', headers: { 'User-Token': data.token } })).status).toBe(200),
    };
  }

  it('moves a waiting buyer on by itself when a slot opens, then shows their hold running out', async () => {
    const other = await buyerInTheSlot();
    const { page, requests, offOrigin } = await openPage(browser, api.url, 'waiting-room');
    await page.goto(api.url);
    await page.getByLabel('Buyer id').fill(String(uniqueUserId()));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Get tickets for Sold Out Soon' }).click(SHOWN);

    await page.locator('#queue-position', { hasText: /^1$/ }).waitFor(SHOWN);
    await other.leave();
    await page.getByRole('button', { name: /^Choose seats for/ }).click(SHOWN);
    await page.locator('.seat-map[data-fed="true"]').waitFor(SHOWN);

    await page.locator('[data-seat="3"][data-state="free"]').click(SHOWN);
    await page.getByRole('button', { name: 'Hold these seats' }).click();
    await page.getByRole('timer').filter({ hasText: /^Held for 0:0\d$/ }).waitFor(SHOWN);
    await page.locator('[data-seat="3"][data-state="held"][data-own="true"]').waitFor();

    await page.getByRole('alert').filter({ hasText: 'Your hold ran out and its seats went back on sale.' }).waitFor(SHOWN);
    await page.getByRole('button', { name: 'Hold these seats' }).waitFor();
    // The expiry sweep puts the seat back on sale; the map shows it free again.
    await page.locator('[data-seat="3"][data-state="free"]').waitFor(SHOWN);
    expect(requests.filter((url) => url.startsWith(`${api.url}/api/v1/queue/status`))).not.toEqual([]);
    expect(offOrigin()).toEqual([]);
  });
});
