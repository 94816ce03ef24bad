import { manualClock } from '@concert/domain';
import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingCalls } from './support/bookingCalls.js';
import { activeToken } from './support/queue.js';
import { bookingFixture, type BookingFixture } from './support/bookingFixture.js';
import { queueCalls } from './support/queueCalls.js';
import { createTestApp } from './support/testApp.js';

describe('catalog, hold and reserve: who may do what', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    // Two active users at most: the third one waits.
    f = await bookingFixture({ QUEUE_MAX_ACTIVE_USERS: '2' }, clock, { seats: 4 });
  });
  afterAll(() => f.t.destroy());

  it('turns away gated calls without a token (401) or with a waiting one (403)', async () => {
    const seatId = f.event.seats[0]?.id;
    const gated = (token?: string) => [
      f.api.events(token, f.concertId),
      f.api.seats(token, f.event.id),
      f.api.occupy(token, f.event.id, { seatId }),
      f.api.reserve(token, f.event.id, { occupationId: 1 }),
    ];
    for (const answer of await Promise.all(gated())) {
      expect(answer).toMatchObject({ status: 401, error: { code: 'token_missing' } });
    }
    await activeToken(f.t.app, uniqueUserId());
    await activeToken(f.t.app, uniqueUserId());
    const waiting = await queueCalls(f.t.app).enter(uniqueUserId());
    expect(waiting.body.data?.status).not.toBe('ACTIVE');
    for (const answer of await Promise.all(gated(waiting.body.data?.token))) {
      expect(answer).toMatchObject({ status: 403, error: { code: 'token_not_active' } });
    }
    expect((await f.api.seats(undefined, f.event.id)).status).toBe(401);
  });

  it("acts for the token's user, never a user named in the body, and hides others' holds", async () => {
    const other = await createTestApp({ QUEUE_MAX_ACTIVE_USERS: '10' }, clock);
    try {
      const otherApi = bookingCalls(other.app);
      const otherConcertId = (await createConcert(other.database.db)).id;
      const otherEvent = await createEventWithSeats(other.database.db, otherConcertId, { now: clock.now(), seats: 2 });
      const anotherEvent = await createEventWithSeats(other.database.db, otherConcertId, { now: clock.now(), seats: 1 });
      const alice = uniqueUserId();
      const aliceToken = await activeToken(other.app, alice);
      const bobToken = await activeToken(other.app, uniqueUserId());
      // A user named in the body is refused outright (an unknown field), so nothing is held for anyone.
      const named = await otherApi.occupy(aliceToken, otherEvent.id, { seatId: otherEvent.seats[0]?.id, userId: 1 });
      expect(named).toMatchObject({ status: 400, error: { code: 'invalid_request', details: [{ field: 'userId' }] } });
      const held = await otherApi.occupy(aliceToken, otherEvent.id, { seatId: otherEvent.seats[0]?.id });
      expect(held.data?.userId).toBe(alice);
      // Bob cannot reserve Alice's hold: it answers as if it did not exist.
      expect(await otherApi.reserve(bobToken, otherEvent.id, { occupationId: held.data?.id })).toMatchObject({
        status: 404,
        error: { code: 'occupation_not_found' },
      });
      // Nor through another event's path.
      expect(await otherApi.reserve(aliceToken, anotherEvent.id, { occupationId: held.data?.id })).toMatchObject({
        status: 404,
      });
      expect((await otherApi.reserve(aliceToken, otherEvent.id, { occupationId: held.data?.id })).status).toBe(200);
    } finally {
      await other.destroy();
    }
  });

  it('gates the concert list only when configured to', async () => {
    const gatedList = await createTestApp({ QUEUE_GATE_CONCERT_LIST: 'true' }, clock);
    try {
      const gatedApi = bookingCalls(gatedList.app);
      expect(await gatedApi.concerts()).toMatchObject({ status: 401, error: { code: 'token_missing' } });
      expect((await gatedApi.concerts(await activeToken(gatedList.app, uniqueUserId()))).status).toBe(200);
    } finally {
      await gatedList.destroy();
    }
  });
});
