/** The waiting room's numbers, each a setting (libs/config, QUEUE_*). */
export interface QueuePolicy {
  maxActiveUsers: number;
  admissionsPerSecond: number;
  idleTimeoutSeconds: number;
  tokenLifetimeSeconds: number;
  waitingPollTimeoutSeconds: number;
}
