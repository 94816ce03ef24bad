import { createWalletStore } from '@concert/db';
import { chargeWallet, noSeatChangeFeed, payReservation, systemClock } from '@concert/domain';
import { createConcert, createEventWithSeats, createPendingReservation, createTestDatabase, uniqueUserId, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl wallet, reservations and payments', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(2);
  });
  afterAll(() => database.destroy());
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { DATABASE_URL: database.url, ...env });
  const json = async (args: string[]) => {
    const result = await cli([...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as unknown;
  };

  it('charges a wallet through the same limits and ledger as the API, and shows it', async () => {
    const user = uniqueUserId();
    expect(await json(['wallet', 'show', String(user)])).toEqual({ userId: user, balance: 0 });
    expect(await json(['wallet', 'charge', String(user), '2500'])).toEqual({ userId: user, balance: 2500, charged: 2500 });
    expect(await json(['wallet', 'show', String(user)])).toEqual({ userId: user, balance: 2500 });

    const overLimit = await cli(['wallet', 'charge', String(user), '1001'], { WALLET_MAX_CHARGE_AMOUNT: '1000' });
    expect(overLimit.code).toBe(1);
    expect(overLimit.stderr).toContain('amount: Must be a whole number from 1 to 1000.');
    const overBalance = await cli(['wallet', 'charge', String(user), '600'], { WALLET_MAX_BALANCE: '3000' });
    expect(overBalance.code).toBe(1);
    expect(overBalance.stderr).toContain('A balance may not exceed 3000.');

    const [ledger] = await database.pool.query('SELECT amount, balance_after, reason FROM wallet_ledger WHERE user_id = ?', [user]);
    expect(ledger).toEqual([{ amount: 2500, balance_after: 2500, reason: 'CHARGE' }]);
    expect((await cli(['verify'])).code).toBe(0);
  });

  it("shows a reservation and lists a user's reservations and payments", async () => {
    const user = uniqueUserId();
    const concert = await createConcert(database.db);
    const event = await createEventWithSeats(database.db, concert.id, { seats: 0 });
    const deadline = new Date(Date.now() + 600_000);
    const paid = await createPendingReservation(database.db, { userId: user, totalAmount: 700, expiresAt: deadline, event: { id: event.id, concertId: concert.id } });
    const unpaid = await createPendingReservation(database.db, { userId: user, totalAmount: 300, expiresAt: deadline, event: { id: event.id, concertId: concert.id } });
    const store = createWalletStore(database);
    await chargeWallet({ ctx: { store, limits: { maxChargeAmount: 10_000, maxBalance: 100_000 } }, input: { userId: user, amount: 1_000 } });
    const releaser = { release: async () => undefined };
    const log = { warn: () => undefined };
    await payReservation({ ctx: { store, clock: systemClock, releaser, feed: noSeatChangeFeed, log }, input: { userId: user, reservationId: paid.id, active: true } });

    expect(await json(['reservations', 'show', String(paid.id)])).toMatchObject({ id: paid.id, userId: user, status: 'CONFIRMED', totalAmount: 700 });
    const listed = (await json(['reservations', 'list', '--user', String(user)])) as Array<{ id: number; status: string }>;
    expect(listed.map((row) => [row.id, row.status]).sort()).toEqual([
      [paid.id, 'CONFIRMED'],
      [unpaid.id, 'PENDING'],
    ].sort());
    const payments = (await json(['payments', 'list', '--user', String(user)])) as Array<{ reservationId: number; amount: number }>;
    expect(payments).toMatchObject([{ reservationId: paid.id, amount: 700, status: 'COMPLETED' }]);
    expect(await json(['wallet', 'show', String(user)])).toEqual({ userId: user, balance: 300 });

    const table = await cli(['reservations', 'show', String(paid.id)]);
    expect(table.stdout).toContain('CONFIRMED');
    const missing = await cli(['reservations', 'show', '99999999']);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('Reservation 99999999 does not exist.');
    const badUser = await cli(['payments', 'list', '--user', '-3']);
    expect(badUser.code).toBe(1);
    expect(badUser.stderr).toContain('--user');
  });
});
