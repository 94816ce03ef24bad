import type { Clock } from '../shared/clock.js';
import type { EventStream, OutboxStore } from './relayPorts.js';

export interface RelayContext {
  outbox: OutboxStore;
  stream: EventStream;
  clock: Clock;
}

export interface RelaySettings {
  /** Events claimed per transaction. */
  batch: number;
  /** Batches per pass at most, so one pass ends even while writers keep adding. */
  maxBatches: number;
  /** Published events are kept this long, then pruned. */
  retentionMs: number;
}

/** Rows deleted per prune statement: short transactions, the next pass deletes the rest. */
const PRUNE_BATCH = 1_000;

/**
 * One pass of the relay: publishes the outbox's unpublished events to the stream, batch after batch
 * until one comes back short, then prunes what was published long enough ago. Delivery is at least
 * once: a relay that dies after appending but before its mark commits leaves the events unpublished,
 * and the next pass (this process or another) appends them again; consumers dedupe by event id.
 */
export async function relayEvents({ ctx, input }: { ctx: RelayContext; input: RelaySettings }): Promise<{ published: number; pruned: number }> {
  let published = 0;
  for (let batches = 0; batches < input.maxBatches; batches++) {
    const count = await ctx.outbox.relayBatch(input.batch, (entries) => ctx.stream.append(entries));
    published += count;
    if (count < input.batch) break;
  }
  const pruned = await ctx.outbox.prune(new Date(ctx.clock.now().getTime() - input.retentionMs), PRUNE_BATCH);
  return { published, pruned };
}
