import { assertIdentity } from '../shared/identity.js';
import type { QueueContext } from './queueContext.js';
import { readQueueToken } from './readQueueToken.js';

/** Leaves the line or the active set at once; the freed slot goes to the next in line. Idempotent. */
export async function leaveQueue({
  ctx,
  input,
}: {
  ctx: QueueContext;
  input: { token: string | undefined; identity?: number | undefined };
}): Promise<{ userId: number }> {
  const userId = await readQueueToken(ctx.signer, input.token, ctx.clock.now());
  assertIdentity(input.identity, userId);
  await ctx.store.release(userId);
  return { userId };
}
