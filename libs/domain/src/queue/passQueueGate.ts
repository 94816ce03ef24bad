import { DomainError } from '../shared/domainError.js';
import { checkQueueToken, type TokenInput } from './checkQueueToken.js';
import type { QueueContext } from './queueContext.js';
import { tokenExpired } from './readQueueToken.js';

export interface GateInput extends TokenInput {
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
  const userId = await checkQueueToken({ ctx, input });
  const entry = await ctx.store.touch(userId, ctx.clock.now());
  if (entry.status === 'ACTIVE') return { userId, active: true };
  if (input.allowInactive) return { userId, active: false };
  if (entry.status === 'WAITING') {
    throw new DomainError('token_not_active', 'Still waiting in line: poll GET /api/v1/queue/status until position is 0.', {
      position: entry.position,
    });
  }
  throw tokenExpired();
}
