import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domainError.js';
import type { QueueConsole } from './queueConsole.js';
import type { QueuePolicy } from './queuePolicy.js';

/**
 * An operator admits `count` users now, e.g. to open the doors faster than the per-second budget.
 * The budget is bypassed on purpose; the cap on active users is not, since it protects the booking
 * database. Fewer than asked are admitted when the line is shorter or the cap is near.
 */
export async function admitQueueNow({
  ctx,
  input,
}: {
  ctx: { console: QueueConsole; clock: Clock; policy: Pick<QueuePolicy, 'maxActiveUsers'> };
  input: { count: number };
}): Promise<{ admitted: number }> {
  const { count } = input;
  if (!Number.isSafeInteger(count) || count < 1 || count > ctx.policy.maxActiveUsers) {
    throw new DomainError('invalid_request', 'Invalid request: check count.', [
      { field: 'count', message: `Must be a whole number from 1 to ${ctx.policy.maxActiveUsers} (QUEUE_MAX_ACTIVE_USERS).` },
    ]);
  }
  return { admitted: await ctx.console.admitNow(count, ctx.clock.now()) };
}
