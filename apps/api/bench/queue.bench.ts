/**
 * Waiting-room figures on this machine (printed, never asserted): token issues per second and
 * status polls per second through the whole HTTP app in-process, and one admission tick with
 * 100,000 waiting users next to one with 1,000 (same admissions) to show its cost does not grow
 * with the line. Real MariaDB and Redis, under a throwaway database and key prefix.
 * Run: npm run bench:queue
 */
import { manualClock } from '@concert/domain';
import { RedisQueueStore } from '@concert/redis';
import { createTestApp, type TestApp } from '../test/support/testApp.js';

const CONCURRENCY = 50;

async function inParallel(count: number, work: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1_000).toLocaleString('en');

async function httpFigures(t: TestApp) {
  const users = 5_000;
  const tokens: string[] = [];
  const issueMs = await inParallel(users, async (index) => {
    const response = await t.app.request('/api/v1/queue/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: index }),
    });
    tokens[index] = ((await response.json()) as { data: { token: string } }).data.token;
  });
  console.log(`token issues:  ${perSecond(users, issueMs)}/s  (${users} new users, ${CONCURRENCY} in flight)`);

  const polls = 20_000;
  const pollMs = await inParallel(polls, async (index) => {
    const response = await t.app.request('/api/v1/queue/status', { headers: { 'User-Token': tokens[index % users] ?? '' } });
    if (response.status !== 200) throw new Error(`status answered ${response.status}`);
  });
  console.log(`status polls:  ${perSecond(polls, pollMs)}/s  (${polls} polls, ${CONCURRENCY} in flight)`);
}

async function tickFigure(t: TestApp, waiting: number, admissions: number) {
  const prefix = `${t.redis.keyPrefix}-tick-${waiting}-${admissions}`;
  const clock = manualClock();
  const policy = { ...t.deps.config.queue, maxActiveUsers: 1 };
  const filler = new RedisQueueStore(t.deps.redis, prefix, policy);
  await filler.enter(0, clock.now());
  await inParallel(waiting, async (index) => {
    await filler.enter(index + 1, clock.now());
  });
  clock.advance(1_000);
  const ticker = new RedisQueueStore(t.deps.redis, prefix, { ...policy, maxActiveUsers: 1_000_000, admissionsPerSecond: admissions });
  const started = performance.now();
  const admitted = await ticker.admit(clock.now());
  const ms = performance.now() - started;
  console.log(
    `admission tick: ${ms.toFixed(2)} ms to admit ${admitted} of ${waiting.toLocaleString('en')} waiting ` +
      `(${(await ticker.sizes()).waiting.toLocaleString('en')} left)`,
  );
}

const t = await createTestApp({ QUEUE_ADMISSIONS_PER_SECOND: '100' });
try {
  await httpFigures(t);
  for (const admissions of [100, 1_000]) {
    await tickFigure(t, 1_000 + admissions, admissions);
    await tickFigure(t, 100_000, admissions);
  }
} finally {
  await t.destroy();
}
