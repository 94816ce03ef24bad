import { schema } from '@concert/db';
import { noSeatChangeFeed, isDomainError, manualClock, type DomainError } from '@concert/domain';
import { createPendingReservation, uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletServices, type WalletServices } from '../../src/wiring/wallet.js';
import { booksOf, recordingReleaser, reservationStatus } from '../support/walletBooks.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

const MINUTE_MS = 60_000;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isDomainError(error)) throw new Error(`expected a domain error, got ${String(error)}`);
  return error;
}

describe('paying a reservation', () => {
  let t: TestApp;
  let services: WalletServices;
  const clock = manualClock(new Date());
  const releaser = recordingReleaser();
  beforeAll(async () => {
    t = await createTestApp({}, clock);
    services = walletServices(t.deps, releaser, noSeatChangeFeed);
  });
  afterAll(() => t.destroy());

  const pendingFor = (userId: number, totalAmount = 750) =>
    createPendingReservation(t.database.db, {
      userId,
      totalAmount,
      expiresAt: new Date(clock.now().getTime() + 5 * MINUTE_MS),
    });

  it('debits the wallet, confirms the reservation, records payment and ledger, and frees the active slot', async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 1_000 });
    const reservation = await pendingFor(userId);
    const payment = await services.pay({ userId, reservationId: reservation.id, active: true });
    expect(payment).toMatchObject({ reservationId: reservation.id, userId, amount: 750, status: 'COMPLETED' });
    expect(await reservationStatus(t.database.db, reservation.id)).toBe('CONFIRMED');
    const books = await booksOf(t.database.db, userId);
    expect(books).toMatchObject({ balance: 250, ledgerSum: 250, ledgerRows: 2 });
    const [debit] = await t.database.db
      .select()
      .from(schema.walletLedger)
      .where(eq(schema.walletLedger.paymentId, payment.id));
    expect(debit).toMatchObject({ amount: -750, balanceAfter: 250, reason: 'PAYMENT' });
    expect(releaser.released).toContain(userId);
  });

  it('refuses an insufficient balance and changes nothing: the reservation stays payable', async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 500 });
    const reservation = await pendingFor(userId);
    const error = await refusal(services.pay({ userId, reservationId: reservation.id, active: true }));
    expect(error.code).toBe('insufficient_balance');
    expect(await reservationStatus(t.database.db, reservation.id)).toBe('PENDING');
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 500, ledgerRows: 1, payments: [] });

    await services.charge({ userId, amount: 250 });
    await services.pay({ userId, reservationId: reservation.id, active: true });
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 0, ledgerSum: 0 });
  });

  it('refuses a user without a wallet as an insufficient balance', async () => {
    const userId = uniqueUserId();
    const reservation = await pendingFor(userId);
    expect((await refusal(services.pay({ userId, reservationId: reservation.id, active: true }))).code).toBe(
      'insufficient_balance',
    );
  });

  it("answers someone else's reservation exactly as a missing one, and changes nothing", async () => {
    const owner = uniqueUserId();
    const stranger = uniqueUserId();
    await services.charge({ userId: stranger, amount: 1_000 });
    const reservation = await pendingFor(owner);
    const theirs = await refusal(services.pay({ userId: stranger, reservationId: reservation.id, active: true }));
    const missing = await refusal(services.pay({ userId: stranger, reservationId: 999_999_999, active: true }));
    expect(theirs.code).toBe('reservation_not_found');
    expect(missing.code).toBe('reservation_not_found');
    expect(theirs.message.replace(String(reservation.id), 'N')).toBe(missing.message.replace('999999999', 'N'));
    expect(await reservationStatus(t.database.db, reservation.id)).toBe('PENDING');
    expect((await booksOf(t.database.db, stranger)).balance).toBe(1_000);
  });

  it('refuses a reservation past its deadline even before the sweeper marks it, and an EXPIRED one', async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 2_000 });
    const late = await pendingFor(userId);
    const expired = await pendingFor(userId);
    await t.database.db
      .update(schema.reservation)
      .set({ status: 'EXPIRED' })
      .where(eq(schema.reservation.id, expired.id));
    clock.advance(5 * MINUTE_MS);
    expect((await refusal(services.pay({ userId, reservationId: late.id, active: true }))).code).toBe(
      'reservation_expired',
    );
    expect((await refusal(services.pay({ userId, reservationId: expired.id, active: true }))).code).toBe(
      'reservation_expired',
    );
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 2_000, payments: [] });
  });

  it('lets an inactive user replay their payment, and refuses them any other', async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 2_000 });
    const paid = await pendingFor(userId);
    const unpaid = await pendingFor(userId);
    const payment = await services.pay({ userId, reservationId: paid.id, active: true });
    expect(await services.pay({ userId, reservationId: paid.id, active: false })).toEqual(payment);
    expect((await refusal(services.pay({ userId, reservationId: unpaid.id, active: false }))).code).toBe(
      'token_not_active',
    );
    expect((await refusal(services.pay({ userId: uniqueUserId(), reservationId: paid.id, active: false }))).code).toBe(
      'token_not_active',
    );
    expect((await booksOf(t.database.db, userId)).balance).toBe(1_250);
  });

  it('keeps a committed payment when freeing the active slot fails, and logs it', async () => {
    const warnings: Array<{ userId: number; err: { message: string } }> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    const failing = walletServices({ ...t.deps, logger }, { release: () => Promise.reject(new Error('Redis is down')) }, noSeatChangeFeed);
    const userId = uniqueUserId();
    await failing.charge({ userId, amount: 1_000 });
    const reservation = await pendingFor(userId);
    const payment = await failing.pay({ userId, reservationId: reservation.id, active: true });
    expect(payment.amount).toBe(750);
    expect(await reservationStatus(t.database.db, reservation.id)).toBe('CONFIRMED');
    expect(warnings).toMatchObject([{ userId, err: { message: 'Redis is down' } }]);
  });
});
