import { connectRedis, type RedisClient } from '@concert/redis';
import { uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { startAdmissionJob } from '../src/jobs/admissionJob.js';
import { queueCalls } from './support/queueCalls.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const CAP = 20;

describe('two API processes on one Redis', () => {
  let t: TestApp;
  let secondRedis: RedisClient;
  let second: App;
  let secondStore: TestApp['services']['queue']['store'];
  beforeAll(async () => {
    t = await createTestApp({ QUEUE_MAX_ACTIVE_USERS: String(CAP), QUEUE_ADMISSIONS_PER_SECOND: '10000' });
    secondRedis = await connectRedis(t.redis.target);
    const built = createApp({ ...t.deps, redis: secondRedis });
    second = built.app;
    secondStore = built.services.queue.store;
  });
  afterAll(async () => {
    secondRedis.disconnect();
    await t.destroy();
  });

  const users = Array.from({ length: 200 }, () => uniqueUserId());
  const tokens = new Map<number, string>();

  it('admit at most the cap between them, and line up the rest once each', async () => {
    const answers = await Promise.all(
      users.map((user, index) => queueCalls(index % 2 === 0 ? t.app : second).enter(user)),
    );
    answers.forEach((answer, index) => tokens.set(users[index] ?? -1, answer.body.data?.token ?? ''));
    const active = answers.filter((answer) => answer.body.data?.status === 'ACTIVE');
    const positions = answers.filter((answer) => answer.body.data?.status === 'WAITING').map((answer) => answer.body.data?.position);
    expect(active).toHaveLength(CAP);
    expect(positions.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 200 - CAP }, (_, index) => index + 1));
  });

  it("accept each other's tokens", async () => {
    for (const [index, user] of users.slice(0, 10).entries()) {
      const answer = await queueCalls(index % 2 === 0 ? second : t.app).status(tokens.get(user) ?? '');
      expect(answer.status).toBe(200);
    }
  });

  it('run an admission job each, never past the cap, refilling slots freed by payments', async () => {
    const activeUsers = [];
    for (const user of users) {
      const answer = await queueCalls(t.app).status(tokens.get(user) ?? '');
      if (answer.body.data?.status === 'ACTIVE') activeUsers.push(user);
    }
    // Paying frees the slot through the releaser the payments module is given.
    await Promise.all(activeUsers.slice(0, 10).map((user) => t.services.queue.releaser.release(user)));
    const jobs = [t.services.queue.store, secondStore].map((store) =>
      startAdmissionJob({ store, clock: t.deps.clock, intervalMs: 10, logger: t.deps.logger }),
    );
    try {
      const store = t.services.queue.store;
      await vi.waitFor(async () => expect(await store.sizes()).toEqual({ waiting: 200 - CAP - 10, active: CAP }), {
        timeout: 10_000,
      });
      // More ticks change nothing: the set is full.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await store.sizes()).toEqual({ waiting: 200 - CAP - 10, active: CAP });
    } finally {
      await Promise.all(jobs.map((job) => job.stop()));
    }
  });
});
