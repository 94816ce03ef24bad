import { manualClock } from '@concert/domain';
import { RedisAdmissionControl, RedisQueueStore } from '@concert/redis';
import { createTestRedis, testConfig, type TestRedis } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl queue', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await createTestRedis();
  });
  afterAll(() => redis.destroy());

  // A long poll timeout: the waiting users must not be dropped as abandoned while a loaded machine runs the test.
  const limits = { QUEUE_MAX_ACTIVE_USERS: '4', QUEUE_ADMISSIONS_PER_SECOND: '1', QUEUE_WAITING_POLL_TIMEOUT_SECONDS: '3600' };
  const cli = (...args: string[]) => runCli(args, { ...redis.settings, ...limits });

  it('reports the line and admits past the per-second budget up to the active cap', async () => {
    const config = testConfig({ REDIS_KEY_PREFIX: redis.keyPrefix, ...limits });
    const store = new RedisQueueStore(redis.redis, redis.keyPrefix, config.queue);
    // Entered just now (the CLI reads the real clock): user 1 is admitted, 2..7 wait.
    const clock = manualClock(new Date());
    for (let user = 1; user <= 7; user += 1) await store.enter(user, clock.now());

    const before = await cli('queue', 'status', '--json');
    expect(before.code).toBe(0);
    const status = JSON.parse(before.stdout) as Record<string, number>;
    expect(status).toMatchObject({ waiting: 6, active: 1, maxActiveUsers: 4, admissionsPerSecond: 1 });
    expect(status.oldestWaitSeconds).toBeGreaterThanOrEqual(0);

    const admitted = await cli('queue', 'admit', '4', '--json');
    expect(admitted.code).toBe(0);
    expect(JSON.parse(admitted.stdout)).toEqual({ requested: 4, admitted: 3 });
    expect(await store.touch(4, clock.now())).toEqual({ status: 'ACTIVE' });
    expect(await store.touch(5, clock.now())).toMatchObject({ status: 'WAITING', position: 1 });

    const table = await cli('queue', 'status');
    expect(table.stdout).toMatch(/waiting\s.*3/);
    expect((await cli('queue', 'admit', '2')).stdout).toContain('Admitted 0 of 2 requested');
  });

  it('shows the adaptive admission rate in force, what it was decided on, and why', async () => {
    const control = new RedisAdmissionControl(redis.redis, redis.keyPrefix);
    const health = { samples: 120, p90Ms: 75, errorRate: 0 };
    expect(await control.decide(0, Math.floor(Date.now() / 1_000), { ratePerSecond: 14, reason: 'slow' }, health)).toBe(true);
    const shown = await runCli(['queue', 'status', '--json'], {
      ...redis.settings,
      QUEUE_ADMISSION_MODE: 'adaptive',
      QUEUE_ADMISSIONS_PER_SECOND: '100',
      QUEUE_ADMISSION_MIN_PER_SECOND: '10',
    });
    expect(JSON.parse(shown.stdout)).toMatchObject({
      admissionMode: 'adaptive',
      admissionRatePerSecond: 14,
      admissionTargetP90Ms: 50,
      measuredP90Ms: 75,
      measuredErrorPercent: 0,
      admissionReason: '14/s: cut, purchases too slow; purchase p90 75 ms (target 50 ms), 0.0% errors over 120 answers',
    });
  });

  it('refuses a count above the active cap and names Redis when it is unreachable', async () => {
    const tooMany = await cli('queue', 'admit', '5');
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('count: Must be a whole number from 1 to 4');
    // One server that is not there, whatever cluster the test run names.
    const down = await runCli(['queue', 'status'], { REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_NODES: '' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Cannot reach Redis at redis://127.0.0.1:1');
    expect(down.stderr).toContain('REDIS_URL');
  });
});
