import { assertIdentity } from '../shared/identity.js';
import type { QueueContext } from './queueContext.js';
import { readQueueToken } from './readQueueToken.js';

export interface TokenInput {
  token: string | undefined;
  /** The user the gateway in front vouched for, when there is one. */
  identity?: number | undefined;
}

/**
 * The user a queue token belongs to, held to the gateway's identity: how every call that bears a
 * token starts. Reads the signature only, not the waiting room.
 */
export async function checkQueueToken({ ctx, input }: { ctx: Pick<QueueContext, 'signer' | 'clock'>; input: TokenInput }): Promise<number> {
  const userId = await readQueueToken(ctx.signer, input.token, ctx.clock.now());
  assertIdentity(input.identity, userId);
  return userId;
}
