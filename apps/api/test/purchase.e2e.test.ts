import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from './support/bookingFixture.js';
import { booksOf, reservationStatus } from './support/walletBooks.js';
import { walletCalls } from './support/walletCalls.js';
import { queueCalls } from './support/queueCalls.js';

const PRICE = 5_000;

/** A scrape of /metrics, as Prometheus reads it: the value of one sample line, 0 when absent. */
async function sample(f: BookingFixture, line: string): Promise<number> {
  const text = await (await f.t.app.request('/metrics')).text();
  const found = text.split('\n').find((row) => row.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

describe('the seed client\'s purchase flow, end to end over HTTP', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    f = await bookingFixture({}, clock, { seats: 10, price: PRICE });
  });
  afterAll(() => f.t.destroy());

  it('charges, queues, browses, holds, reserves and pays, and the books and the waiting room agree', async () => {
    const userId = uniqueUserId();
    const calls = walletCalls(f.t.app);
    const queue = queueCalls(f.t.app);

    expect((await calls.charge(userId, { amount: 100_000 })).body).toEqual({ data: { userId, balance: 100_000 } });

    const entered = await queue.enter(userId);
    expect(entered).toMatchObject({ status: 200, body: { data: { status: 'ACTIVE', position: 0 } } });
    const token = entered.body.data?.token as string;
    expect(await queue.status(token)).toMatchObject({ status: 200, body: { data: { status: 'ACTIVE', position: 0 } } });
    expect(await sample(f, 'queue_active_users')).toBe(1);

    const concerts = await f.api.concerts(token);
    expect(concerts.list).toContainEqual(expect.objectContaining({ id: f.concertId }));
    const events = await f.api.events(token, f.concertId);
    expect(events.list).toEqual([expect.objectContaining({ id: f.event.id })]);
    const seats = await f.api.seats(token, f.event.id);
    expect(seats.list).toHaveLength(10);
    const seat = seats.list?.[3];

    const hold = await f.api.occupy(token, f.event.id, { seatId: seat?.id });
    expect(hold).toMatchObject({ status: 200, data: { userId, status: 'ACTIVE', seats: [{ seatId: seat?.id, price: PRICE }] } });
    expect((await f.api.seats(token, f.event.id)).list?.map((free) => free.id)).not.toContain(seat?.id);

    const reserved = await f.api.reserve(token, f.event.id, { occupationId: hold.data?.id });
    expect(reserved).toMatchObject({ status: 200, data: { status: 'PENDING', totalSeats: 1, totalAmount: PRICE } });
    const reservationId = reserved.data?.id as number;

    const paid = await calls.pay(token, { reservationId });
    expect(paid).toMatchObject({ status: 200, body: { data: { reservationId, amount: PRICE, status: 'COMPLETED' } } });

    expect((await calls.wallet(userId)).body).toEqual({ data: { userId, balance: 100_000 - PRICE } });
    expect(await booksOf(f.t.database.db, userId)).toMatchObject({ balance: 95_000, ledgerSum: 95_000, ledgerRows: 2 });
    expect(await reservationStatus(f.t.database.db, reservationId)).toBe('CONFIRMED');
    expect((await calls.payments(userId)).body.list).toEqual([paid.body.data]);

    // Paying released the slot: the token left the active set (and the line), so gated calls refuse it.
    expect(await sample(f, 'queue_active_users')).toBe(0);
    expect(await f.api.seats(token, f.event.id)).toMatchObject({ status: 401, error: { code: 'token_expired' } });

    // And the dashboard's counters saw one of each.
    expect(await sample(f, 'seat_holds_total{outcome="won"}')).toBe(1);
    expect(await sample(f, 'reservations_total{outcome="reserved"}')).toBe(1);
    expect(await sample(f, 'payments_total{outcome="paid"}')).toBe(1);
  });

  it('counts a lost hold and a refused payment by outcome', async () => {
    const queue = queueCalls(f.t.app);
    const calls = walletCalls(f.t.app);
    const [winner, loser] = [uniqueUserId(), uniqueUserId()];
    const [winnerToken, loserToken] = await Promise.all(
      [winner, loser].map(async (userId) => (await queue.enter(userId)).body.data?.token as string),
    );
    const seatId = f.event.seats[0]?.id;
    const won = await f.api.occupy(winnerToken, f.event.id, { seatId });
    expect(won.status).toBe(200);
    expect(await f.api.occupy(loserToken, f.event.id, { seatId })).toMatchObject({ status: 409, error: { code: 'seat_unavailable' } });
    const reserved = await f.api.reserve(winnerToken, f.event.id, { occupationId: won.data?.id });
    expect(await calls.pay(winnerToken, { reservationId: reserved.data?.id })).toMatchObject({
      status: 409,
      body: { error: { code: 'insufficient_balance' } },
    });

    expect(await sample(f, 'seat_holds_total{outcome="lost"}')).toBe(1);
    expect(await sample(f, 'payments_total{outcome="insufficient_balance"}')).toBe(1);
  });
});
