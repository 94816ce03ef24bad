import { createPendingReservation, uniqueUserId } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { booksOf, reservationStatus } from './support/walletBooks.js';
import { walletApp } from './support/walletApp.js';
import { activeToken } from './support/queue.js';

const inAnHour = () => new Date(Date.now() + 3_600_000);

describe('wallet and payments over HTTP', () => {
  const app = walletApp();

  it('shows a balance of 0 and no payments for a user who never charged', async () => {
    const userId = uniqueUserId();
    expect(await app.calls.wallet(userId)).toMatchObject({ status: 200, body: { data: { userId, balance: 0 } } });
    expect(await app.calls.payments(userId)).toMatchObject({ status: 200, body: { list: [] } });
  });

  it('charges, creating the wallet, and adds up charges', async () => {
    const userId = uniqueUserId();
    expect(await app.calls.charge(userId, { amount: 100_000 })).toMatchObject({
      status: 200,
      body: { data: { userId, balance: 100_000 } },
    });
    expect((await app.calls.charge(userId, { amount: 500 })).body).toEqual({ data: { userId, balance: 100_500 } });
    expect((await app.calls.wallet(userId)).body).toEqual({ data: { userId, balance: 100_500 } });
  });

  it('pays a reservation with the token, lists it, and takes the payer out of the active set', async () => {
    const { userId, token, reservation: first } = await app.payer({ balance: 2_000 });

    const paid = await app.calls.pay(token, { reservationId: first.id });
    expect(paid.status).toBe(200);
    expect(paid.body.data).toEqual({
      id: expect.any(Number),
      reservationId: first.id,
      amount: 750,
      status: 'COMPLETED',
      refundedAmount: 0,
      paidAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect((await app.calls.wallet(userId)).body.data.balance).toBe(1_250);
    expect(await reservationStatus(app.t.database.db, first.id)).toBe('CONFIRMED');

    // The token left the active set: replaying the payment answers it, any other payment is refused.
    expect(await app.calls.pay(token, { reservationId: first.id })).toMatchObject({ status: 200, body: paid.body });
    const second = await createPendingReservation(app.t.database.db, { userId, totalAmount: 750, expiresAt: inAnHour() });
    expect(await app.calls.pay(token, { reservationId: second.id })).toMatchObject({
      status: 403,
      body: { error: { code: 'token_not_active' } },
    });

    const again = await activeToken(app.t.app, userId);
    const secondPaid = await app.calls.pay(again, { reservationId: second.id });
    expect(secondPaid.status).toBe(200);
    const listed = await app.calls.payments(userId);
    expect(listed.body.list.map((payment: { id: number }) => payment.id)).toEqual([
      secondPaid.body.data.id,
      paid.body.data.id,
    ]);
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: 500, ledgerSum: 500 });
  });

  it('answers 50 concurrent payments of one reservation with the same payment, charged once', async () => {
    const { userId, token, reservation } = await app.payer({ balance: 1_000 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => app.calls.pay(token, { reservationId: reservation.id })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((answer) => answer.body.data.id)).size).toBe(1);
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: 250, ledgerSum: 250, ledgerRows: 2 });
  });

  it('documents the operations and their Idempotency-Key header in the OpenAPI document', async () => {
    const document = (await (await app.t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/users/{userId}/wallet', '/api/v1/users/{userId}/payments', '/api/v1/payments']),
    );
    for (const operation of [document.paths['/api/v1/payments']?.post, document.paths['/api/v1/users/{userId}/wallet/charge']?.patch]) {
      expect(operation?.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }));
    }
  });
});
