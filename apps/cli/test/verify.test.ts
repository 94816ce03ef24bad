import { createConcert, createEventWithSeats, createTestDatabase, uniqueUserId, type TestDatabase } from '@concert/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

interface VerifyOutput {
  ok: boolean;
  violations: Array<{ rule: string; count: number }>;
}

describe('concertctl verify', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(2);
  });
  afterEach(() => database.destroy());

  const verify = async () => {
    const result = await runCli(['verify', '--json'], { DATABASE_URL: database.url });
    return { code: result.code, output: JSON.parse(result.stdout) as VerifyOutput };
  };

  /** A consistent purchase: seat 1 held then reserved and paid, seat 2 in a live hold. */
  async function consistentBooks() {
    const concert = await createConcert(database.db);
    const event = await createEventWithSeats(database.db, concert.id, { seats: 5, price: 700 });
    const [paid, held] = event.seats;
    const user = uniqueUserId();
    const q = (statement: string, values: unknown[] = []) => database.pool.query(statement, values);
    await q('UPDATE seat SET is_available = 0 WHERE id IN (?, ?)', [paid?.id, held?.id]);
    await q(
      `INSERT INTO occupation (id, concert_event_id, user_id, status, expires_at) VALUES
       (1, ?, ?, 'RELEASED', NOW(3) + INTERVAL 5 MINUTE), (2, ?, ?, 'ACTIVE', NOW(3) + INTERVAL 5 MINUTE)`,
      [event.id, user, event.id, user],
    );
    await q(
      `INSERT INTO reservation (id, concert_id, concert_event_id, user_id, occupation_id, status, total_seats, total_amount, expires_at, confirmed_at)
       VALUES (1, ?, ?, ?, 1, 'CONFIRMED', 1, 700, NOW(3) + INTERVAL 5 MINUTE, NOW(3))`,
      [concert.id, event.id, user],
    );
    await q(
      `INSERT INTO seat_allocation (occupation_id, seat_id, seat_number, seat_price, user_id, status, occupied_at, reserved_at, reservation_id)
       VALUES (1, ?, 1, 700, ?, 'RESERVED', NOW(3), NOW(3), 1), (2, ?, 2, 700, ?, 'OCCUPIED', NOW(3), NULL, NULL)`,
      [paid?.id, user, held?.id, user],
    );
    await q(`INSERT INTO payment (id, reservation_id, user_id, amount, status, paid_at) VALUES (1, 1, ?, 700, 'COMPLETED', NOW(3))`, [user]);
    await q('INSERT INTO wallet (user_id, balance) VALUES (?, 300)', [user]);
    await q(
      `INSERT INTO wallet_ledger (user_id, amount, balance_after, reason, payment_id) VALUES
       (?, 1000, 1000, 'CHARGE', NULL), (?, -700, 300, 'PAYMENT', 1)`,
      [user, user],
    );
    return { event, user, q };
  }

  it('passes on consistent books', async () => {
    await consistentBooks();
    const { code, output } = await verify();
    expect(output).toEqual({ ok: true, violations: [] });
    expect(code).toBe(0);
  });

  it('lists every broken rule and exits non-zero', async () => {
    const { event, user, q } = await consistentBooks();
    const [, , leaked, doubled] = event.seats;
    // A seat off sale with no claim: the seed's expiry bug.
    await q('UPDATE seat SET is_available = 0 WHERE id = ?', [leaked?.id]);
    // One seat in two live holds.
    await q('UPDATE seat SET is_available = 0 WHERE id = ?', [doubled?.id]);
    await q(
      `INSERT INTO seat_allocation (occupation_id, seat_id, seat_number, seat_price, user_id, status, occupied_at)
       VALUES (2, ?, 4, 700, ?, 'OCCUPIED', NOW(3)), (2, ?, 4, 700, ?, 'OCCUPIED', NOW(3))`,
      [doubled?.id, user, doubled?.id, user],
    );
    // A balance the ledger does not explain.
    await q('UPDATE wallet SET balance = balance + 1 WHERE user_id = ?', [user]);
    // A confirmed reservation nobody paid for.
    await q(
      `INSERT INTO reservation (concert_id, concert_event_id, user_id, occupation_id, status, total_seats, total_amount, expires_at)
       VALUES (1, ?, ?, 99, 'CONFIRMED', 1, 700, NOW(3))`,
      [event.id, user],
    );
    const { code, output } = await verify();
    expect(code).toBe(2);
    expect(output.ok).toBe(false);
    expect(output.violations.map((violation) => violation.rule).sort()).toEqual([
      'confirmed_without_one_payment',
      'seat_leaked',
      'seat_sold_twice',
      'wallet_not_ledger',
    ]);
  });

  it('prints a readable report by default', async () => {
    const { q, event } = await consistentBooks();
    await q('UPDATE seat SET is_available = 0 WHERE id = ?', [event.seats[4]?.id]);
    const result = await runCli(['verify'], { DATABASE_URL: database.url });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('VIOLATION seat_leaked (1)');
  });
});
