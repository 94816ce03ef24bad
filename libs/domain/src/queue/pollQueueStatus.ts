import { checkQueueToken, type TokenInput } from './checkQueueToken.js';
import type { QueuePlace } from './queueAnswer.js';
import { queuePlace } from './queueAnswer.js';
import type { QueueContext } from './queueContext.js';
import { tokenExpired } from './readQueueToken.js';

/**
 * Where the token's user stands. Polling is what keeps a waiting place: an entry not polled within
 * the poll timeout drops out, and its token then answers token_expired.
 */
export async function pollQueueStatus({
  ctx,
  input,
}: {
  ctx: QueueContext;
  input: TokenInput;
}): Promise<QueuePlace> {
  const userId = await checkQueueToken({ ctx, input });
  const view = await ctx.store.poll(userId, ctx.clock.now());
  if (view.status === 'GONE') throw tokenExpired();
  return queuePlace(view, ctx.policy);
}
