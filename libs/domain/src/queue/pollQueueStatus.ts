import { checkQueueToken, type TokenInput } from './checkQueueToken.js';
import type { EventsOnSale } from './eventsOnSale.js';
import type { QueuePlace } from './queueAnswer.js';
import { queuePlace } from './queueAnswer.js';
import type { QueueContext } from './queueContext.js';
import { tokenExpired } from './readQueueToken.js';

export interface QueueStatusAnswer extends QueuePlace {
  /** The events still on sale (EventsOnSale): empty once the whole catalog is sold out. */
  eventsOnSale: number[];
}

/**
 * Where the token's user stands, and what is still on sale. Polling is what keeps a waiting place:
 * an entry not polled within the poll timeout drops out, and its token then answers token_expired.
 */
export async function pollQueueStatus({
  ctx,
  input,
}: {
  ctx: QueueContext & { sales: EventsOnSale };
  input: TokenInput;
}): Promise<QueueStatusAnswer> {
  const userId = await checkQueueToken({ ctx, input });
  const now = ctx.clock.now();
  const [view, eventsOnSale] = await Promise.all([ctx.store.poll(userId, now), ctx.sales.eventsOnSale(now)]);
  if (view.status === 'GONE') throw tokenExpired();
  return { ...queuePlace(view, ctx.policy), eventsOnSale };
}
