/** The waiting room's numbers, each a setting (libs/config, QUEUE_*). */
export interface QueuePolicy {
  maxActiveUsers: number;
  admissionsPerSecond: number;
  /** An active slot with no gated call for this long ends, unless a hold or unpaid reservation keeps it (ActiveSlotKeeper). */
  idleTimeoutSeconds: number;
  tokenLifetimeSeconds: number;
  waitingPollTimeoutSeconds: number;
}
