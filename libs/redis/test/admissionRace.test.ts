import { manualClock } from '@concert/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../src/index.js';
import { queueFixture } from './support.js';

type Fixture = Awaited<ReturnType<typeof queueFixture>>;
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.destroy();
  fixture = undefined;
});

const CAP = 10;
const TICKS = 50;

/** Users 0..CAP-1 are admitted as they enter and leave again: the set is empty, `waiting` users wait. */
async function fillLine({ store }: Fixture, now: Date, waiting: number) {
  const users = Array.from({ length: CAP + waiting }, (_, index) => index);
  for (const user of users) await store.enter(user, now);
  for (const user of users.slice(0, CAP)) await store.release(user);
}

describe('admission under racing ticks', () => {
  it('never admits past the cap with 50 ticks at once on 10 connections', async () => {
    fixture = await queueFixture({ maxActiveUsers: CAP, admissionsPerSecond: 1_000 }, 10);
    const clock = manualClock();
    await fillLine(fixture, clock.now(), 300);
    clock.advance(1_000);
    const { stores } = fixture;
    const admitted = await Promise.all(
      Array.from({ length: TICKS }, (_, index) => stores[index % stores.length]?.admit(clock.now())),
    );
    expect(admitted.reduce((sum: number, count) => sum + (count ?? 0), 0)).toBe(CAP);
    expect(await fixture.store.sizes()).toEqual({ waiting: 300 - CAP, active: CAP });
  });

  it('control: the same ticks done as separate read-then-write commands overshoot the cap', async () => {
    fixture = await queueFixture({ maxActiveUsers: CAP, admissionsPerSecond: 1_000 }, 10);
    const clock = manualClock();
    await fillLine(fixture, clock.now(), 300);
    const { keys } = fixture;
    // What the Lua script prevents: the count is read, and others admit before this one writes.
    const unguardedTick = async (redis: RedisClient) => {
      const room = CAP - (await redis.zcard(keys.active));
      if (room <= 0) return;
      const popped = await redis.zpopmin(keys.waiting, room);
      for (let i = 0; i < popped.length; i += 2) await redis.zadd(keys.active, Date.now() + 60_000, popped[i] ?? '');
    };
    const { clients } = fixture;
    await Promise.all(Array.from({ length: TICKS }, (_, index) => unguardedTick(clients[index % clients.length] as RedisClient)));
    expect((await fixture.store.sizes()).active).toBeGreaterThan(CAP);
  });
});
