import { createWalletStore, dbBookingContext } from '@concert/db';
import { chargeWallet, holdSeats, noSeatChangeFeed, payReservation, reserveHold, systemClock } from '@concert/domain';
import { createConcert, createEventWithSeats, createTestDatabase, uniqueUserId, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

const RULES = { holdTtlSeconds: 300, maxSeatsPerUser: 4, paymentWindowSeconds: 0, seatClaimMs: 0 };

describe('concertctl refund', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(2);
  });
  afterAll(() => database.destroy());
  const cli = (args: string[]) => runCli(args, { DATABASE_URL: database.url });

  /** A buyer who paid 1,000 for one seat, through the same use cases as the API. */
  async function paidReservation() {
    const event = await createEventWithSeats(database.db, (await createConcert(database.db)).id, { seats: 1, price: 1_000 });
    const userId = uniqueUserId();
    const store = createWalletStore(database);
    await chargeWallet({ ctx: { store, limits: { maxChargeAmount: 10_000, maxBalance: 10_000 } }, input: { userId, amount: 1_000 } });
    const ctx = dbBookingContext(database, systemClock, RULES);
    const hold = await holdSeats({ ctx, input: { userId, concertEventId: event.id, seatIds: [event.seats[0]?.id ?? 0] } });
    const { reservation } = await reserveHold({ ctx, input: { userId, concertEventId: event.id, occupationId: hold.id } });
    const log = { warn: () => undefined };
    const releaser = { release: async () => undefined };
    await payReservation({ ctx: { store, clock: systemClock, releaser, feed: noSeatChangeFeed, log }, input: { userId, reservationId: reservation.id, active: true } });
    return { userId, reservationId: reservation.id, seatId: event.seats[0]?.id ?? 0 };
  }

  const seatAvailable = async (seatId: number) => {
    const [rows] = (await database.pool.query('SELECT is_available FROM seat WHERE id = ?', [seatId])) as unknown as [Array<{ is_available: number }>];
    return rows[0]?.is_available === 1;
  };

  it('refunds part keeping the seat, refuses more than is left, refunds the rest cancelling, and verify stays green', async () => {
    const { userId, reservationId, seatId } = await paidReservation();
    const id = String(reservationId);

    const refused = await cli(['refund', id, '--amount', '300', '--reason', 'Goodwill']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');

    const partial = await cli(['refund', id, '--amount', '300', '--reason', 'Goodwill', '--keep-seats', '--yes']);
    expect(partial).toMatchObject({ code: 0 });
    expect(partial.stdout).toContain(`Refunded 300 to user ${userId}`);
    expect(await seatAvailable(seatId)).toBe(false);
    expect((await cli(['verify'])).code).toBe(0);

    const tooMuch = await cli(['refund', id, '--amount', '800', '--reason', 'Too much', '--yes']);
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.stderr).toContain('700 left to refund');

    const rest = await cli(['refund', id, '--reason', 'Show moved', '--yes']);
    expect(rest.stdout).toContain(`Refunded 700 to user ${userId}`);
    expect(rest.stdout).toContain('cancelled');
    expect(await seatAvailable(seatId)).toBe(true);

    const shown = JSON.parse((await cli(['reservations', 'show', id, '--json'])).stdout);
    expect(shown).toMatchObject({
      status: 'CANCELLED',
      refunds: [
        { amount: 300, kind: 'OPERATOR', reason: 'Goodwill' },
        { amount: 700, kind: 'OPERATOR', reason: 'Show moved' },
      ],
    });
    const payments = JSON.parse((await cli(['payments', 'list', '--user', String(userId), '--json'])).stdout);
    expect(payments).toEqual([expect.objectContaining({ amount: 1_000, refundedAmount: 1_000, status: 'REFUNDED' })]);
    const wallet = JSON.parse((await cli(['wallet', 'show', String(userId), '--json'])).stdout);
    expect(wallet).toEqual({ userId, balance: 1_000 });
    expect((await cli(['verify'])).code).toBe(0);
  });

  it('goes red on a refund without its ledger credit', async () => {
    const { reservationId } = await paidReservation();
    expect((await cli(['refund', String(reservationId), '--amount', '100', '--reason', 'Goodwill', '--keep-seats', '--yes'])).code).toBe(0);
    await database.pool.query("DELETE FROM wallet_ledger WHERE reason = 'REFUND' AND refund_id = (SELECT MAX(id) FROM refund)");
    const verify = await cli(['verify', '--json']);
    expect(verify.code).toBe(2);
    expect(JSON.parse(verify.stdout).violations.map((violation: { rule: string }) => violation.rule)).toEqual(
      expect.arrayContaining(['refund_without_ledger', 'wallet_not_ledger']),
    );
  });
});
