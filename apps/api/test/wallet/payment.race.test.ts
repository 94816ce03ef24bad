import { schema } from '@concert/db';
import { createPendingReservation, uniqueUserId } from '@concert/testing';
import { and, eq, sql } from 'drizzle-orm';
import { noSeatChangeFeed, isDomainError } from '@concert/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletServices, type WalletServices } from '../../src/wiring/wallet.js';
import { barrier } from '../support/barrier.js';
import { booksOf, expectBooks, recordingReleaser, reservationStatus } from '../support/walletBooks.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

const HOUR_MS = 3_600_000;
const inAnHour = () => new Date(Date.now() + HOUR_MS);
const codeOf = (error: unknown) => (isDomainError(error) ? error.code : String(error));

describe('paying under contention (real MariaDB, real races)', () => {
  let t: TestApp;
  let services: WalletServices;
  const releaser = recordingReleaser();
  beforeAll(async () => {
    // No bulkhead in the way (wiring/wallet.ts): charges race payments at full width.
    t = await createTestApp({ WALLET_CHARGE_CONCURRENCY: '100' });
    services = walletServices(t.deps, releaser, noSeatChangeFeed);
  });
  afterAll(() => t.destroy());

  it('50 concurrent payments of one reservation charge once and all answer the same payment', async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 10_000 });
    const reservation = await createPendingReservation(t.database.db, { userId, totalAmount: 750, expiresAt: inAnHour() });

    const payments = await Promise.all(
      Array.from({ length: 50 }, () => services.pay({ userId, reservationId: reservation.id, active: true })),
    );

    expect(new Set(payments.map((payment) => payment.id)).size).toBe(1);
    const books = await expectBooks(t.database.db, userId, { balance: 9_250, payments: 1 });
    expect(books.ledgerRows).toBe(2); // the charge and one payment
    expect(await reservationStatus(t.database.db, reservation.id)).toBe('CONFIRMED');
  });

  it("the seed's wallet test: 9 workers from 10,000 (charge 1,000 / pay 750 / both) end at 11,500", async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 10_000 });
    const result = await mixedWorkers(userId, 3);
    expect(result.failures).toEqual([]);
    await expectBooks(t.database.db, userId, { balance: 11_500, payments: 6 });
  });

  it('the larger version: 150 workers from 100,000 end at 100,000 + 100 × 1,000 − 100 × 750', async () => {
    const userId = uniqueUserId();
    // Enough for every payment in any order, as 10,000 is for the seed's six.
    await services.charge({ userId, amount: 100_000 });
    const result = await mixedWorkers(userId, 50);
    expect(result.failures).toEqual([]);
    const books = await expectBooks(t.database.db, userId, { balance: 125_000, payments: 100 });
    expect(books.ledgerRows).toBe(1 + 100 + 100);
  });

  it('concurrent payments of different reservations never overdraw: the ones the balance covers succeed', async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 3_000 });
    const reservations = await Promise.all(
      Array.from({ length: 10 }, () =>
        createPendingReservation(t.database.db, { userId, totalAmount: 750, expiresAt: inAnHour() }),
      ),
    );
    const outcomes = await Promise.allSettled(
      reservations.map((reservation) => services.pay({ userId, reservationId: reservation.id, active: true })),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => codeOf(outcome.reason));
    expect(refused).toEqual(Array(6).fill('insufficient_balance'));
    await expectBooks(t.database.db, userId, { balance: 0, payments: 4 });
  });

  it('a payment racing an expiry sweep of the same reservation: paid or expired, never both', async () => {
    const userId = uniqueUserId();
    const db = t.database.db;
    await services.charge({ userId, amount: 100_000 });
    const reservations = await Promise.all(
      Array.from({ length: 40 }, () => createPendingReservation(db, { userId, totalAmount: 750, expiresAt: inAnHour() })),
    );
    // The sweeper's write (another process whose clock already passed the deadline): PENDING → EXPIRED.
    const sweep = (id: number) =>
      db
        .update(schema.reservation)
        .set({ status: 'EXPIRED', expiredAt: new Date() })
        .where(and(eq(schema.reservation.id, id), eq(schema.reservation.status, 'PENDING')));
    const outcomes = await Promise.allSettled(
      reservations.flatMap((reservation) => [
        services.pay({ userId, reservationId: reservation.id, active: true }),
        sweep(reservation.id),
      ]),
    );
    const refusals = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => codeOf(outcome.reason));
    expect(new Set(refusals)).toEqual(new Set(refusals.length > 0 ? ['reservation_expired'] : []));

    const statuses = await Promise.all(reservations.map((reservation) => reservationStatus(db, reservation.id)));
    const books = await booksOf(db, userId);
    const paidIds = new Set(books.payments.map((payment) => payment.reservationId));
    reservations.forEach((reservation, index) => {
      expect(statuses[index] === 'CONFIRMED').toBe(paidIds.has(reservation.id));
      expect(['CONFIRMED', 'EXPIRED']).toContain(statuses[index]);
    });
    await expectBooks(db, userId, { balance: 100_000 - 750 * paidIds.size, payments: paidIds.size });
  });

  it('control: check-then-act payments racing charge the wallet more than once', async () => {
    const userId = uniqueUserId();
    const db = t.database.db;
    await services.charge({ userId, amount: 10_000 });
    const reservation = await createPendingReservation(db, { userId, totalAmount: 750, expiresAt: inAnHour() });
    // The unguarded version: read the status, then confirm and debit without re-checking it.
    const racers = 8;
    const allRead = barrier(racers);
    await Promise.all(
      Array.from({ length: racers }, () =>
        t.database.db.transaction(async (tx) => {
          const [row] = await tx.select().from(schema.reservation).where(eq(schema.reservation.id, reservation.id));
          await allRead();
          if (row?.status !== 'PENDING') return;
          await tx.update(schema.reservation).set({ status: 'CONFIRMED' }).where(eq(schema.reservation.id, reservation.id));
          await tx
            .update(schema.wallet)
            .set({ balance: sql`${schema.wallet.balance} - 750` })
            .where(eq(schema.wallet.userId, userId));
        }),
      ),
    );
    expect((await booksOf(db, userId)).balance).toBeLessThan(10_000 - 750);
  });

  /** `perKind` workers charge 1,000, `perKind` pay their own 750 reservation, `perKind` do both, all at once. */
  async function mixedWorkers(userId: number, perKind: number) {
    const event = await createPendingReservation(t.database.db, { userId, totalAmount: 750, expiresAt: inAnHour() });
    const own = () =>
      createPendingReservation(t.database.db, {
        userId,
        totalAmount: 750,
        expiresAt: inAnHour(),
        event: { id: event.concertEventId, concertId: event.concertId },
      });
    const payers = await Promise.all(Array.from({ length: 2 * perKind }, own));
    const charge = () => services.charge({ userId, amount: 1_000 });
    const pay = (reservationId: number) => services.pay({ userId, reservationId, active: true });
    const workers = [
      ...Array.from({ length: perKind }, () => charge()),
      ...payers.slice(0, perKind).map((reservation) => pay(reservation.id)),
      ...payers.slice(perKind).map(async (reservation) => {
        await charge();
        await pay(reservation.id);
      }),
    ];
    const outcomes = await Promise.allSettled(workers);
    return {
      failures: outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => codeOf(outcome.reason)),
    };
  }
});
