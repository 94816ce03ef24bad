import type { BookingContext, RefundContext, RelayContext, SeatChangeFeed, SeatWatchContext } from '@concert/domain';
import type { BodyCache } from '@concert/redis';
import type { AppDeps } from './deps.js';
import { createBookingContext } from './wiring/booking.js';
import { createCatalogCache } from './wiring/catalogCache.js';
import { createIdentityReader, type IdentityReader } from './wiring/identity.js';
import { createQueueServices, type QueueServices } from './wiring/queue.js';
import type { SseStreams } from './streams/sseStreams.js';
import { createRefundContext } from './wiring/refunds.js';
import { createSeatFeed, createSeatStreams } from './wiring/seatFeed.js';
import { createRelayContext } from './wiring/relay.js';
import { walletServices, type WalletServices } from './wiring/wallet.js';

/**
 * Everything the routes and the background jobs run with, built once per app from its dependencies
 * (createApp) and handed to every route factory: one catalog cache, one waiting-room store, one
 * booking context, one set of wallet services, one seat feed and its streams.
 */
export interface Services extends AppDeps {
  catalogCache: BodyCache;
  queue: QueueServices;
  booking: BookingContext;
  wallet: WalletServices;
  refunds: RefundContext;
  /** The outbox relay's ports (jobs/outboxRelay.ts). */
  relay: RelayContext;
  readIdentity: IdentityReader;
  /** Every seat change is published here after its commit; the seat streams subscribe to it. */
  seatFeed: SeatChangeFeed & { close(): void };
  /** What a seat stream starts from: the event's window and seats (MySQL), and the feed. */
  seatWatch: SeatWatchContext;
  seatStreams: SseStreams;
}

export function createServices(deps: AppDeps): Services {
  const catalogCache = createCatalogCache(deps);
  const queue = createQueueServices(deps);
  const seatFeed = createSeatFeed(deps);
  const booking = createBookingContext(deps, catalogCache, seatFeed, queue.store);
  return {
    ...deps,
    catalogCache,
    queue,
    booking,
    wallet: walletServices(deps, queue.releaser, seatFeed),
    refunds: createRefundContext(deps, seatFeed),
    relay: createRelayContext(deps),
    readIdentity: createIdentityReader(deps.config.auth),
    seatFeed,
    seatWatch: { catalog: booking.catalog, inventory: booking.inventory, feed: seatFeed, clock: booking.clock },
    seatStreams: createSeatStreams(deps),
  };
}
