import { manualClock } from '@concert/domain';
import { describe, expect, it } from 'vitest';
import { useQueueFixture } from './support.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const setUp = useQueueFixture();

describe('RedisQueueStore', () => {
  it('admits at once while nobody waits and under the caps, then lines users up FIFO', async () => {
    const { store } = await setUp({ maxActiveUsers: 1 });
    const clock = manualClock();
    expect(await store.enter(1, clock.now())).toMatchObject({ status: 'ACTIVE' });
    for (const [index, user] of [2, 3, 4, 5].entries()) {
      expect(await store.enter(user, clock.now())).toMatchObject({ status: 'WAITING', position: index + 1 });
    }
    const order: number[] = [];
    for (const current of [1, 2, 3, 4]) {
      await store.release(current);
      expect(await store.admit(clock.now())).toBe(1);
      const next = current + 1;
      expect(await store.touch(next, clock.now())).toEqual({ status: 'ACTIVE' });
      order.push(next);
    }
    expect(order).toEqual([2, 3, 4, 5]);
  });

  it('spends at most the per-second budget, on entry and in ticks, and resumes the next second', async () => {
    const { store } = await setUp({ admissionsPerSecond: 3 });
    const clock = manualClock();
    const statuses = [];
    for (let user = 1; user <= 8; user += 1) statuses.push((await store.enter(user, clock.now())).status);
    expect(statuses).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'WAITING', 'WAITING', 'WAITING', 'WAITING', 'WAITING']);
    expect(await store.admit(clock.now())).toBe(0);
    clock.advance(SECOND);
    expect(await store.admit(clock.now())).toBe(3);
    expect(await store.admit(clock.now())).toBe(0);
    expect(await store.poll(7, clock.now())).toMatchObject({ status: 'WAITING', position: 1 });
  });

  it('reports the admission rate achieved over the last seconds', async () => {
    const { store } = await setUp({ admissionsPerSecond: 5 });
    const clock = manualClock();
    for (let user = 1; user <= 60; user += 1) await store.enter(user, clock.now());
    for (let second = 0; second < 10; second += 1) {
      clock.advance(SECOND);
      for (let user = 1; user <= 60; user += 1) await store.poll(user, clock.now());
      await store.admit(clock.now());
    }
    clock.advance(SECOND);
    expect(await store.poll(60, clock.now())).toMatchObject({ status: 'WAITING', achievedPerSecond: 5 });
  });

  it('keeps the place of a user who asks again, without a duplicate entry', async () => {
    const { store } = await setUp({ maxActiveUsers: 1 });
    const clock = manualClock();
    for (const user of [1, 2, 3, 4]) await store.enter(user, clock.now());
    expect(await store.enter(2, clock.now())).toMatchObject({ status: 'WAITING', position: 1 });
    expect(await store.enter(1, clock.now())).toMatchObject({ status: 'ACTIVE' });
    expect(await store.sizes()).toEqual({ waiting: 3, active: 1 });
  });

  it('keeps one entry when the same user enters many times at once on several connections', async () => {
    const { stores, store } = await setUp({ maxActiveUsers: 1 }, 5);
    const clock = manualClock();
    await store.enter(1, clock.now());
    const views = await Promise.all(Array.from({ length: 40 }, (_, index) => stores[index % stores.length]?.enter(2, clock.now())));
    expect(new Set(views.map((view) => JSON.stringify(view)))).toEqual(new Set([JSON.stringify({ status: 'WAITING', position: 1, achievedPerSecond: 0 })]));
    expect(await store.sizes()).toEqual({ waiting: 1, active: 1 });
  });

  it('ends an active slot after the idle timeout, and a gated call pushes the timeout back', async () => {
    const { store } = await setUp({ idleTimeoutSeconds: 600 });
    const clock = manualClock();
    await store.enter(1, clock.now());
    clock.advance(9 * MINUTE);
    expect(await store.touch(1, clock.now())).toEqual({ status: 'ACTIVE' });
    clock.advance(9 * MINUTE);
    expect(await store.touch(1, clock.now())).toEqual({ status: 'ACTIVE' });
    clock.advance(10 * MINUTE + SECOND);
    expect(await store.touch(1, clock.now())).toEqual({ status: 'GONE' });
    expect(await store.sizes()).toEqual({ waiting: 0, active: 0 });
  });

  it('keeps a slot past the idle timeout while something is held, never past the lifetime, never reviving a lapsed one', async () => {
    const { store } = await setUp({ idleTimeoutSeconds: 60, tokenLifetimeSeconds: 600 });
    const clock = manualClock();
    await store.enter(1, clock.now());
    await store.enter(2, clock.now());
    await store.keepUntil(1, new Date(clock.now().getTime() + 5 * MINUTE), clock.now());
    await store.keepUntil(2, new Date(clock.now().getTime() + 60 * MINUTE), clock.now());
    clock.advance(4 * MINUTE);
    expect(await store.poll(1, clock.now())).toMatchObject({ status: 'ACTIVE' });
    expect(await store.touch(2, clock.now())).toEqual({ status: 'ACTIVE' });
    clock.advance(MINUTE + SECOND);
    expect(await store.poll(1, clock.now())).toMatchObject({ status: 'GONE' });
    await store.keepUntil(1, new Date(clock.now().getTime() + 5 * MINUTE), clock.now());
    expect(await store.poll(1, clock.now())).toMatchObject({ status: 'GONE' });
    clock.advance(5 * MINUTE);
    expect(await store.poll(2, clock.now())).toMatchObject({ status: 'GONE' });
  });

  it('ends an active slot at the absolute lifetime whatever the activity', async () => {
    const { store } = await setUp({ idleTimeoutSeconds: 600, tokenLifetimeSeconds: 3_600 });
    const clock = manualClock();
    await store.enter(1, clock.now());
    for (let minute = 5; minute < 60; minute += 5) {
      clock.advance(5 * MINUTE);
      expect(await store.touch(1, clock.now())).toEqual({ status: 'ACTIVE' });
    }
    clock.advance(5 * MINUTE);
    expect(await store.touch(1, clock.now())).toEqual({ status: 'GONE' });
  });

  it('sweeps lapsed active slots in a tick, so their places go to the line', async () => {
    const { store } = await setUp({ maxActiveUsers: 2, idleTimeoutSeconds: 60, waitingPollTimeoutSeconds: 600 });
    const clock = manualClock();
    for (const user of [1, 2, 3, 4]) await store.enter(user, clock.now());
    clock.advance(61 * SECOND);
    expect(await store.admit(clock.now())).toBe(2);
    expect(await store.poll(3, clock.now())).toMatchObject({ status: 'ACTIVE' });
    expect(await store.poll(1, clock.now())).toMatchObject({ status: 'GONE' });
  });

  it('drops a waiting user who stops polling, keeps one who polls, and never admits the abandoned', async () => {
    const { store } = await setUp({ maxActiveUsers: 1, waitingPollTimeoutSeconds: 60 });
    const clock = manualClock();
    for (const user of [1, 2, 3]) await store.enter(user, clock.now());
    for (let step = 0; step < 3; step += 1) {
      clock.advance(30 * SECOND);
      expect(await store.poll(3, clock.now())).toMatchObject({ status: 'WAITING' });
    }
    expect(await store.poll(2, clock.now())).toMatchObject({ status: 'GONE' });
    await store.release(1);
    expect(await store.admit(clock.now())).toBe(1);
    expect(await store.touch(3, clock.now())).toEqual({ status: 'ACTIVE' });
  });

  it('skips abandoned places at the head of the line that the tick sweep has not reached', async () => {
    const { store } = await setUp({ maxActiveUsers: 1, waitingPollTimeoutSeconds: 60 });
    const clock = manualClock();
    await store.enter(0, clock.now());
    // More abandoned places than one tick sweeps (1,000), all ahead of the one live user.
    await Promise.all(Array.from({ length: 1_010 }, (_, index) => store.enter(index + 1, clock.now())));
    clock.advance(50 * SECOND);
    await store.enter(5_000, clock.now());
    clock.advance(11 * SECOND);
    await store.release(0);
    expect(await store.admit(clock.now())).toBe(1);
    expect(await store.touch(5_000, clock.now())).toEqual({ status: 'ACTIVE' });
    expect(await store.sizes()).toEqual({ waiting: 0, active: 1 });
  });

  it('drops, rather than admits, a waiting entry whose poll record is missing', async () => {
    const { store, redis, keys } = await setUp({ maxActiveUsers: 1 });
    const clock = manualClock();
    for (const user of [1, 2, 3]) await store.enter(user, clock.now());
    await redis.zrem(keys.seen, '2');
    await store.release(1);
    expect(await store.admit(clock.now())).toBe(1);
    expect(await store.touch(3, clock.now())).toEqual({ status: 'ACTIVE' });
    expect(await store.sizes()).toEqual({ waiting: 0, active: 1 });
  });

  it('frees the slot of a user who paid (release) for the next in line', async () => {
    const { store } = await setUp({ maxActiveUsers: 1 });
    const clock = manualClock();
    await store.enter(1, clock.now());
    await store.enter(2, clock.now());
    expect(await store.admit(clock.now())).toBe(0);
    await store.release(1);
    expect(await store.touch(1, clock.now())).toEqual({ status: 'GONE' });
    expect(await store.admit(clock.now())).toBe(1);
    expect(await store.touch(2, clock.now())).toEqual({ status: 'ACTIVE' });
  });

  it('puts a user whose slot lapsed at the back of the line on re-entry', async () => {
    const { store } = await setUp({ maxActiveUsers: 1, idleTimeoutSeconds: 60, waitingPollTimeoutSeconds: 600 });
    const clock = manualClock();
    await store.enter(1, clock.now());
    await store.enter(2, clock.now());
    clock.advance(61 * SECOND);
    expect(await store.enter(1, clock.now())).toMatchObject({ status: 'WAITING', position: 2 });
  });
});
