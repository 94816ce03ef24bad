import { describe, expect, it } from 'vitest';
import { createConcertClient } from '../src/client.js';
import { nextPollDelay, type QueueStatus } from '../src/waitUntilActive.js';
import { json, scriptedServer } from './support/scriptedServer.js';

const waiting = (position: number, estimatedWaitingTime: number): QueueStatus => ({
  status: 'WAITING',
  position,
  estimatedWaitingTime,
  eventsOnSale: [7],
});
const active: QueueStatus = { status: 'ACTIVE', position: 0, estimatedWaitingTime: 0, eventsOnSale: [7] };

describe('nextPollDelay', () => {
  const intervals = { minIntervalMs: 1_000, maxIntervalMs: 10_000 };
  const middle = () => 0.5;

  it('backs off exponentially from the shortest pause up to the longest', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((polls) => nextPollDelay(waiting(500, 600), polls, intervals, middle));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('never sleeps past the estimated admission, nor under the shortest pause', () => {
    expect(nextPollDelay(waiting(3, 3), 5, intervals, middle)).toBe(3_000);
    expect(nextPollDelay(waiting(1, 0), 0, intervals, middle)).toBe(1_000);
    expect(nextPollDelay(waiting(1, 0), 2, intervals, middle)).toBe(4_000);
  });

  it('spreads the pauses of users who joined together by ±20% within the bounds', () => {
    expect(nextPollDelay(waiting(9, 60), 2, intervals, () => 0)).toBe(3_200);
    expect(nextPollDelay(waiting(9, 60), 2, intervals, () => 1)).toBe(4_800);
    expect(nextPollDelay(waiting(9, 60), 9, intervals, () => 1)).toBe(10_000);
  });
});

describe('waitUntilActive', () => {
  const server = scriptedServer();
  const client = () => createConcertClient({ baseUrl: server.baseUrl, userToken: 'tok', retry: { baseDelayMs: 1, maxDelayMs: 2 } });
  const quick = { minIntervalMs: 1, maxIntervalMs: 5 };

  it('polls the status with the token, reports each answer, and resolves once ACTIVE', async () => {
    server.script = [json(200, { data: waiting(3, 2) }), json(200, { data: waiting(1, 1) }), json(200, { data: active })];
    const reports: QueueStatus[] = [];
    const result = await client().waitUntilActive({ ...quick, onProgress: (place) => reports.push(place) });
    expect(result).toEqual(active);
    expect(reports.map((place) => [place.position, place.estimatedWaitingTime])).toEqual([
      [3, 2],
      [1, 1],
      [0, 0],
    ]);
    expect(server.seen.map((request) => [request.url, request.headers['user-token']])).toEqual(
      Array(3).fill(['/api/v1/queue/status', 'tok']),
    );
  });

  it('stops polling when cancelled, rejecting with the reason', async () => {
    server.script = Array.from({ length: 10 }, () => json(200, { data: waiting(5, 30) }));
    const controller = new AbortController();
    let reports = 0;
    const wait = client().waitUntilActive({
      ...quick,
      signal: controller.signal,
      onProgress: () => {
        reports += 1;
        if (reports === 2) controller.abort(new Error('left the page'));
      },
    });
    await expect(wait).rejects.toThrow('left the page');
    expect(server.seen).toHaveLength(2);
  });

  it('gives up on an API error: a dropped place is not waited for', async () => {
    server.script = [json(401, { error: { code: 'token_expired', message: 'Dropped.' } })];
    await expect(client().waitUntilActive(quick)).rejects.toMatchObject({ status: 401, code: 'token_expired' });
  });
});
