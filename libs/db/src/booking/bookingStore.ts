import type { BookingStore } from '@concert/domain';
import { batchedTransaction } from '../batchedTransaction.js';
import type { DatabaseHandle } from '../client.js';
import { retryingTransient } from '../errors.js';
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
    transaction: (work) => retryingTransient(() => batchedTransaction(batchPool, (batches) => work(reserveInBatches(db, batches)))),
    liveHolds: (userId, concertEventId, now) => loadHolds(db, liveHoldsWhere(userId, concertEventId, now)),
  };
}
