import type { BookingContext, RefundContext } from '@concert/domain';
import type { BodyCache } from '@concert/redis';
import type { AppDeps } from './deps.js';
import { createBookingContext } from './wiring/booking.js';
import { createCatalogCache } from './wiring/catalogCache.js';
import { createIdentityReader, type IdentityReader } from './wiring/identity.js';
import { createQueueServices, type QueueServices } from './wiring/queue.js';
import { createRefundContext } from './wiring/refunds.js';
import { walletServices, type WalletServices } from './wiring/wallet.js';

/**
 * Everything the routes and the background jobs run with, built once per app from its dependencies
 * (createApp) and handed to every route factory: one catalog cache, one waiting-room store, one
 * booking context, one set of wallet services.
 */
export interface Services extends AppDeps {
  catalogCache: BodyCache;
  queue: QueueServices;
  booking: BookingContext;
  wallet: WalletServices;
  refunds: RefundContext;
  readIdentity: IdentityReader;
}

export function createServices(deps: AppDeps): Services {
  const catalogCache = createCatalogCache(deps);
  const queue = createQueueServices(deps);
  return {
    ...deps,
    catalogCache,
    queue,
    booking: createBookingContext(deps, catalogCache),
    wallet: walletServices(deps, queue.releaser),
    refunds: createRefundContext(deps),
    readIdentity: createIdentityReader(deps.config.auth),
  };
}
