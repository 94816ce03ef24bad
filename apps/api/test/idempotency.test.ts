import { schema } from '@concert/db';
import { manualClock } from '@concert/domain';
import { createPendingReservation, uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletServices } from '../src/wiring/wallet.js';
import { booksOf } from './support/money.js';
import { moneyCalls } from './support/moneyCalls.js';
import { activeToken } from './support/queue.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const HOUR_MS = 3_600_000;
const key = (name: string) => ({ 'Idempotency-Key': `${name}-${uniqueUserId()}` });

describe('Idempotency-Key on charge and payment', () => {
  let t: TestApp;
  let calls: ReturnType<typeof moneyCalls>;
  const clock = manualClock(new Date());
  beforeAll(async () => {
    t = await createTestApp({ IDEMPOTENCY_TTL_HOURS: '24' }, clock);
    calls = moneyCalls(t.app);
  });
  afterAll(() => t.destroy());

  it('charges once for a retried key and replays the first answer', async () => {
    const userId = uniqueUserId();
    const headers = key('charge');
    const first = await calls.charge(userId, { amount: 1_000 }, headers);
    const retry = await calls.charge(userId, { amount: 1_000 }, headers);
    expect(first).toMatchObject({ status: 200, body: { data: { userId, balance: 1_000 } } });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 1_000, ledgerRows: 1 });
  });

  it('refuses the same key with another body (422) and charges nothing more', async () => {
    const userId = uniqueUserId();
    const headers = key('reused');
    await calls.charge(userId, { amount: 1_000 }, headers);
    expect(await calls.charge(userId, { amount: 2_000 }, headers)).toMatchObject({
      status: 422,
      body: { error: { code: 'idempotency_key_reused' } },
    });
    expect((await booksOf(t.database.db, userId)).balance).toBe(1_000);
  });

  it('keeps keys per user: the same key charges two users once each', async () => {
    const [alice, bob] = [uniqueUserId(), uniqueUserId()];
    const headers = key('shared');
    await calls.charge(alice, { amount: 100 }, headers);
    expect((await calls.charge(bob, { amount: 100 }, headers)).headers.get('Idempotent-Replayed')).toBeNull();
    expect((await booksOf(t.database.db, bob)).balance).toBe(100);
  });

  it('charges once when 20 requests with one key race; the others replay or are told it is in progress', async () => {
    const userId = uniqueUserId();
    const headers = key('race');
    const answers = await Promise.all(Array.from({ length: 20 }, () => calls.charge(userId, { amount: 1_000 }, headers)));
    for (const answer of answers) {
      if (answer.status === 200) expect(answer.body).toEqual({ data: { userId, balance: 1_000 } });
      else expect(answer).toMatchObject({ status: 409, body: { error: { code: 'idempotency_request_in_progress' } } });
    }
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 1_000, ledgerRows: 1 });
  });

  it('replays a refusal too: a retried payment that lacked money answers the same 409', async () => {
    const userId = uniqueUserId();
    const token = await activeToken(t.app, userId);
    const reservation = await createPendingReservation(t.database.db, {
      userId,
      totalAmount: 750,
      expiresAt: new Date(clock.now().getTime() + HOUR_MS),
    });
    const headers = key('short');
    const first = await calls.pay(token, { reservationId: reservation.id }, headers);
    expect(first.body.error.code).toBe('insufficient_balance');
    await calls.charge(userId, { amount: 1_000 });
    const retry = await calls.pay(token, { reservationId: reservation.id }, headers);
    expect(retry).toMatchObject({ status: 409, body: first.body });
    // A new key is a new attempt.
    expect((await calls.pay(token, { reservationId: reservation.id }, key('short-again'))).status).toBe(200);
  });

  it('replays a payment to a retry after the token left the active set', async () => {
    const userId = uniqueUserId();
    await calls.charge(userId, { amount: 1_000 });
    const token = await activeToken(t.app, userId);
    const reservation = await createPendingReservation(t.database.db, {
      userId,
      totalAmount: 750,
      expiresAt: new Date(clock.now().getTime() + HOUR_MS),
    });
    const headers = key('pay');
    const first = await calls.pay(token, { reservationId: reservation.id }, headers);
    const retry = await calls.pay(token, { reservationId: reservation.id }, headers);
    expect(first.status).toBe(200);
    expect(retry).toMatchObject({ status: 200, body: first.body });
    expect((await booksOf(t.database.db, userId)).balance).toBe(250);
  });

  it('refuses a malformed key as 400 naming the header', async () => {
    const answer = await calls.charge(uniqueUserId(), { amount: 1 }, { 'Idempotency-Key': 'k'.repeat(256) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].field).toBe('idempotency-key');
  });

  it('forgets keys after the TTL: the key works anew, and the purge deletes expired keys', async () => {
    const userId = uniqueUserId();
    const headers = key('ttl');
    await calls.charge(userId, { amount: 100 }, headers);
    clock.advance(24 * HOUR_MS);
    expect((await calls.charge(userId, { amount: 100 }, headers)).body.data.balance).toBe(200);

    const other = uniqueUserId();
    await calls.charge(other, { amount: 100 }, key('purged'));
    clock.advance(24 * HOUR_MS);
    const purged = await walletServices(t.deps).purgeIdempotencyKeys();
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await t.database.db
      .select()
      .from(schema.idempotencyKey)
      .where(eq(schema.idempotencyKey.userId, other));
    expect(left).toEqual([]);
  });
});
