import { verifyBooks } from '@concert/db';
import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { booksOf } from '../support/walletBooks.js';
import { queueCalls } from '../support/queueCalls.js';
import { undoCalls } from '../support/undoCalls.js';

describe('undoing before payment: releasing a hold, cancelling an unpaid reservation', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    // Seat claims on for 10 s: a seat given back must not stay claimed by the one who gave it back.
    f = await bookingFixture({ HOLD_SEAT_CLAIM_MS: '10000' }, clock, { seats: 4 });
  });
  afterAll(() => f.t.destroy());

  const tokenOf = async (userId: number) => (await queueCalls(f.t.app).enter(userId)).body.data?.token as string;

  it('puts a released hold\'s seat on sale at once: another buyer holds it within the claim\'s life', async () => {
    const seatId = f.event.seats[0]?.id as number;
    const [buyer, other] = await Promise.all([tokenOf(uniqueUserId()), tokenOf(uniqueUserId())]);
    const hold = await f.api.occupy(buyer, f.event.id, { seatId });
    expect(await f.api.occupy(other, f.event.id, { seatId })).toMatchObject({ status: 409, error: { code: 'seat_unavailable' } });

    expect(await undoCalls(f.t.app).release(other, hold.data?.id as number)).toMatchObject({
      status: 404,
      body: { error: { code: 'occupation_not_found' } },
    });
    expect(await undoCalls(f.t.app).release(buyer, hold.data?.id as number)).toMatchObject({
      status: 200,
      body: { data: { id: hold.data?.id, status: 'EXPIRED' } },
    });
    expect(await undoCalls(f.t.app).release(buyer, hold.data?.id as number)).toMatchObject({
      status: 409,
      body: { error: { code: 'occupation_not_active', details: { status: 'EXPIRED' } } },
    });
    expect((await f.api.seats(other, f.event.id)).list?.map((seat) => seat.id)).toContain(seatId);
    expect(await f.api.occupy(other, f.event.id, { seatId })).toMatchObject({ status: 200 });
    expect(await f.api.reserve(buyer, f.event.id, { occupationId: hold.data?.id })).toMatchObject({ status: 409 });
    expect(await verifyBooks(f.t.database.db)).toEqual([]);
  });

  it('cancels an unpaid reservation without charging: the seat is on sale again and its hold cannot be reserved again', async () => {
    const seatId = f.event.seats[1]?.id as number;
    const userId = uniqueUserId();
    const token = await tokenOf(userId);
    const hold = await f.api.occupy(token, f.event.id, { seatId });
    const reserved = await f.api.reserve(token, f.event.id, { occupationId: hold.data?.id });
    const reservationId = reserved.data?.id as number;

    expect(await undoCalls(f.t.app).cancel(token, reservationId)).toMatchObject({
      status: 200,
      body: { data: { reservationId, status: 'CANCELLED', refunded: 0, fee: 0 } },
    });
    expect((await f.api.seats(token, f.event.id)).list?.map((seat) => seat.id)).toContain(seatId);
    expect(await f.api.reserve(token, f.event.id, { occupationId: hold.data?.id })).toMatchObject({
      status: 409,
      error: { code: 'occupation_not_active', details: { status: 'CANCELLED' } },
    });
    expect(await booksOf(f.t.database.db, userId)).toMatchObject({ ledgerRows: 0, payments: [] });
    const other = await tokenOf(uniqueUserId());
    expect(await f.api.occupy(other, f.event.id, { seatId })).toMatchObject({ status: 200 });
    expect(await verifyBooks(f.t.database.db)).toEqual([]);
  });
});
