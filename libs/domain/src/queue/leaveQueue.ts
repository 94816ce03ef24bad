import { checkQueueToken, type TokenInput } from './checkQueueToken.js';
import type { QueueContext } from './queueContext.js';

/** Leaves the line or the active set at once; the freed slot goes to the next in line. Idempotent. */
export async function leaveQueue({
  ctx,
  input,
}: {
  ctx: QueueContext;
  input: TokenInput;
}): Promise<{ userId: number }> {
  const userId = await checkQueueToken({ ctx, input });
  await ctx.store.release(userId);
  return { userId };
}
