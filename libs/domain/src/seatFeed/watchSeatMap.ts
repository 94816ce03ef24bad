import type { SeatState } from '../booking/booking.js';
import type { CatalogReader } from '../booking/catalog.js';
import { openEvent } from '../booking/openEvent.js';
import type { SeatInventory } from '../booking/ports.js';
import type { Clock } from '../shared/clock.js';
import type { SeatChangeFeed, SequencedSeatChange } from './seatChangeFeed.js';

export interface SeatWatchContext {
  catalog: CatalogReader;
  inventory: Pick<SeatInventory, 'seatMap'>;
  feed: SeatChangeFeed;
  clock: Clock;
}

/** How a watch begins: the whole seat map as of `sequence`, or only the changes the watcher missed. */
export type SeatWatchStart =
  | { kind: 'snapshot'; sequence: number; seats: readonly SeatState[] }
  | { kind: 'replay'; changes: SequencedSeatChange[] };

export interface SeatWatch {
  start: SeatWatchStart;
  /** Hands every later change to `listener`, in order, none twice (those that came meanwhile first). */
  listen(listener: (change: SequencedSeatChange) => void): void;
  stop(): void;
}

const lastOf = (start: SeatWatchStart, fallback: number) =>
  start.kind === 'snapshot' ? start.sequence : (start.changes.at(-1)?.sequence ?? fallback);

/**
 * Starts watching an event's seats while it is on sale. The subscription comes first, so no change
 * falls between what the start holds and what follows it: changes that arrive while the start is
 * read wait, and those the start already covers (sequence at or below its own) are skipped. A watcher
 * that names the last change it saw gets only the ones after it, when the feed still keeps them all;
 * otherwise, and always when it names none, the whole seat map. A change may reach a watcher whose
 * snapshot already shows it: changes carry the state a seat has become, so applying one twice is harmless.
 */
export async function watchSeatMap({
  ctx,
  input,
}: {
  ctx: SeatWatchContext;
  input: { concertEventId: number; lastSequence?: number };
}): Promise<SeatWatch> {
  const { concertEventId, lastSequence } = input;
  await openEvent(ctx.catalog, concertEventId, ctx.clock.now());
  const pending: SequencedSeatChange[] = [];
  let deliver: ((change: SequencedSeatChange) => void) | undefined;
  let seen = Number.POSITIVE_INFINITY;
  const unsubscribe = await ctx.feed.subscribe(concertEventId, (change) => {
    if (!deliver) pending.push(change);
    else if (change.sequence > seen) {
      seen = change.sequence;
      deliver(change);
    }
  });
  try {
    const start = await startOf(ctx, concertEventId, lastSequence);
    seen = lastOf(start, lastSequence ?? 0);
    return {
      start,
      listen(listener) {
        deliver = listener;
        for (const change of pending.splice(0)) {
          if (change.sequence <= seen) continue;
          seen = change.sequence;
          listener(change);
        }
      },
      stop: unsubscribe,
    };
  } catch (error) {
    unsubscribe();
    throw error;
  }
}

async function startOf(ctx: SeatWatchContext, concertEventId: number, lastSequence: number | undefined): Promise<SeatWatchStart> {
  if (lastSequence !== undefined) {
    const missed = await ctx.feed.changesSince(concertEventId, lastSequence);
    // A resync among them means changes were lost: only a fresh seat map is right then.
    if (missed && !missed.some((change) => change.kind === 'resync')) return { kind: 'replay', changes: missed };
  }
  // The sequence before the seats: every change after it is delivered, so none the read missed is lost.
  const sequence = await ctx.feed.lastSequence(concertEventId);
  return { kind: 'snapshot', sequence, seats: await ctx.inventory.seatMap(concertEventId) };
}
