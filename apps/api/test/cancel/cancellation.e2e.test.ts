import { verifyBooks } from '@concert/db';
import { manualClock } from '@concert/domain';
import { createEventWithSeats, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { booksOf, reservationStatus } from '../support/walletBooks.js';
import { walletCalls } from '../support/walletCalls.js';
import { queueCalls } from '../support/queueCalls.js';
import { undoCalls } from '../support/undoCalls.js';

const PRICE = 10_000;
const DAY_MINUTES = 24 * 60;
// 10% + 300 of a 10,000 price.
const FEE = 1_300;

describe('a buyer cancels a paid reservation over HTTP, and the seat is sold again', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    // The show starts in 7 days; buyers may cancel until 2 days before it.
    f = await bookingFixture({}, clock, {
      seats: 3,
      price: PRICE,
      cancellation: { untilMinutesBefore: 2 * DAY_MINUTES, feePercent: 10, feeFixed: 300 },
    });
  });
  afterAll(() => f.t.destroy());

  async function buy(userId: number, seatId: number, eventId = f.event.id) {
    const money = walletCalls(f.t.app);
    expect((await money.charge(userId, { amount: 50_000 })).body).toEqual({ data: { userId, balance: 50_000 } });
    const token = (await queueCalls(f.t.app).enter(userId)).body.data?.token as string;
    const hold = await f.api.occupy(token, eventId, { seatId });
    expect(hold.status).toBe(200);
    const reserved = await f.api.reserve(token, eventId, { occupationId: hold.data?.id });
    const reservationId = reserved.data?.id as number;
    expect((await money.pay(token, { reservationId })).body).toMatchObject({ data: { reservationId } });
    return { token, reservationId, occupationId: hold.data?.id as number };
  }

  it('shows the policy, refunds the price less the fee, puts the seat back on sale, and another buyer gets it', async () => {
    const seatId = f.event.seats[0]?.id as number;
    const [buyer, nextBuyer] = [uniqueUserId(), uniqueUserId()];
    const { token, reservationId } = await buy(buyer, seatId);

    const cancelled = await undoCalls(f.t.app).cancel(token, reservationId);
    expect(cancelled).toMatchObject({
      status: 200,
      body: { data: { reservationId, status: 'CANCELLED', refunded: PRICE - FEE, fee: FEE, refund: { amount: PRICE - FEE, kind: 'CANCELLATION' } } },
    });
    const money = walletCalls(f.t.app);
    expect((await money.wallet(buyer)).body.data.balance).toBe(50_000 - PRICE + (PRICE - FEE));
    expect(await booksOf(f.t.database.db, buyer)).toMatchObject({ balance: 48_700, ledgerSum: 48_700, ledgerRows: 3 });
    expect((await money.payments(buyer)).body.list).toEqual([
      expect.objectContaining({ reservationId, amount: PRICE, refundedAmount: PRICE - FEE, status: 'PARTIALLY_REFUNDED' }),
    ]);

    const nextToken = (await queueCalls(f.t.app).enter(nextBuyer)).body.data?.token as string;
    const events = await f.api.events(nextToken, f.concertId);
    const startAt = new Date(f.event.startAt);
    expect(events.list?.[0]).toMatchObject({
      cancellation: { cancellableUntil: new Date(startAt.getTime() - 2 * DAY_MINUTES * 60_000).toISOString(), feePercent: 10, feeFixed: 300 },
    });
    expect((await f.api.seats(nextToken, f.event.id)).list?.map((seat) => seat.id)).toContain(seatId);
    const resold = await buy(nextBuyer, seatId);
    expect(resold.reservationId).not.toBe(reservationId);
    expect(await verifyBooks(f.t.database.db)).toEqual([]);
  });

  it('answers a second cancel with the reservation state, a retry under its key with the first answer, and changes nothing', async () => {
    const { token, reservationId } = await buy(uniqueUserId(), f.event.seats[1]?.id as number);
    const undo = undoCalls(f.t.app);
    const first = await undo.cancel(token, reservationId, { 'Idempotency-Key': 'cancel-1' });
    const replay = await undo.cancel(token, reservationId, { 'Idempotency-Key': 'cancel-1' });
    expect(replay).toMatchObject({ status: 200, body: first.body });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await undo.cancel(token, reservationId)).toMatchObject({
      status: 409,
      body: { error: { code: 'reservation_not_cancellable', details: { status: 'CANCELLED' } } },
    });
    expect(await verifyBooks(f.t.database.db)).toEqual([]);
  });

  it("answers someone else's reservation as missing, and a cancel after the deadline with cancellation_closed", async () => {
    const { token, reservationId } = await buy(uniqueUserId(), f.event.seats[2]?.id as number);
    const strangerToken = (await queueCalls(f.t.app).enter(uniqueUserId())).body.data?.token as string;
    const undo = undoCalls(f.t.app);
    expect(await undo.cancel(strangerToken, reservationId)).toMatchObject({ status: 404, body: { error: { code: 'reservation_not_found' } } });
    expect(await undo.cancel(token, 'abc')).toMatchObject({ status: 400 });
    expect(await undo.cancel(undefined, reservationId)).toMatchObject({ status: 401 });

    // The show starts in 7 days; this event's buyers could cancel until 8 days before it.
    const closed = await createEventWithSeats(f.t.database.db, f.concertId, {
      now: clock.now(),
      seats: 1,
      price: PRICE,
      cancellation: { untilMinutesBefore: 8 * DAY_MINUTES },
    });
    const late = await buy(uniqueUserId(), closed.seats[0]?.id as number, closed.id);
    expect(await undo.cancel(late.token, late.reservationId)).toMatchObject({ status: 409, body: { error: { code: 'cancellation_closed' } } });
    expect(await reservationStatus(f.t.database.db, late.reservationId)).toBe('CONFIRMED');
    expect(await reservationStatus(f.t.database.db, reservationId)).toBe('CONFIRMED');
    expect(await verifyBooks(f.t.database.db)).toEqual([]);
  });
});
