import { schema } from '@concert/db';
import { manualClock } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { booksOf } from './support/walletBooks.js';
import { walletApp } from './support/walletApp.js';

const HOUR_MS = 3_600_000;
const key = (name: string) => ({ 'Idempotency-Key': `${name}-${uniqueUserId()}` });

describe('Idempotency-Key on charge and payment', () => {
  const clock = manualClock(new Date());
  const app = walletApp({ IDEMPOTENCY_TTL_HOURS: '24' }, clock);

  it('charges once for a retried key and replays the first answer', async () => {
    const userId = uniqueUserId();
    const headers = key('charge');
    const first = await app.calls.charge(userId, { amount: 1_000 }, headers);
    const retry = await app.calls.charge(userId, { amount: 1_000 }, headers);
    expect(first).toMatchObject({ status: 200, body: { data: { userId, balance: 1_000 } } });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: 1_000, ledgerRows: 1 });
  });

  it('refuses the same key with another body (422) and charges nothing more', async () => {
    const userId = uniqueUserId();
    const headers = key('reused');
    await app.calls.charge(userId, { amount: 1_000 }, headers);
    expect(await app.calls.charge(userId, { amount: 2_000 }, headers)).toMatchObject({
      status: 422,
      body: { error: { code: 'idempotency_key_reused' } },
    });
    expect((await booksOf(app.t.database.db, userId)).balance).toBe(1_000);
  });

  it('keeps keys per user: the same key charges two users once each', async () => {
    const [alice, bob] = [uniqueUserId(), uniqueUserId()];
    const headers = key('shared');
    await app.calls.charge(alice, { amount: 100 }, headers);
    expect((await app.calls.charge(bob, { amount: 100 }, headers)).headers.get('Idempotent-Replayed')).toBeNull();
    expect((await booksOf(app.t.database.db, bob)).balance).toBe(100);
  });

  it('charges once when 20 requests with one key race; the others replay or are told it is in progress', async () => {
    const userId = uniqueUserId();
    const headers = key('race');
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.calls.charge(userId, { amount: 1_000 }, headers)));
    for (const answer of answers) {
      if (answer.status === 200) expect(answer.body).toEqual({ data: { userId, balance: 1_000 } });
      else expect(answer).toMatchObject({ status: 409, body: { error: { code: 'idempotency_request_in_progress' } } });
    }
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: 1_000, ledgerRows: 1 });
  });

  it('replays a refusal too: a retried payment that lacked money answers the same 409', async () => {
    const { userId, token, reservation } = await app.payer();
    const headers = key('short');
    const first = await app.calls.pay(token, { reservationId: reservation.id }, headers);
    expect(first.body.error.code).toBe('insufficient_balance');
    await app.calls.charge(userId, { amount: 1_000 });
    const retry = await app.calls.pay(token, { reservationId: reservation.id }, headers);
    expect(retry).toMatchObject({ status: 409, body: first.body });
    // A new key is a new attempt.
    expect((await app.calls.pay(token, { reservationId: reservation.id }, key('short-again'))).status).toBe(200);
  });

  it('replays a payment to a retry after the token left the active set', async () => {
    const { userId, token, reservation } = await app.payer({ balance: 1_000 });
    const headers = key('pay');
    const first = await app.calls.pay(token, { reservationId: reservation.id }, headers);
    const retry = await app.calls.pay(token, { reservationId: reservation.id }, headers);
    expect(first.status).toBe(200);
    expect(retry).toMatchObject({ status: 200, body: first.body });
    expect((await booksOf(app.t.database.db, userId)).balance).toBe(250);
  });

  it('refuses a malformed key as 400 naming the header', async () => {
    const answer = await app.calls.charge(uniqueUserId(), { amount: 1 }, { 'Idempotency-Key': 'k'.repeat(256) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].field).toBe('idempotency-key');
  });

  it('forgets keys after the TTL: the key works anew, and the purge deletes expired keys', async () => {
    const userId = uniqueUserId();
    const headers = key('ttl');
    await app.calls.charge(userId, { amount: 100 }, headers);
    clock.advance(24 * HOUR_MS);
    expect((await app.calls.charge(userId, { amount: 100 }, headers)).body.data.balance).toBe(200);

    const other = uniqueUserId();
    await app.calls.charge(other, { amount: 100 }, key('purged'));
    clock.advance(24 * HOUR_MS);
    const purged = await app.t.services.wallet.purgeIdempotencyKeys();
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await app.t.database.db
      .select()
      .from(schema.idempotencyKey)
      .where(eq(schema.idempotencyKey.userId, other));
    expect(left).toEqual([]);
  });
});
