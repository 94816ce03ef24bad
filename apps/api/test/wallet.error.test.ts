import { manualClock } from '@concert/domain';
import { createPendingReservation, uniqueUserId } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { booksOf, reservationStatus } from './support/walletBooks.js';
import { walletApp } from './support/walletApp.js';
import { activeToken } from './support/queue.js';

const MINUTE_MS = 60_000;

/** The fields an error names (one field may fail several checks). */
const fieldsOf = (body: { error: { details: Array<{ field: string }> } }) => [
  ...new Set(body.error.details.map((problem) => problem.field)),
];

describe('wallet and payments: bad input and refusals change nothing', () => {
  const clock = manualClock(new Date());
  // One test moves the clock past a reservation's deadline and pays with the same token: an idle slot
  // must outlast that (the default 60 s would end it first).
  const app = walletApp({ WALLET_MAX_CHARGE_AMOUNT: '1000000', WALLET_MAX_BALANCE: '1500000', QUEUE_IDLE_TIMEOUT_SECONDS: '600' }, clock);

  it.each([
    ['a missing amount', {}],
    ['a string amount', { amount: '1000' }],
    ['a negative amount', { amount: -5 }],
    ['a zero amount', { amount: 0 }],
    ['a fractional amount', { amount: 10.5 }],
    ['a huge amount', { amount: 1e30 }],
    ['an amount above WALLET_MAX_CHARGE_AMOUNT', { amount: 1_000_001 }],
  ])('refuses a charge with %s as 400 naming amount', async (_, body) => {
    const userId = uniqueUserId();
    const answer = await app.calls.charge(userId, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
    expect(fieldsOf(answer.body)).toEqual(['amount']);
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: undefined, ledgerRows: 0 });
  });

  it('refuses malformed JSON and a user id that is not a number, with 4xx', async () => {
    const userId = uniqueUserId();
    expect((await app.calls.charge(userId, '{"amount": ')).status).toBe(400);
    const badPath = await app.calls.charge('abc', { amount: 10 });
    expect(badPath.status).toBe(400);
    expect(fieldsOf(badPath.body)).toEqual(['userId']);
    expect((await app.calls.wallet('-1')).status).toBe(400);
    expect((await app.calls.payments('1.5')).status).toBe(400);
  });

  it('refuses a charge that would pass the maximum balance with 409, keeping the balance', async () => {
    const userId = uniqueUserId();
    await app.calls.charge(userId, { amount: 1_000_000 });
    const answer = await app.calls.charge(userId, { amount: 600_000 });
    expect(answer).toMatchObject({ status: 409, body: { error: { code: 'balance_limit_exceeded' } } });
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: 1_000_000, ledgerRows: 1 });
  });

  it.each([
    ['a missing reservationId', {}],
    ['a string reservationId', { reservationId: '12' }],
    ['a negative reservationId', { reservationId: -1 }],
    ['a huge reservationId', { reservationId: 1e30 }],
  ])('refuses a payment with %s as 400 naming reservationId', async (_, body) => {
    const userId = uniqueUserId();
    const token = await activeToken(app.t.app, userId);
    const answer = await app.calls.pay(token, body);
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer.body)).toEqual(['reservationId']);
  });

  it('answers an unknown reservation with 404, an expired one with 409, a short wallet with 409', async () => {
    const userId = uniqueUserId();
    await app.calls.charge(userId, { amount: 500 });
    const token = await activeToken(app.t.app, userId);
    expect((await app.calls.pay(token, { reservationId: 987_654_321 })).body.error.code).toBe('reservation_not_found');

    const reservation = await createPendingReservation(app.t.database.db, {
      userId,
      totalAmount: 750,
      expiresAt: new Date(clock.now().getTime() + 5 * MINUTE_MS),
    });
    expect(await app.calls.pay(token, { reservationId: reservation.id })).toMatchObject({
      status: 409,
      body: { error: { code: 'insufficient_balance', details: { amount: 750 } } },
    });
    expect(await reservationStatus(app.t.database.db, reservation.id)).toBe('PENDING');

    clock.advance(5 * MINUTE_MS);
    await app.calls.charge(userId, { amount: 500 });
    expect(await app.calls.pay(token, { reservationId: reservation.id })).toMatchObject({
      status: 409,
      body: { error: { code: 'reservation_expired' } },
    });
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: 1_000, payments: [] });
  });
});
