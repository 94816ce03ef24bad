import type { Clock } from '../shared/clock.js';
import type { IdempotencyStore } from './idempotencyStore.js';

/** Small batches: each DELETE holds its locks briefly, so purging never stalls live requests. */
const BATCH = 1_000;

/** Deletes every stored key past its expiry; answers how many went. Safe to run from several processes. */
export async function purgeIdempotencyKeys({ ctx }: { ctx: { store: IdempotencyStore; clock: Clock } }): Promise<number> {
  const now = ctx.clock.now();
  let total = 0;
  for (;;) {
    const deleted = await ctx.store.purgeExpired({ now, limit: BATCH });
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
