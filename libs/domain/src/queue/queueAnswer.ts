import type { QueuePolicy } from './queuePolicy.js';
import type { QueueView } from './queueStore.js';
import { estimateWaitSeconds } from './estimateWait.js';

export interface QueuePlace {
  status: 'ACTIVE' | 'WAITING';
  /** 0 once active and only then; waiting positions count from 1. */
  position: number;
  estimatedWaitingTime: number;
}

/** A live entry as the client sees it. */
export function queuePlace(view: QueueView & { status: 'ACTIVE' | 'WAITING' }, policy: QueuePolicy): QueuePlace {
  if (view.status === 'ACTIVE') return { status: 'ACTIVE', position: 0, estimatedWaitingTime: 0 };
  return {
    status: 'WAITING',
    position: view.position,
    estimatedWaitingTime: estimateWaitSeconds(view.position, view.achievedPerSecond, policy.admissionsPerSecond),
  };
}
