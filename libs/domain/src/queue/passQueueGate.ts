import { DomainError } from '../shared/domainError.js';
import { assertIdentity } from '../shared/identity.js';
import type { QueueContext } from './queueContext.js';
import { readQueueToken, tokenExpired } from './readQueueToken.js';

export interface GateInput {
  token: string | undefined;
  identity?: number | undefined;
  /**
   * Let a validly signed token through even when its user is not active, saying so: a user who has
   * paid (and so left the active set) may still replay that payment.
   */
  allowInactive?: boolean;
}

export interface QueueUser {
  userId: number;
  active: boolean;
}

/**
 * The check in front of every gated route. The user id comes from the token, never from the body;
 * an active user's call refreshes the idle timeout.
 */
export async function passQueueGate({ ctx, input }: { ctx: QueueContext; input: GateInput }): Promise<QueueUser> {
  const now = ctx.clock.now();
  const userId = await readQueueToken(ctx.signer, input.token, now);
  assertIdentity(input.identity, userId);
  const entry = await ctx.store.touch(userId, now);
  if (entry.status === 'ACTIVE') return { userId, active: true };
  if (input.allowInactive) return { userId, active: false };
  if (entry.status === 'WAITING') {
    throw new DomainError('token_not_active', 'Still waiting in line: poll GET /api/v1/queue/status until position is 0.', {
      position: entry.position,
    });
  }
  throw tokenExpired();
}
