import { assertIdentity } from '../shared/identity.js';
import type { QueuePlace } from './queueAnswer.js';
import { queuePlace } from './queueAnswer.js';
import type { QueueContext } from './queueContext.js';
import { readQueueToken, tokenExpired } from './readQueueToken.js';

/**
 * Where the token's user stands. Polling is what keeps a waiting place: an entry not polled within
 * the poll timeout drops out, and its token then answers token_expired.
 */
export async function pollQueueStatus({
  ctx,
  input,
}: {
  ctx: QueueContext;
  input: { token: string | undefined; identity?: number | undefined };
}): Promise<QueuePlace> {
  const now = ctx.clock.now();
  const userId = await readQueueToken(ctx.signer, input.token, now);
  assertIdentity(input.identity, userId);
  const view = await ctx.store.poll(userId, now);
  if (view.status === 'GONE') throw tokenExpired();
  return queuePlace(view, ctx.policy);
}
