import { listConcertsOperation } from '@concert/contract';
import { listConcerts } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { sendCachedJson } from '../../http/sendCachedJson.js';

/** The list's key in the catalog cache. */
export const CONCERT_LIST_KEY = 'concerts';

/**
 * Cached until a catalog write invalidates it: the list has no time-dependent part. A cache hit
 * sends the bytes serialised at load time (from process memory, within the cache's memory TTL).
 */
export const listConcertsRoute = defineRoute(
  listConcertsOperation,
  ({ booking, catalogCache }) =>
    (c) =>
      sendCachedJson(c, catalogCache, CONCERT_LIST_KEY, async () => ({ value: { list: await listConcerts({ ctx: booking }) } })),
  { gatedWhen: (config) => config.queue.gateConcertList },
);
