import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';

/** One broken rule of the books, with the rows that break it (at most a sample of them). */
export interface BooksViolation {
  rule: string;
  description: string;
  count: number;
  sample: Array<Record<string, unknown>>;
}

const SAMPLE = 20;

/**
 * A live allocation keeps its seat off sale (a cancelled reservation's seats are on sale again, or
 * in someone else's live allocation: the seat rules below check both): a seat in an ACTIVE hold, or in a PENDING or
 * CONFIRMED reservation. Everything else (EXPIRED allocations, RELEASED holds whose seats moved to
 * a reservation) gives the seat no claim.
 */
const liveAllocations = sql`
  SELECT sa.seat_id, sa.id AS allocation_id, sa.status AS allocation_status,
         sa.occupation_id, sa.reservation_id
  FROM seat_allocation sa
  LEFT JOIN occupation o ON o.id = sa.occupation_id
  LEFT JOIN reservation r ON r.id = sa.reservation_id
  WHERE (sa.status = 'OCCUPIED' AND o.status = 'ACTIVE')
     OR (sa.status = 'RESERVED' AND r.status IN ('PENDING', 'CONFIRMED'))`;

const rules: Array<{ rule: string; description: string; query: ReturnType<typeof sql> }> = [
  {
    rule: 'seat_sold_twice',
    description: 'A seat is in more than one live hold or reservation.',
    query: sql`SELECT seat_id, COUNT(*) AS live_allocations FROM (${liveAllocations}) live
               GROUP BY seat_id HAVING COUNT(*) > 1`,
  },
  {
    rule: 'seat_on_sale_while_taken',
    description: 'A seat is marked available although a live hold or reservation has it.',
    query: sql`SELECT s.id AS seat_id, s.concert_event_id FROM seat s
               JOIN (${liveAllocations}) live ON live.seat_id = s.id WHERE s.is_available = 1`,
  },
  {
    rule: 'seat_leaked',
    description: 'A seat is off sale although no live hold or reservation has it (an expiry that never gave it back).',
    query: sql`SELECT s.id AS seat_id, s.concert_event_id FROM seat s
               WHERE s.is_available = 0
                 AND NOT EXISTS (SELECT 1 FROM (${liveAllocations}) live WHERE live.seat_id = s.id)`,
  },
  {
    rule: 'wallet_not_ledger',
    description: "A wallet's balance differs from the sum of its ledger.",
    query: sql`SELECT w.user_id, w.balance, COALESCE(SUM(l.amount), 0) AS ledger_sum
               FROM wallet w LEFT JOIN wallet_ledger l ON l.user_id = w.user_id
               GROUP BY w.user_id, w.balance HAVING w.balance <> COALESCE(SUM(l.amount), 0)`,
  },
  {
    rule: 'confirmed_without_one_payment',
    description: 'A confirmed reservation has no payment, or a payment of another amount.',
    query: sql`SELECT r.id AS reservation_id, r.total_amount, p.id AS payment_id, p.amount
               FROM reservation r LEFT JOIN payment p ON p.reservation_id = r.id
               WHERE r.status = 'CONFIRMED' AND (p.id IS NULL OR p.amount <> r.total_amount)`,
  },
  {
    rule: 'payment_without_confirmation',
    description: 'A payment exists for a reservation that is neither confirmed nor cancelled after payment.',
    query: sql`SELECT p.id AS payment_id, p.reservation_id, r.status
               FROM payment p LEFT JOIN reservation r ON r.id = p.reservation_id
               WHERE r.id IS NULL OR r.status NOT IN ('CONFIRMED', 'CANCELLED')`,
  },
  {
    rule: 'refund_without_ledger',
    description: 'A refund has no matching credit in the wallet ledger.',
    query: sql`SELECT f.id AS refund_id, f.user_id, f.amount FROM refund f
               WHERE NOT EXISTS (SELECT 1 FROM wallet_ledger l
                                 WHERE l.refund_id = f.id AND l.amount = f.amount AND l.user_id = f.user_id AND l.reason = 'REFUND')`,
  },
  {
    rule: 'refunds_exceed_payment',
    description: "A payment's refunds add up to more than it, or to another sum than its refunded amount.",
    query: sql`SELECT p.id AS payment_id, p.amount, p.refunded_amount, COALESCE(SUM(f.amount), 0) AS refunds
               FROM payment p LEFT JOIN refund f ON f.payment_id = p.id
               GROUP BY p.id, p.amount, p.refunded_amount
               HAVING COALESCE(SUM(f.amount), 0) > p.amount OR COALESCE(SUM(f.amount), 0) <> p.refunded_amount`,
  },
  {
    rule: 'cancelled_seat_kept',
    description: "A cancelled reservation still keeps a seat (its allocation was not given back).",
    query: sql`SELECT r.id AS reservation_id, sa.seat_id, sa.status FROM reservation r
               JOIN seat_allocation sa ON sa.reservation_id = r.id
               WHERE r.status = 'CANCELLED' AND sa.status <> 'CANCELLED'`,
  },
  {
    rule: 'payment_without_ledger',
    description: 'A payment has no matching debit in the wallet ledger.',
    query: sql`SELECT p.id AS payment_id, p.user_id, p.amount FROM payment p
               WHERE NOT EXISTS (SELECT 1 FROM wallet_ledger l
                                 WHERE l.payment_id = p.id AND l.amount = -p.amount AND l.user_id = p.user_id)`,
  },
];

/** Checks the books; an empty list means every rule holds. Read-only. */
export async function verifyBooks(db: Database): Promise<BooksViolation[]> {
  const violations: BooksViolation[] = [];
  for (const { rule, description, query } of rules) {
    const [rows] = (await db.execute(query)) as unknown as [Array<Record<string, unknown>>];
    if (rows.length > 0) violations.push({ rule, description, count: rows.length, sample: rows.slice(0, SAMPLE) });
  }
  return violations;
}

export const booksRules = rules.map(({ rule, description }) => ({ rule, description }));
