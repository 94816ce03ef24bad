import type { QueueUser } from '@concert/domain';

/** The Hono env of a gated route: `c.var.queueUser` is set by requireQueueToken. */
export interface GatedEnv {
  Variables: { queueUser: QueueUser };
}
