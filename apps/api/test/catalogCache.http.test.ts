import { gunzipSync } from 'node:zlib';
import { manualClock } from '@concert/domain';
import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheOutcomes } from './support/catalogCacheProbe.js';
import { activeToken } from './support/queue.js';
import { createTestApp, type TestApp } from './support/testApp.js';


describe('cached catalog routes', () => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    // The token and the user's slot must outlive the days the clock is moved forward by.
    const threeDays = String(3 * 24 * 3_600);
    t = await createTestApp({ QUEUE_TOKEN_LIFETIME_SECONDS: threeDays, QUEUE_IDLE_TIMEOUT_SECONDS: threeDays }, clock);
    token = await activeToken(t.app, uniqueUserId());
  });
  afterAll(() => t.destroy());

  const availableEventIds = async (concertId: number) => {
    const response = await t.app.request(`/api/v1/concerts/${concertId}/available-events`, { headers: { 'User-Token': token } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { list: Array<{ id: number }> }).list.map((event) => event.id);
  };

  it('shows a date whose window opens while the answer is cached, with no invalidation', async () => {
    const concertId = (await createConcert(t.database.db)).id;
    const open = await createEventWithSeats(t.database.db, concertId, { now: clock.now(), seats: 0 });
    const later = await createEventWithSeats(t.database.db, concertId, { now: clock.now(), seats: 0, window: 'not_yet_open' });
    expect(await availableEventIds(concertId)).toEqual([open.id]);
    clock.advance(1_000);
    // Now served from Redis (the memory copy is a second old), still the right answer.
    expect(await availableEventIds(concertId)).toEqual([open.id]);
    clock.set(new Date(later.reservationStartAt.getTime() + 1));
    expect(await availableEventIds(concertId)).toEqual([open.id, later.id]);
    // The second answer came from Redis: the cache was in use, and still answered right.
    expect(await cacheOutcomes(t.deps)).toMatchObject({ redis_hit: 1 });
    // And both disappear when their windows close (the factory closes both at the same instant).
    clock.set(open.reservationEndAt);
    expect(await availableEventIds(concertId)).toEqual([]);
  });

  it('answers 404 for an unknown concert, and keeps nothing for it', async () => {
    const response = await t.app.request('/api/v1/concerts/999999/available-events', { headers: { 'User-Token': token } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('concert_not_found');
    const concertId = (await createConcert(t.database.db)).id;
    expect(await availableEventIds(concertId)).toEqual([]);
  });

  it('answers 304 to a client that has the current ETag, and gzip to one that asks', async () => {
    for (let index = 0; index < 30; index += 1) await createConcert(t.database.db, { title: `Concert ${index}` });
    const plain = await t.app.request('/api/v1/concerts');
    const etag = plain.headers.get('etag');
    const body = await plain.text();
    expect(plain.headers.get('content-type')).toContain('application/json');
    expect(body.length).toBeGreaterThan(1_024);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const revalidated = await t.app.request('/api/v1/concerts', { headers: { 'If-None-Match': etag ?? '' } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');

    const compressed = await t.app.request('/api/v1/concerts', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await compressed.arrayBuffer())).toString()).toBe(body);

    // The gated route too: its ETag comes with the token check passed.
    const path = `/api/v1/concerts/${(await createConcert(t.database.db)).id}/available-events`;
    const events = await t.app.request(path, { headers: { 'User-Token': token } });
    const eventsTag = events.headers.get('etag') ?? '';
    const again = await t.app.request(path, { headers: { 'User-Token': token, 'If-None-Match': eventsTag } });
    expect(again.status).toBe(304);
    const noToken = await t.app.request(path, { headers: { 'If-None-Match': eventsTag } });
    expect(noToken.status).toBe(401);
  });
});
