import { assertIdentity } from '../shared/identity.js';
import type { QueuePlace } from './queueAnswer.js';
import { queuePlace } from './queueAnswer.js';
import type { QueueContext } from './queueContext.js';

export interface EnterQueueInput {
  userId: number;
  /** The gateway's authenticated user id, when a gateway is set up. */
  identity?: number | undefined;
}

/**
 * Gives a user a token and a place. Asking again returns the same place (keyed by user id) and a
 * new token, while earlier tokens keep working: re-entering never jumps the line or duplicates it.
 */
export async function enterQueue({
  ctx,
  input,
}: {
  ctx: QueueContext;
  input: EnterQueueInput;
}): Promise<QueuePlace & { token: string }> {
  assertIdentity(input.identity, input.userId);
  const now = ctx.clock.now();
  const view = await ctx.store.enter(input.userId, now);
  if (view.status === 'GONE') {
    // enter() always leaves the user waiting or active; GONE here means the store broke its promise.
    throw new Error(`Queue store returned no entry for user ${input.userId} right after entering.`);
  }
  const token = await ctx.signer.issue(input.userId, now);
  return { token, ...queuePlace(view, ctx.policy) };
}
