import {
  type ActiveSlotKeeper,
  DomainError,
  type QueueConsole,
  type QueueEntry,
  type QueuePolicy,
  type QueueSnapshot,
  type QueueStore,
  type QueueView,
} from '@concert/domain';
import { ReplyError } from 'ioredis';
import { isClusterSettling, type RedisClient } from '../client.js';
import { queueKeys, scriptKeys, type QueueKeys } from './queueKeys.js';
import {
  admitNowScript,
  admitScript,
  enterScript,
  keepScript,
  pollScript,
  RATE_WINDOW_SECONDS,
  releaseScript,
  statusScript,
  touchScript,
} from './queueScripts.js';

/** Lapsed entries dropped per admission tick at most, so one tick stays short even after an outage. */
const SWEEP_LIMIT = 1_000;

type Reply = [status: 'ACTIVE' | 'WAITING' | 'GONE', position: number, admittedInWindow?: number];

/**
 * Redis out of reach (refused, closed, timed out: commands fail fast, there is no offline queue) or
 * a cluster settling is an outage the caller can only wait out: 503 queue_unavailable, not a 500.
 * Any other error the server replied with (a script bug) stays a plain failure.
 */
async function reachable<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    if (error instanceof ReplyError && !isClusterSettling(error)) throw error;
    throw new DomainError('queue_unavailable', 'The waiting room is unavailable for a moment. Please retry shortly.');
  }
}

function toEntry([status, position]: Reply): QueueEntry {
  if (status === 'WAITING') return { status, position };
  return { status };
}

/**
 * The waiting room in Redis (docs/ARCHITECTURE.md): FIFO line, active set and admission budget,
 * every change one atomic Lua script, so any number of API processes share it safely.
 */
export class RedisQueueStore implements QueueStore, QueueConsole, ActiveSlotKeeper {
  private readonly named: QueueKeys;
  private readonly keys: readonly string[];

  /**
   * `adaptive`: the per-second budget is the admission controller's rate (RedisAdmissionControl),
   * `policy.admissionsPerSecond` only until its first decision; the wiring passes the minimum there.
   */
  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    private readonly policy: QueuePolicy,
    private readonly adaptive = false,
  ) {
    this.named = queueKeys(keyPrefix);
    this.keys = scriptKeys(this.named);
  }

  private args(now: Date, ...own: (string | number)[]) {
    const { policy } = this;
    return [
      now.getTime(),
      policy.maxActiveUsers,
      policy.admissionsPerSecond,
      policy.idleTimeoutSeconds * 1_000,
      policy.tokenLifetimeSeconds * 1_000,
      policy.waitingPollTimeoutSeconds * 1_000,
      this.adaptive ? 1 : 0,
      ...own,
    ];
  }

  private async view(run: typeof enterScript, userId: number, now: Date): Promise<QueueView> {
    const reply = (await reachable(run(this.redis, this.keys, this.args(now, userId)))) as Reply;
    return { ...toEntry(reply), achievedPerSecond: (reply[2] ?? 0) / RATE_WINDOW_SECONDS };
  }

  enter(userId: number, now: Date) {
    return this.view(enterScript, userId, now);
  }

  poll(userId: number, now: Date) {
    return this.view(pollScript, userId, now);
  }

  async touch(userId: number, now: Date) {
    return toEntry((await reachable(touchScript(this.redis, this.keys, this.args(now, userId)))) as Reply);
  }

  async keepUntil(userId: number, until: Date, now: Date) {
    await reachable(keepScript(this.redis, this.keys, this.args(now, userId, until.getTime())));
  }

  async release(userId: number) {
    // No instant matters for leaving; the prelude still expects one.
    await reachable(releaseScript(this.redis, this.keys, this.args(new Date(0), userId)));
  }

  async admit(now: Date) {
    return (await reachable(admitScript(this.redis, this.keys, this.args(now, SWEEP_LIMIT)))) as number;
  }

  async admitNow(count: number, now: Date) {
    return (await reachable(admitNowScript(this.redis, this.keys, this.args(now, count)))) as number;
  }

  async snapshot(now: Date): Promise<QueueSnapshot> {
    const [waiting, active, admittedInWindow, headArrivedAt] = (await reachable(
      statusScript(this.redis, this.keys, this.args(now, 0)),
    )) as [number, number, number, number];
    return {
      waiting,
      active,
      admittedPerSecond: admittedInWindow / RATE_WINDOW_SECONDS,
      // -1: nobody waits, or the head entered before arrivals were recorded.
      oldestWaitSeconds: headArrivedAt < 0 ? undefined : Math.max(0, (now.getTime() - headArrivedAt) / 1_000),
    };
  }

  /** How many wait and how many are active (lapsed entries not swept yet included): for metrics and tests. */
  async sizes(): Promise<{ waiting: number; active: number }> {
    const [waiting, active] = await Promise.all([this.redis.zcard(this.named.waiting), this.redis.zcard(this.named.active)]);
    return { waiting, active };
  }
}
