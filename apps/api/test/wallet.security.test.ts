import { createPendingReservation, gatewaySettings, uniqueUserId } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { booksOf, reservationStatus } from './support/walletBooks.js';
import { walletApp } from './support/walletApp.js';
import { activeToken } from './support/queue.js';

const inAnHour = () => new Date(Date.now() + 3_600_000);

describe('payments: who may pay', () => {
  const app = walletApp();

  it('refuses a payment without a token or with a forged one', async () => {
    expect((await app.calls.pay(undefined, { reservationId: 1 })).body.error.code).toBe('token_missing');
    expect((await app.calls.pay('not-a-token', { reservationId: 1 })).status).toBe(401);
  });

  it("answers someone else's reservation as a missing one and charges nobody", async () => {
    const owner = uniqueUserId();
    const stranger = uniqueUserId();
    await app.calls.charge(stranger, { amount: 1_000 });
    const reservation = await createPendingReservation(app.t.database.db, { userId: owner, totalAmount: 750, expiresAt: inAnHour() });
    const theirs = await app.calls.pay(await activeToken(app.t.app, stranger), { reservationId: reservation.id });
    expect(theirs).toMatchObject({ status: 404, body: { error: { code: 'reservation_not_found' } } });
    expect(await reservationStatus(app.t.database.db, reservation.id)).toBe('PENDING');
    expect((await booksOf(app.t.database.db, stranger)).balance).toBe(1_000);
  });

  it('takes the payer from the token, never from the body', async () => {
    const owner = uniqueUserId();
    const stranger = uniqueUserId();
    await app.calls.charge(owner, { amount: 1_000 });
    const reservation = await createPendingReservation(app.t.database.db, { userId: owner, totalAmount: 750, expiresAt: inAnHour() });
    const strangerToken = await activeToken(app.t.app, stranger);
    // Naming the owner in the body is refused (an unknown field); without it, the payer is the stranger.
    const named = await app.calls.pay(strangerToken, { reservationId: reservation.id, userId: owner });
    expect(named).toMatchObject({ status: 400, body: { error: { details: [{ field: 'userId' }] } } });
    expect((await app.calls.pay(strangerToken, { reservationId: reservation.id })).status).toBe(404);
    expect((await booksOf(app.t.database.db, owner)).balance).toBe(1_000);
  });
});

describe('wallet routes behind an authenticating gateway (IDENTITY_HEADER)', () => {
  const app = walletApp(gatewaySettings('X-User-Id'));

  it("refuses to charge or read another user's wallet, and serves one's own", async () => {
    const me = uniqueUserId();
    const other = uniqueUserId();
    const asMe = { 'X-User-Id': String(me) };
    expect((await app.calls.charge(other, { amount: 100 }, asMe)).status).toBe(403);
    expect((await app.calls.wallet(other, asMe)).status).toBe(403);
    expect((await app.calls.payments(other, asMe)).status).toBe(403);
    expect((await app.calls.charge(me, { amount: 100 })).status).toBe(401);
    expect((await app.calls.charge(me, { amount: 100 }, asMe)).body).toEqual({ data: { userId: me, balance: 100 } });
    expect((await booksOf(app.t.database.db, other)).balance).toBeUndefined();
  });
});
