import { createHash } from 'node:crypto';
import { chargeWalletOperation } from '@concert/contract';
import { createIdempotencyStore, createWalletStore } from '@concert/db';
import {
  noSeatChangeFeed,
  chargeWallet,
  IN_FLIGHT_LEASE_MS,
  manualClock,
  runIdempotently,
  type IdempotencyContext,
  type WalletStore,
  type WalletView,
} from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/http/appEnv.js';
import { recordAnswer } from '../../src/http/answerIdempotently.js';
import { createErrorHandler } from '../../src/http/onError.js';
import { validationHook } from '../../src/http/validationHook.js';
import { chargeWalletRoute } from '../../src/routes/wallet/chargeWallet.js';
import { walletServices } from '../../src/wiring/wallet.js';
import { booksOf, recordingReleaser } from '../support/walletBooks.js';
import { walletApp } from '../support/walletApp.js';

const AMOUNT = 1_000;
const answerOf = (wallet: WalletView) => ({ data: wallet });

/** The scope and body hash the HTTP edge uses for a charge of AMOUNT under `key`. */
const keyed = (userId: number, key: string) => ({
  scope: { userId, route: chargeWalletOperation.operationId, key },
  requestHash: createHash('sha256').update(JSON.stringify({ amount: AMOUNT })).digest('hex'),
});

/**
 * A process that dies right after the charge's transaction: the idempotency store's own
 * `complete`, the step after it, never happens. The same database and clock as the live app.
 */
function dying(ctx: IdempotencyContext): IdempotencyContext {
  return { ...ctx, store: { ...ctx.store, complete: () => Promise.reject(new Error('the process died here')) } };
}

describe('a charge retried with its Idempotency-Key after a crash charges once (real MariaDB)', () => {
  const clock = manualClock(new Date());
  const app = walletApp({}, clock);
  const services = () => walletServices(app.t.deps, recordingReleaser(), noSeatChangeFeed);
  const charge = (userId: number, key: string) => app.calls.charge(userId, { amount: AMOUNT }, { 'Idempotency-Key': key });

  it('a process dying after the charge commits left the key answered: 20 retries after the lease replay it', async () => {
    const userId = uniqueUserId();
    const key = `crash-${userId}`;
    // The real route and stores, in a process whose idempotency store dies after the charge.
    const doomed = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
    doomed.onError(createErrorHandler(app.t.deps.logger));
    const live = services();
    chargeWalletRoute.register(doomed, { ...app.t.services, wallet: { ...live, idempotency: dying(live.idempotency) } });
    const crashed = await doomed.request(`/api/v1/users/${userId}/wallet/charge`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ amount: AMOUNT }),
    });
    expect(crashed.status).toBe(500);
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: AMOUNT, ledgerRows: 1 });

    clock.advance(IN_FLIGHT_LEASE_MS);
    const retries = await Promise.all(Array.from({ length: 20 }, () => charge(userId, key)));
    for (const retry of retries) {
      expect(retry).toMatchObject({ status: 200, body: { data: { userId, balance: AMOUNT } } });
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    }
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: AMOUNT, ledgerSum: AMOUNT, ledgerRows: 1 });
  });

  it('control: the answer stored after the charge commits, as before, lets the same crash charge twice', async () => {
    const userId = uniqueUserId();
    const key = `control-${userId}`;
    const live = services();
    const oldFlow = runIdempotently({
      ctx: dying(live.idempotency),
      input: {
        ...keyed(userId, key),
        // The seal ignored: the charge commits alone and the answer was to follow it.
        execute: async () => ({ statusCode: 200, body: answerOf(await live.charge({ userId, amount: AMOUNT })) }),
      },
    });
    await expect(oldFlow).rejects.toThrow('the process died here');

    clock.advance(IN_FLIGHT_LEASE_MS);
    const retry = await charge(userId, key);
    expect(retry).toMatchObject({ status: 200, body: { data: { userId, balance: 2 * AMOUNT } } });
    expect(retry.headers.get('Idempotent-Replayed')).toBeNull();
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: 2 * AMOUNT, ledgerRows: 2 });
  });

  it('a run stalled past its lease and overtaken by its retry rolls its charge back', async () => {
    const userId = uniqueUserId();
    const key = `stalled-${userId}`;
    const store = createWalletStore(app.t.database);
    let arrived = (): void => undefined;
    let resume = (): void => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    // Stalls (a GC pause, a pool wait) after its claim, before its transaction begins.
    const stalling: WalletStore = {
      ...store,
      charge: async (credit, record) => {
        arrived();
        await resumed;
        return store.charge(credit, record);
      },
    };
    const stalled = runIdempotently({
      ctx: services().idempotency,
      input: {
        ...keyed(userId, key),
        execute: async (seal) => {
          const input = { userId, amount: AMOUNT, record: recordAnswer(seal, answerOf) };
          const wallet = await chargeWallet({ ctx: { store: stalling, limits: app.t.deps.config.wallet }, input });
          return { statusCode: 200, body: answerOf(wallet) };
        },
      },
    });
    await reached;
    clock.advance(IN_FLIGHT_LEASE_MS);
    const retry = await charge(userId, key);
    expect(retry).toMatchObject({ status: 200, body: { data: { userId, balance: AMOUNT } } });
    expect(retry.headers.get('Idempotent-Replayed')).toBeNull();

    resume();
    await expect(stalled).rejects.toThrow('lost its claim');
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: AMOUNT, ledgerSum: AMOUNT, ledgerRows: 1 });
    expect((await charge(userId, key)).headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('a process dying before the charge commits: of 20 retries racing after the lease, one charges', async () => {
    const userId = uniqueUserId();
    const key = `early-${userId}`;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + IN_FLIGHT_LEASE_MS);
    await createIdempotencyStore(app.t.database.db).claim({ ...keyed(userId, key), now, leaseUntil });

    clock.advance(IN_FLIGHT_LEASE_MS);
    const retries = await Promise.all(Array.from({ length: 20 }, () => charge(userId, key)));
    const charged = retries.filter((retry) => retry.status === 200 && retry.headers.get('Idempotent-Replayed') === null);
    expect(charged).toHaveLength(1);
    for (const retry of retries) {
      if (retry.status === 200) expect(retry.body).toEqual({ data: { userId, balance: AMOUNT } });
      else expect(retry).toMatchObject({ status: 409, body: { error: { code: 'idempotency_request_in_progress' } } });
    }
    expect(await booksOf(app.t.database.db, userId)).toMatchObject({ balance: AMOUNT, ledgerSum: AMOUNT, ledgerRows: 1 });
  });
});
