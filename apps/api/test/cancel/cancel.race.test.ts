import { dbRefundStore, schema, verifyBooks } from '@concert/db';
import {
  noSeatChangeFeed,
  cancelReservation,
  expireOverdue,
  holdSeats,
  manualClock,
  noSeatClaims,
  refundPayment,
  reserveHold,
  type RefundContext,
  type Reservation,
} from '@concert/domain';
import { createConcert, createEventWithSeats, uniqueUserId } from '@concert/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletServices, type WalletServices } from '../../src/wiring/wallet.js';
import { barrier } from '../support/barrier.js';
import { bookingContext, outcomes, seatBooks } from '../support/booking.js';
import { booksOf, recordingReleaser, reservationStatus } from '../support/walletBooks.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

const PRICE = 1_000;
// 10% of the price: the buyer gets 900 back.
const POLICY = { untilMinutesBefore: 60, feePercent: 10 };
const BACK = 900;

describe('cancelling and refunding under contention (real MariaDB, real races)', () => {
  let t: TestApp;
  let wallet: WalletServices;
  let concertId: number;
  const clock = manualClock(new Date());
  const refunds = (at = clock): RefundContext => ({ store: dbRefundStore(t.database), claims: noSeatClaims, feed: noSeatChangeFeed, clock: at });

  beforeAll(async () => {
    t = await createTestApp({ WALLET_CHARGE_CONCURRENCY: '100' }, clock);
    wallet = walletServices(t.deps, recordingReleaser(), noSeatChangeFeed);
    concertId = (await createConcert(t.database.db)).id;
  });
  afterAll(() => t.destroy());

  /** `count` buyers, each with a PENDING reservation of one seat of a new event and money to pay it. */
  async function pendingReservations(count: number, paymentWindowSeconds = 0) {
    const event = await createEventWithSeats(t.database.db, concertId, { now: clock.now(), seats: count, price: PRICE, cancellation: POLICY });
    const ctx = bookingContext(t.database, clock, { paymentWindowSeconds });
    const reservations: Reservation[] = await Promise.all(
      event.seats.map(async (seat) => {
        const userId = uniqueUserId();
        await wallet.charge({ userId, amount: 5_000 });
        const hold = await holdSeats({ ctx, input: { userId, concertEventId: event.id, seatIds: [seat.id] } });
        return (await reserveHold({ ctx, input: { userId, concertEventId: event.id, occupationId: hold.id } })).reservation;
      }),
    );
    return { event, reservations };
  }

  const pay = (reservation: Reservation) => wallet.pay({ userId: reservation.userId, reservationId: reservation.id, active: true });
  const cancel = (reservation: Reservation, ctx = refunds()) =>
    cancelReservation({ ctx, input: { userId: reservation.userId, reservationId: reservation.id } });

  it('a cancel racing a payment: cancelled and nothing charged, paid and kept, or paid then refunded; never charged without a seat', async () => {
    const { event, reservations } = await pendingReservations(40);
    await Promise.all(reservations.map((reservation) => Promise.allSettled([pay(reservation), cancel(reservation)])));
    for (const reservation of reservations) {
      const status = await reservationStatus(t.database.db, reservation.id);
      const books = await booksOf(t.database.db, reservation.userId);
      const [payment] = books.payments;
      expect(books.balance).toBe(books.ledgerSum);
      if (status === 'CONFIRMED') expect(books.balance).toBe(5_000 - PRICE);
      else if (payment) expect({ status, refunded: payment.refundedAmount, balance: books.balance }).toEqual({ status: 'CANCELLED', refunded: BACK, balance: 5_000 - PRICE + BACK });
      else expect({ status, balance: books.balance }).toEqual({ status: 'CANCELLED', balance: 5_000 });
    }
    const sold = (await Promise.all(reservations.map((each) => reservationStatus(t.database.db, each.id)))).filter((status) => status === 'CONFIRMED').length;
    expect(await seatBooks(t.database.db, event.id)).toMatchObject({ sold, available: 40 - sold, doubleBooked: 0, mismatched: 0 });
    expect(await verifyBooks(t.database.db)).toEqual([]);
  });

  it('a cancel racing the expiry sweeper: cancelled or expired, each seat given back once', async () => {
    const { event, reservations } = await pendingReservations(60, 60);
    const deadline = (reservations[0] as Reservation).expiresAt.getTime();
    // The cancels see the last millisecond before the deadline; the sweepers the first one after it.
    const cancelling = refunds(manualClock(new Date(deadline - 1)));
    const sweeping = bookingContext(t.database, manualClock(new Date(deadline + 1)));
    const [cancels, ...sweeps] = await Promise.all([
      outcomes(reservations.map((reservation) => cancel(reservation, cancelling))),
      expireOverdue({ ctx: sweeping, input: { batch: 1_000 } }),
      expireOverdue({ ctx: sweeping, input: { batch: 1_000 } }),
    ]);
    const expired = sweeps.reduce((sum, sweep) => sum + sweep.reservationsExpired, 0);
    expect((cancels.ok ?? 0) + expired).toBe(60);
    const statuses = await Promise.all(reservations.map((each) => reservationStatus(t.database.db, each.id)));
    expect(statuses.filter((status) => status === 'CANCELLED')).toHaveLength(cancels.ok ?? 0);
    expect(await seatBooks(t.database.db, event.id)).toMatchObject({ available: 60, reserved: 0, doubleBooked: 0, mismatched: 0 });
    expect(await verifyBooks(t.database.db)).toEqual([]);
  });

  it('20 cancels of one paid reservation refund it once', async () => {
    const { reservations } = await pendingReservations(1);
    const reservation = reservations[0] as Reservation;
    await pay(reservation);
    expect(await outcomes(Array.from({ length: 20 }, () => cancel(reservation)))).toEqual({ ok: 1, reservation_not_cancellable: 19 });
    expect(await booksOf(t.database.db, reservation.userId)).toMatchObject({ balance: 5_000 - PRICE + BACK, ledgerSum: 5_000 - PRICE + BACK, ledgerRows: 3 });
    expect(await verifyBooks(t.database.db)).toEqual([]);
  });

  it("a buyer's cancel racing an operator's full refund: the seat back once, never more refunded than paid", async () => {
    const { event, reservations } = await pendingReservations(30);
    await Promise.all(reservations.map(pay));
    const operator = (reservation: Reservation) =>
      refundPayment({ ctx: refunds(), input: { reservationId: reservation.id, reason: 'Show moved', keepSeats: false } });
    await Promise.all(reservations.map((reservation) => Promise.allSettled([cancel(reservation), operator(reservation)])));
    for (const reservation of reservations) {
      const books = await booksOf(t.database.db, reservation.userId);
      const refunded = books.payments[0]?.refundedAmount ?? 0;
      expect(await reservationStatus(t.database.db, reservation.id)).toBe('CANCELLED');
      // The buyer's 900 then the operator's last 100, or the operator's whole 1,000 first.
      expect(refunded).toBe(PRICE);
      expect(books.balance).toBe(5_000);
    }
    expect(await seatBooks(t.database.db, event.id)).toMatchObject({ available: 30, sold: 0, doubleBooked: 0, mismatched: 0 });
    expect(await verifyBooks(t.database.db)).toEqual([]);
  });

  it('racing partial refunds never add up to more than was paid', async () => {
    const { reservations } = await pendingReservations(1);
    const reservation = reservations[0] as Reservation;
    await pay(reservation);
    const partial = () =>
      refundPayment({ ctx: refunds(), input: { reservationId: reservation.id, amount: 300, reason: 'Goodwill', keepSeats: true } });
    expect(await outcomes(Array.from({ length: 10 }, partial))).toEqual({ ok: 3, refund_exceeds_payment: 7 });
    expect((await booksOf(t.database.db, reservation.userId)).payments[0]).toMatchObject({ refundedAmount: 900, status: 'PARTIALLY_REFUNDED' });
    expect(await reservationStatus(t.database.db, reservation.id)).toBe('CONFIRMED');
    expect(await verifyBooks(t.database.db)).toEqual([]);
  });

  it('control: check-then-write refunds racing give back more than was paid, and verify says so', async () => {
    const { reservations } = await pendingReservations(1);
    const reservation = reservations[0] as Reservation;
    const paid = await pay(reservation);
    // The unguarded version: read what is left, then refund it without re-checking in the write.
    const racers = 5;
    const allRead = barrier(racers);
    await Promise.all(
      Array.from({ length: racers }, () =>
        t.database.db.transaction(async (tx) => {
          const [row] = await tx.select().from(schema.payment).where(eq(schema.payment.id, paid.id));
          await allRead();
          const left = (row?.amount ?? 0) - (row?.refundedAmount ?? 0);
          await tx.update(schema.payment).set({ refundedAmount: sql`${schema.payment.refundedAmount} + ${left}` }).where(eq(schema.payment.id, paid.id));
          await tx.insert(schema.refund).values({ paymentId: paid.id, reservationId: reservation.id, userId: reservation.userId, amount: left, kind: 'OPERATOR', reason: 'control', createdAt: clock.now() });
        }),
      ),
    );
    const [payment] = await t.database.db.select().from(schema.payment).where(eq(schema.payment.id, paid.id));
    expect(payment?.refundedAmount).toBeGreaterThan(PRICE);
    expect((await verifyBooks(t.database.db)).map((violation) => violation.rule)).toEqual(
      expect.arrayContaining(['refund_without_ledger', 'refunds_exceed_payment']),
    );
  });
});
