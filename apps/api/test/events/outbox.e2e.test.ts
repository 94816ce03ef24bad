import { manualClock } from '@concert/domain';
import { createEventWithSeats, uniqueUserId } from '@concert/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { outboxEvents, typesAndData } from '../support/outboxRows.js';
import { queueCalls } from '../support/queueCalls.js';
import { undoCalls } from '../support/undoCalls.js';
import { walletCalls } from '../support/walletCalls.js';

const PRICE = 10_000;
const DAY_MINUTES = 24 * 60;

describe('the outbox: every state change writes its events in its own transaction', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    // Two seats, so that the second purchase sells the event out; cancellable, free of fees.
    f = await bookingFixture({}, clock, { seats: 2, price: PRICE, cancellation: { untilMinutesBefore: DAY_MINUTES, feePercent: 0, feeFixed: 0 } });
  });
  afterAll(() => f.t.destroy());
  beforeEach(async () => {
    await f.t.database.db.execute(sql`DELETE FROM outbox_event`);
  });

  async function buy(userId: number, seatId: number) {
    const money = walletCalls(f.t.app);
    await money.charge(userId, { amount: 50_000 });
    const token = (await queueCalls(f.t.app).enter(userId)).body.data?.token as string;
    const hold = await f.api.occupy(token, f.event.id, { seatId });
    const reserved = await f.api.reserve(token, f.event.id, { occupationId: hold.data?.id });
    const paid = await money.pay(token, { reservationId: reserved.data?.id });
    expect(paid.status).toBe(200);
    return { token, holdId: hold.data?.id as number, reservationId: reserved.data?.id as number, paymentId: paid.body.data.id as number };
  }

  it('a purchase writes charged, placed, created, completed in order; the last seat sold adds sold out; a cancel puts it back on sale', async () => {
    const [first, second] = [uniqueUserId(), uniqueUserId()];
    const [seatA, seatB] = f.event.seats.map((seat) => seat.id) as [number, number];
    const eventId = f.event.id;
    const a = await buy(first, seatA);
    const b = await buy(second, seatB);
    const purchase = (userId: number, seatId: number, p: typeof a) => [
      { type: 'wallet.charged', data: { userId, amount: 50_000, balance: 50_000 } },
      { type: 'hold.placed', data: { holdId: p.holdId, concertEventId: eventId, userId, seatIds: [seatId], expiresAt: expect.any(String) } },
      {
        type: 'reservation.created',
        data: { reservationId: p.reservationId, holdId: p.holdId, concertEventId: eventId, userId, totalSeats: 1, totalAmount: PRICE, expiresAt: expect.any(String) },
      },
      { type: 'payment.completed', data: { paymentId: p.paymentId, reservationId: p.reservationId, userId, amount: PRICE } },
    ];
    const afterSales = await outboxEvents(f.t.database.db);
    expect(typesAndData(afterSales)).toEqual([
      ...purchase(first, seatA, a),
      ...purchase(second, seatB, b),
      { type: 'concert_event.sold_out', data: { concertEventId: eventId } },
    ]);
    // Ids are unique ULIDs that sort in the order the events were written.
    const ids = afterSales.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);

    expect((await undoCalls(f.t.app).cancel(b.token, b.reservationId)).status).toBe(200);
    expect(typesAndData((await outboxEvents(f.t.database.db)).slice(afterSales.length))).toEqual([
      { type: 'reservation.cancelled', data: { reservationId: b.reservationId, concertEventId: eventId, userId: second } },
      {
        type: 'refund.completed',
        data: { refundId: expect.any(Number), paymentId: b.paymentId, reservationId: b.reservationId, userId: second, amount: PRICE, kind: 'CANCELLATION' },
      },
      { type: 'concert_event.back_on_sale', data: { concertEventId: eventId } },
    ]);
  });

  it('a change that rolls back leaves no event: a lost hold, a payment the wallet cannot cover', async () => {
    const seatId = f.event.seats[1]?.id as number;
    const [holder, loser] = [uniqueUserId(), uniqueUserId()];
    const [holderToken, loserToken] = await Promise.all([holder, loser].map(async (userId) => (await queueCalls(f.t.app).enter(userId)).body.data?.token as string));
    const hold = await f.api.occupy(holderToken, f.event.id, { seatId });
    expect(hold.status).toBe(200);
    // The loser's hold claimed nothing, and its transaction (hold row included) rolled back.
    expect((await f.api.occupy(loserToken, f.event.id, { seatId })).status).toBe(409);
    const reserved = await f.api.reserve(holderToken, f.event.id, { occupationId: hold.data?.id });
    // No wallet: the payment's confirm rolls back with the refused debit.
    expect((await walletCalls(f.t.app).pay(holderToken, { reservationId: reserved.data?.id })).status).toBe(409);
    expect((await outboxEvents(f.t.database.db)).map((event) => event.type)).toEqual(['hold.placed', 'reservation.created']);
  });

  it('of payments racing for an event\'s last seats, exactly one reports it sold out', async () => {
    const events = await Promise.all(
      Array.from({ length: 6 }, () => createEventWithSeats(f.t.database.db, f.concertId, { now: clock.now(), seats: 2, price: PRICE })),
    );
    const payments: Array<() => Promise<unknown>> = [];
    for (const event of events) {
      for (const seat of event.seats) {
        const userId = uniqueUserId();
        await walletCalls(f.t.app).charge(userId, { amount: PRICE });
        const token = (await queueCalls(f.t.app).enter(userId)).body.data?.token as string;
        const hold = await f.api.occupy(token, event.id, { seatId: seat.id });
        const reserved = await f.api.reserve(token, event.id, { occupationId: hold.data?.id });
        payments.push(() => walletCalls(f.t.app).pay(token, { reservationId: reserved.data?.id }));
      }
    }
    await Promise.all(payments.map((pay) => pay()));
    const soldOut = (await outboxEvents(f.t.database.db)).filter((event) => event.type === 'concert_event.sold_out');
    expect(soldOut.map((event) => event.aggregateId).sort((a, b) => a - b)).toEqual(events.map((event) => event.id).sort((a, b) => a - b));
  });

  it('a hold released by its buyer, and one that expires, each say so once', async () => {
    const user = uniqueUserId();
    const token = (await queueCalls(f.t.app).enter(user)).body.data?.token as string;
    const event = await createEventWithSeats(f.t.database.db, f.concertId, { now: clock.now(), seats: 1, price: PRICE });
    const seatId = event.seats[0]?.id as number;
    const released = await f.api.occupy(token, event.id, { seatId });
    expect((await undoCalls(f.t.app).release(token, released.data?.id as number)).status).toBe(200);
    const expiring = await f.api.occupy(token, event.id, { seatId });
    clock.advance(10 * 60 * 1_000);
    await f.t.services.booking.expiry.expireHold(expiring.data?.id as number, clock.now());
    await f.t.services.booking.expiry.expireHold(expiring.data?.id as number, clock.now());
    const held = { concertEventId: event.id, userId: user };
    expect(typesAndData(await outboxEvents(f.t.database.db))).toEqual([
      { type: 'hold.placed', data: expect.objectContaining({ holdId: released.data?.id }) },
      { type: 'hold.released', data: { holdId: released.data?.id, ...held } },
      { type: 'hold.placed', data: expect.objectContaining({ holdId: expiring.data?.id }) },
      { type: 'hold.expired', data: { holdId: expiring.data?.id, ...held } },
    ]);
  });
});
