import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { activeToken } from '../support/queue.js';
import { queueCalls } from '../support/queueCalls.js';

const SECOND = 1_000;

/**
 * Two slots, three buyers: one holds a seat, one only looks and then walks away without leaving (as
 * the seed's client does), one waits. Whether the waiter gets in depends on the idle timeout alone.
 */
async function twoSlotsThreeBuyers(idleTimeoutSeconds: number) {
  const clock = manualClock();
  const fixture = await bookingFixture(
    {
      QUEUE_MAX_ACTIVE_USERS: '2',
      QUEUE_IDLE_TIMEOUT_SECONDS: String(idleTimeoutSeconds),
      QUEUE_WAITING_POLL_TIMEOUT_SECONDS: '3600',
      HOLD_TTL_SECONDS: '300',
      HOLD_SEAT_CLAIM_MS: '0',
    },
    clock,
    { seats: 5 },
  );
  const { t, api, event } = fixture;
  const holder = await activeToken(t.app, uniqueUserId());
  const looker = await activeToken(t.app, uniqueUserId());
  const entered = await queueCalls(t.app).enter(uniqueUserId());
  expect(entered.body.data).toMatchObject({ status: 'WAITING', position: 1 });
  const hold = await api.occupy(holder, event.id, { seatId: event.seats[0]?.id });
  expect(hold.status).toBe(200);
  expect((await api.seats(looker, event.id)).status).toBe(200);
  return { ...fixture, clock, holder, looker, holdId: hold.data?.id, waiter: entered.body.data?.token ?? '' };
}

describe('a line that never stalls: idle slots end unless something is held', () => {
  let fixture: (BookingFixture & Awaited<ReturnType<typeof twoSlotsThreeBuyers>>) | undefined;
  afterEach(async () => {
    await fixture?.t.destroy();
    fixture = undefined;
  });

  it('gives the slot of a buyer idle past the timeout with nothing held to the next in line', async () => {
    fixture = await twoSlotsThreeBuyers(60);
    const { t, api, event, clock } = fixture;
    clock.advance(61 * SECOND);
    expect(await t.services.queue.store.admit(clock.now())).toBe(1);
    expect((await queueCalls(t.app).status(fixture.waiter)).body.data).toMatchObject({ status: 'ACTIVE', position: 0 });
    const looker = await api.seats(fixture.looker, event.id);
    expect([looker.status, looker.error?.code]).toEqual([401, 'token_expired']);
  });

  it('keeps the slot of a buyer whose hold, then unpaid reservation, lasts, and ends it when they lapse', async () => {
    fixture = await twoSlotsThreeBuyers(60);
    const { t, api, event, clock } = fixture;
    clock.advance(200 * SECOND);
    expect((await api.seats(fixture.holder, event.id)).status).toBe(200);
    const reserved = await api.reserve(fixture.holder, event.id, { occupationId: fixture.holdId });
    expect(reserved.status).toBe(200);
    // The reservation is payable until the hold would have expired (300 s): the slot lasts as long,
    // though its buyer makes no gated call for 100 s (a status poll does not count as one).
    const holder = fixture.holder;
    const status = () => queueCalls(t.app).status(holder);
    clock.advance(99 * SECOND);
    expect((await status()).body.data).toMatchObject({ status: 'ACTIVE' });
    clock.advance(2 * SECOND);
    const lapsed = await status();
    expect([lapsed.status, lapsed.body.error?.code]).toEqual([401, 'token_expired']);
  });

  it('control: with a long idle timeout the walked-away buyer keeps the slot and the line stalls', async () => {
    fixture = await twoSlotsThreeBuyers(600);
    const { t, api, event, clock } = fixture;
    clock.advance(61 * SECOND);
    expect(await t.services.queue.store.admit(clock.now())).toBe(0);
    expect((await queueCalls(t.app).status(fixture.waiter)).body.data).toMatchObject({ status: 'WAITING', position: 1 });
    expect((await api.seats(fixture.looker, event.id)).status).toBe(200);
  });
});
