import type { AdmissionControl, AdmissionDecision, AdmissionReason, AdmissionState, PurchaseHealth } from '@concert/domain';
import type { RedisClient } from '../client.js';
import { luaScript } from '../luaScript.js';
import { purchaseHealthKey, queueKeys, type QueueKeys } from './queueKeys.js';

/** Upper bounds (ms) of the latency buckets; a last, open bucket holds the rest. */
export const HEALTH_BUCKETS_MS = [5, 10, 25, 50, 75, 100, 150, 250, 500, 1_000, 2_500] as const;
/** What a p90 in the open bucket reads as. */
const BEYOND_LAST_BUCKET_MS = 5_000;
/** Whole seconds of health a decision looks at: long enough to hold tens of samples, short enough to react. */
export const HEALTH_WINDOW_SECONDS = 2;
/** A second's health hash outlives the window by far, then goes by itself. */
const HEALTH_TTL_SECONDS = 30;

/** KEYS[1] = control. ARGV: expected decided second, second, rate, reason, samples, p90 (ms, -1: none), error rate. */
const decideScript = luaScript(`
if tonumber(redis.call('HGET', KEYS[1], 'decided') or '0') ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'decided', ARGV[2], 'rate', ARGV[3], 'reason', ARGV[4], 'samples', ARGV[5], 'p90', ARGV[6], 'errorRate', ARGV[7])
return 1
`);

interface SecondTally {
  buckets: number[];
  errors: number;
}

/** The p90 (the upper bound of its bucket) of bucket counts; undefined when there are none. */
function p90Of(buckets: readonly number[]): number | undefined {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const [index, count] of buckets.entries()) {
    seen += count;
    if (seen >= total * 0.9) return HEALTH_BUCKETS_MS[index] ?? BEYOND_LAST_BUCKET_MS;
  }
  return BEYOND_LAST_BUCKET_MS;
}

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/**
 * The adaptive admission's shared state and health in Redis, under the waiting room's hash tag (one
 * slot, Redis Cluster ready). Each process tallies its purchase answers in memory by second and
 * latency bucket (`record`) and adds them to that second's hash once per tick (`flush`: one
 * pipeline); a decision sums every process's hashes of the last whole seconds (`read`) and is
 * recorded by a compare-and-set script (`decide`), so one process decides each second.
 */
export class RedisAdmissionControl implements AdmissionControl {
  private readonly keys: QueueKeys;
  private readonly healthKey: (second: number) => string;
  private pending = new Map<number, SecondTally>();

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
  ) {
    this.keys = queueKeys(keyPrefix);
    this.healthKey = (second) => purchaseHealthKey(keyPrefix, second);
  }

  /** One purchase answer of this process: its latency, and whether it was a 5xx. */
  record(now: Date, latencyMs: number, error: boolean): void {
    const second = Math.floor(now.getTime() / 1_000);
    let tally = this.pending.get(second);
    if (!tally) {
      tally = { buckets: new Array<number>(HEALTH_BUCKETS_MS.length + 1).fill(0), errors: 0 };
      this.pending.set(second, tally);
    }
    const found = HEALTH_BUCKETS_MS.findIndex((bound) => latencyMs <= bound);
    const bucket = found === -1 ? HEALTH_BUCKETS_MS.length : found;
    tally.buckets[bucket] = (tally.buckets[bucket] ?? 0) + 1;
    if (error) tally.errors += 1;
  }

  /** Adds this process's tallies to the shared per-second hashes. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    const pipeline = this.redis.pipeline();
    for (const [second, tally] of pending) {
      const key = this.healthKey(second);
      for (const [index, count] of tally.buckets.entries()) if (count > 0) pipeline.hincrby(key, `b${index}`, count);
      if (tally.errors > 0) pipeline.hincrby(key, 'errors', tally.errors);
      pipeline.expire(key, HEALTH_TTL_SECONDS);
    }
    await pipeline.exec();
  }

  async read(now: Date): Promise<{ state: AdmissionState; health: PurchaseHealth; admitted: number }> {
    const second = Math.floor(now.getTime() / 1_000);
    const pipeline = this.redis.pipeline().hgetall(this.keys.control).hget(this.keys.admissions, String(second - 1));
    for (let back = 1; back <= HEALTH_WINDOW_SECONDS; back++) pipeline.hgetall(this.healthKey(second - back));
    const replies = (await pipeline.exec()) ?? [];
    const [control, admitted, ...seconds] = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [Record<string, string>, string | null, ...Record<string, string>[]];
    const buckets = HEALTH_BUCKETS_MS.map(() => 0).concat(0);
    let errors = 0;
    for (const hash of seconds) {
      for (const index of buckets.keys()) buckets[index] = (buckets[index] ?? 0) + Number(hash[`b${index}`] ?? 0);
      errors += Number(hash.errors ?? 0);
    }
    const samples = buckets.reduce((sum, count) => sum + count, 0);
    return {
      state: stateOf(control),
      health: { samples, p90Ms: p90Of(buckets), errorRate: samples === 0 ? 0 : errors / samples },
      admitted: Number(admitted ?? 0),
    };
  }

  /** The state alone, for the operator and the metrics. */
  async state(): Promise<AdmissionState> {
    return stateOf(await this.redis.hgetall(this.keys.control));
  }

  async decide(expectedSecond: number, second: number, decision: AdmissionDecision, health: PurchaseHealth): Promise<boolean> {
    const args = [expectedSecond, second, decision.ratePerSecond, decision.reason, health.samples, health.p90Ms ?? -1, health.errorRate];
    return (await decideScript(this.redis, [this.keys.control], args)) === 1;
  }
}

function stateOf(control: Record<string, string>): AdmissionState {
  const samples = number(control.samples);
  const p90 = number(control.p90);
  return {
    ratePerSecond: number(control.rate),
    decidedSecond: number(control.decided) ?? 0,
    reason: control.reason as AdmissionReason | undefined,
    health:
      samples === undefined
        ? undefined
        : { samples, p90Ms: p90 === undefined || p90 < 0 ? undefined : p90, errorRate: number(control.errorRate) ?? 0 },
  };
}
