import { createPendingReservation, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booksOf, reservationStatus } from './support/money.js';
import { moneyCalls } from './support/moneyCalls.js';
import { activeToken } from './support/queue.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const inAnHour = () => new Date(Date.now() + 3_600_000);

describe('payments: who may pay', () => {
  let t: TestApp;
  let calls: ReturnType<typeof moneyCalls>;
  beforeAll(async () => {
    t = await createTestApp();
    calls = moneyCalls(t.app);
  });
  afterAll(() => t.destroy());

  it('refuses a payment without a token or with a forged one', async () => {
    expect((await calls.pay(undefined, { reservationId: 1 })).body.error.code).toBe('token_missing');
    expect((await calls.pay('not-a-token', { reservationId: 1 })).status).toBe(401);
  });

  it("answers someone else's reservation as a missing one and charges nobody", async () => {
    const owner = uniqueUserId();
    const stranger = uniqueUserId();
    await calls.charge(stranger, { amount: 1_000 });
    const reservation = await createPendingReservation(t.database.db, { userId: owner, totalAmount: 750, expiresAt: inAnHour() });
    const theirs = await calls.pay(await activeToken(t.app, stranger), { reservationId: reservation.id });
    expect(theirs).toMatchObject({ status: 404, body: { error: { code: 'reservation_not_found' } } });
    expect(await reservationStatus(t.database.db, reservation.id)).toBe('PENDING');
    expect((await booksOf(t.database.db, stranger)).balance).toBe(1_000);
  });

  it('takes the payer from the token, never from the body', async () => {
    const owner = uniqueUserId();
    const stranger = uniqueUserId();
    await calls.charge(owner, { amount: 1_000 });
    const reservation = await createPendingReservation(t.database.db, { userId: owner, totalAmount: 750, expiresAt: inAnHour() });
    const answer = await calls.pay(await activeToken(t.app, stranger), { reservationId: reservation.id, userId: owner });
    expect(answer.status).toBe(404);
    expect((await booksOf(t.database.db, owner)).balance).toBe(1_000);
  });
});

describe('wallet routes behind an authenticating gateway (IDENTITY_HEADER)', () => {
  let t: TestApp;
  let calls: ReturnType<typeof moneyCalls>;
  beforeAll(async () => {
    t = await createTestApp({ IDENTITY_HEADER: 'X-User-Id' });
    calls = moneyCalls(t.app);
  });
  afterAll(() => t.destroy());

  it("refuses to charge or read another user's wallet, and serves one's own", async () => {
    const me = uniqueUserId();
    const other = uniqueUserId();
    const asMe = { 'X-User-Id': String(me) };
    expect((await calls.charge(other, { amount: 100 }, asMe)).status).toBe(403);
    expect((await calls.wallet(other, asMe)).status).toBe(403);
    expect((await calls.payments(other, asMe)).status).toBe(403);
    expect((await calls.charge(me, { amount: 100 })).status).toBe(401);
    expect((await calls.charge(me, { amount: 100 }, asMe)).body).toEqual({ data: { userId: me, balance: 100 } });
    expect((await booksOf(t.database.db, other)).balance).toBeUndefined();
  });
});
