import { describe, expect, it } from 'vitest';
import {
  IN_FLIGHT_LEASE_MS,
  isDomainError,
  manualClock,
  runIdempotently,
  type IdempotencyRecord,
  type IdempotencyStore,
  type IdempotentOutcome,
} from '../src/index.js';

/** An in-memory store with the adapter's semantics: one claim per key, taken over once expired. */
function memoryStore(): IdempotencyStore {
  const rows = new Map<string, { record: IdempotencyRecord; expiresAt: Date }>();
  return {
    async claim({ scope, requestHash, now, leaseUntil }) {
      const existing = rows.get(scope.key);
      if (existing && existing.expiresAt > now) return { claimed: false, record: existing.record };
      rows.set(scope.key, { record: { requestHash, state: 'in_progress' }, expiresAt: leaseUntil });
      return { claimed: true };
    },
    async complete({ scope, outcome, expiresAt }) {
      const row = rows.get(scope.key);
      if (row) rows.set(scope.key, { record: { requestHash: row.record.requestHash, state: 'done', outcome }, expiresAt });
    },
    async release(scope) {
      rows.delete(scope.key);
    },
    async purgeExpired() {
      return 0;
    },
  };
}

const scope = { userId: 1, route: 'chargeWallet', key: 'k1' };

describe('runIdempotently', () => {
  const setup = () => {
    const clock = manualClock();
    const ctx = { store: memoryStore(), clock, ttlHours: 24 };
    let runs = 0;
    const run = (requestHash: string, outcome: IdempotentOutcome = { statusCode: 200, body: { ok: true } }) =>
      runIdempotently({
        ctx,
        input: {
          scope,
          requestHash,
          execute: async () => {
            runs += 1;
            return outcome;
          },
        },
      });
    return { clock, ctx, run, runs: () => runs };
  };
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: unknown) => (isDomainError(error) ? error.code : String(error)),
    );

  it('runs once and replays the stored outcome to the same request', async () => {
    const { run, runs } = setup();
    expect(await run('a')).toEqual({ outcome: { statusCode: 200, body: { ok: true } }, replayed: false });
    expect(await run('a')).toEqual({ outcome: { statusCode: 200, body: { ok: true } }, replayed: true });
    expect(runs()).toBe(1);
  });

  it('refuses the key with another body, and a duplicate while the first runs', async () => {
    const { ctx, run } = setup();
    await run('a');
    expect(await codeOf(run('b'))).toBe('idempotency_key_reused');
    await ctx.store.claim({ scope: { ...scope, key: 'busy' }, requestHash: 'a', now: ctx.clock.now(), leaseUntil: new Date(8e15) });
    const busy = runIdempotently({
      ctx,
      input: { scope: { ...scope, key: 'busy' }, requestHash: 'a', execute: async () => ({ statusCode: 200, body: {} }) },
    });
    expect(await codeOf(busy)).toBe('idempotency_request_in_progress');
  });

  it('keeps 4xx verdicts but frees the key after a 5xx or a throw, so the retry runs again', async () => {
    const { run, runs } = setup();
    await run('a', { statusCode: 409, body: { error: { code: 'insufficient_balance' } } });
    expect((await run('a')).outcome.statusCode).toBe(409);
    expect(runs()).toBe(1);

    const other = setup();
    await other.run('a', { statusCode: 500, body: {} });
    expect((await other.run('a')).replayed).toBe(false);
    expect(other.runs()).toBe(2);
  });

  it("hands the operation its key's seal, to store the outcome inside its own transaction", async () => {
    const { ctx, clock } = setup();
    const seals: unknown[] = [];
    await runIdempotently({
      ctx,
      input: {
        scope,
        requestHash: 'a',
        execute: async (seal) => {
          seals.push(seal);
          return { statusCode: 200, body: {} };
        },
      },
    });
    expect(seals).toEqual([{ scope, expiresAt: new Date(clock.now().getTime() + 24 * 3_600_000) }]);
  });

  it('takes over an abandoned claim after its lease, and a finished key after its TTL', async () => {
    const { ctx, clock, run, runs } = setup();
    await ctx.store.claim({ scope, requestHash: 'a', now: clock.now(), leaseUntil: new Date(clock.now().getTime() + IN_FLIGHT_LEASE_MS) });
    clock.advance(IN_FLIGHT_LEASE_MS);
    expect((await run('a')).replayed).toBe(false);
    clock.advance(24 * 3_600_000);
    expect((await run('b')).replayed).toBe(false);
    expect(runs()).toBe(2);
  });
});
