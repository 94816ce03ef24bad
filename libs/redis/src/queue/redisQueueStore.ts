import type { QueueConsole, QueueEntry, QueuePolicy, QueueSnapshot, QueueStore, QueueView } from '@concert/domain';
import type { Redis } from 'ioredis';
import { queueKeys, scriptKeys, type QueueKeys } from './queueKeys.js';
import {
  admitNowScript,
  admitScript,
  enterScript,
  pollScript,
  RATE_WINDOW_SECONDS,
  releaseScript,
  statusScript,
  touchScript,
} from './queueScripts.js';

/** Lapsed entries dropped per admission tick at most, so one tick stays short even after an outage. */
const SWEEP_LIMIT = 1_000;

type Reply = [status: 'ACTIVE' | 'WAITING' | 'GONE', position: number, admittedInWindow?: number];

function toEntry([status, position]: Reply): QueueEntry {
  if (status === 'WAITING') return { status, position };
  return { status };
}

/**
 * The waiting room in Redis (docs/ARCHITECTURE.md): FIFO line, active set and admission budget,
 * every change one atomic Lua script, so any number of API processes share it safely.
 */
export class RedisQueueStore implements QueueStore, QueueConsole {
  private readonly named: QueueKeys;
  private readonly keys: readonly string[];

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    private readonly policy: QueuePolicy,
  ) {
    this.named = queueKeys(keyPrefix);
    this.keys = scriptKeys(this.named);
  }

  private args(now: Date, own: string | number) {
    const { policy } = this;
    return [
      now.getTime(),
      policy.maxActiveUsers,
      policy.admissionsPerSecond,
      policy.idleTimeoutSeconds * 1_000,
      policy.tokenLifetimeSeconds * 1_000,
      policy.waitingPollTimeoutSeconds * 1_000,
      own,
    ];
  }

  private async view(run: typeof enterScript, userId: number, now: Date): Promise<QueueView> {
    const reply = (await run(this.redis, this.keys, this.args(now, userId))) as Reply;
    return { ...toEntry(reply), achievedPerSecond: (reply[2] ?? 0) / RATE_WINDOW_SECONDS };
  }

  enter(userId: number, now: Date) {
    return this.view(enterScript, userId, now);
  }

  poll(userId: number, now: Date) {
    return this.view(pollScript, userId, now);
  }

  async touch(userId: number, now: Date) {
    return toEntry((await touchScript(this.redis, this.keys, this.args(now, userId))) as Reply);
  }

  async release(userId: number) {
    // No instant matters for leaving; the prelude still expects one.
    await releaseScript(this.redis, this.keys, this.args(new Date(0), userId));
  }

  async admit(now: Date) {
    return (await admitScript(this.redis, this.keys, this.args(now, SWEEP_LIMIT))) as number;
  }

  async admitNow(count: number, now: Date) {
    return (await admitNowScript(this.redis, this.keys, this.args(now, count))) as number;
  }

  async snapshot(now: Date): Promise<QueueSnapshot> {
    const [waiting, active, admittedInWindow, headArrivedAt] = (await statusScript(
      this.redis,
      this.keys,
      this.args(now, 0),
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
