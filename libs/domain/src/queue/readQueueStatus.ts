import type { Clock } from '../shared/clock.js';
import type { QueueConsole, QueueSnapshot } from './queueConsole.js';
import type { QueuePolicy } from './queuePolicy.js';

export interface QueueStatus extends QueueSnapshot {
  maxActiveUsers: number;
  admissionsPerSecond: number;
}

/** The waiting room's counts beside the limits they run under, for the operator. */
export async function readQueueStatus({
  ctx,
}: {
  ctx: { console: QueueConsole; clock: Clock; policy: Pick<QueuePolicy, 'maxActiveUsers' | 'admissionsPerSecond'> };
}): Promise<QueueStatus> {
  const snapshot = await ctx.console.snapshot(ctx.clock.now());
  return {
    ...snapshot,
    maxActiveUsers: ctx.policy.maxActiveUsers,
    admissionsPerSecond: ctx.policy.admissionsPerSecond,
  };
}
