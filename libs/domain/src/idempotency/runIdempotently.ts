import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domainError.js';
import type { IdempotencyScope, IdempotencySeal, IdempotencyStore, IdempotentOutcome } from './idempotencyStore.js';

export interface IdempotencyContext {
  store: IdempotencyStore;
  clock: Clock;
  ttlHours: number;
}

/**
 * How long a claim holds its key while its request runs. A crashed process leaves its claim
 * behind; after this a retry takes the key over instead of being refused for the whole TTL.
 */
export const IN_FLIGHT_LEASE_MS = 60_000;

const HOUR_MS = 3_600_000;

/**
 * Runs `execute` once per key: a retry with the same body gets the stored outcome, a retry with
 * another body is refused (422), and a duplicate arriving while the first still runs is refused
 * at once (409, retry later) rather than held waiting on a connection the first one may need.
 * Outcomes below 500 are the operation's verdict and are kept; a failure (5xx or a throw) frees
 * the key, so the client's retry runs the operation again.
 *
 * The outcome is stored after `execute`, in its own statement: a process dying in between leaves
 * the claim to lapse and the retry runs `execute` again. An operation whose effect must not run
 * twice (a charge) stores the outcome itself, inside its own transaction, using the `seal` it is
 * given; the later store is then a no-op.
 */
export async function runIdempotently({
  ctx,
  input,
}: {
  ctx: IdempotencyContext;
  input: { scope: IdempotencyScope; requestHash: string; execute: (seal: IdempotencySeal) => Promise<IdempotentOutcome> };
}): Promise<{ outcome: IdempotentOutcome; replayed: boolean }> {
  const { scope, requestHash } = input;
  const now = ctx.clock.now();
  const claim = await ctx.store.claim({
    scope,
    requestHash,
    now,
    leaseUntil: new Date(now.getTime() + IN_FLIGHT_LEASE_MS),
  });
  if (!claim.claimed) {
    const { record } = claim;
    if (record.requestHash !== requestHash) {
      throw new DomainError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used with another request body: use a new key.',
      );
    }
    if (record.state === 'in_progress') {
      throw new DomainError(
        'idempotency_request_in_progress',
        'A request with this Idempotency-Key is still running: retry shortly.',
      );
    }
    return { outcome: record.outcome, replayed: true };
  }
  const seal = { scope, expiresAt: new Date(now.getTime() + ctx.ttlHours * HOUR_MS) };
  let outcome: IdempotentOutcome;
  try {
    outcome = await input.execute(seal);
  } catch (error) {
    await ctx.store.release(scope);
    throw error;
  }
  if (outcome.statusCode >= 500) {
    await ctx.store.release(scope);
  } else {
    await ctx.store.complete({ ...seal, outcome });
  }
  return { outcome, replayed: false };
}
