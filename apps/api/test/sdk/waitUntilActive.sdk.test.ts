import type { QueueStatus } from '@concert/sdk';
import { uniqueUserId } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { servedTestApp } from '../support/servedApp.js';

// One active slot: the first user fills it, the next ones wait.
const served = servedTestApp({ QUEUE_MAX_ACTIVE_USERS: '1' });
const quick = { minIntervalMs: 5, maxIntervalMs: 50 };

describe('waitUntilActive against the real waiting room', () => {
  it('reports the place while waiting and resolves once the user is admitted', async () => {
    const first = served.client();
    await first.issueQueueToken({ userId: uniqueUserId() });
    const second = served.client();
    await second.issueQueueToken({ userId: uniqueUserId() });

    const reports: QueueStatus[] = [];
    let admission: Promise<number> | undefined;
    const active = await second.waitUntilActive({
      ...quick,
      onProgress: (place) => {
        reports.push(place);
        // Once the wait is seen, the first user leaves and the admission job's tick (not run by test apps) lets the next in.
        admission ??= first.deleteQueueToken().then(() => served.t.services.queue.store.admit(new Date()));
      },
    });

    expect(await admission).toBe(1);
    expect(active).toEqual({ status: 'ACTIVE', position: 0, estimatedWaitingTime: 0, eventsOnSale: [] });
    expect(reports[0]).toMatchObject({ status: 'WAITING', position: 1 });
    expect(reports[0]?.estimatedWaitingTime).toBeGreaterThanOrEqual(0);
    expect(reports.at(-1)).toEqual(active);
    expect(await second.listConcerts()).toBeInstanceOf(Array);
  });

  it('stops when cancelled, and the user keeps the place in line', async () => {
    // The slot is taken by the user admitted above (or by this one, when run alone).
    await served.client().issueQueueToken({ userId: uniqueUserId() });
    const waiting = served.client();
    await waiting.issueQueueToken({ userId: uniqueUserId() });

    const controller = new AbortController();
    let reports = 0;
    const wait = waiting.waitUntilActive({
      ...quick,
      signal: controller.signal,
      onProgress: () => {
        reports += 1;
        if (reports === 2) controller.abort(new Error('the user closed the page'));
      },
    });
    await expect(wait).rejects.toThrow('the user closed the page');
    expect(reports).toBe(2);
    expect(await waiting.getQueueStatus()).toMatchObject({ status: 'WAITING' });
  });
});
