import type { BookingStore, DomainEvent } from '@concert/domain';
import { batchedTransaction } from '../batchedTransaction.js';
import type { DatabaseHandle } from '../client.js';
import { retryingTransient } from '../errors.js';
import { outboxInsert } from '../outbox/outboxRows.js';
import { liveHoldsWhere, loadHolds } from './holdRows.js';
import { placeHoldIn } from './placeHold.js';
import { reserveInBatches } from './reserveInBatches.js';

export interface BookingStoreOptions {
  /** False only in the race test's control: holds of one user then no longer wait for each other. */
  lockUser?: boolean;
}

export function dbBookingStore({ db, batchPool }: DatabaseHandle, { lockUser = true }: BookingStoreOptions = {}): BookingStore {
  const placeHold = placeHoldIn(db, batchPool, { lockUser });
  return {
    placeHold: (hold, accept) => retryingTransient(() => placeHold(hold, accept)),
    transaction: (work) =>
      retryingTransient(() =>
        batchedTransaction(batchPool, async (batches) => {
          const events: DomainEvent[] = [];
          const result = await work(reserveInBatches(db, batches, events));
          // The events of what the work wrote commit with it, in the COMMIT's round trip.
          if (events.length > 0) await batches.commit(events.map((event) => outboxInsert(db, event)));
          return result;
        }),
      ),
    liveHolds: (userId, concertEventId, now) => loadHolds(db, liveHoldsWhere(userId, concertEventId, now)),
  };
}
