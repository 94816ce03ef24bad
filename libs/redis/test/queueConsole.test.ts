import { manualClock } from '@concert/domain';
import { describe, expect, it } from 'vitest';
import { useQueueFixture } from './support.js';

const setUp = useQueueFixture();

describe('RedisQueueStore as the operator console', () => {
  it('reports waiting, active, the achieved rate and how long the head of the line has waited', async () => {
    const { store } = await setUp({ admissionsPerSecond: 1 });
    const clock = manualClock();
    expect(await store.snapshot(clock.now())).toEqual({ waiting: 0, active: 0, admittedPerSecond: 0, oldestWaitSeconds: undefined });
    await store.enter(1, clock.now()); // admitted at once: nobody waits, the budget allows
    await store.enter(2, clock.now()); // this second's budget of 1 is spent: waits
    clock.advance(3_000);
    await store.enter(3, clock.now()); // someone waits: FIFO
    clock.advance(7_000);
    const snapshot = await store.snapshot(clock.now());
    expect(snapshot).toMatchObject({ waiting: 2, active: 1, oldestWaitSeconds: 10 });
    // One admission in the last 10 whole seconds.
    expect(snapshot.admittedPerSecond).toBeCloseTo(0.1);
    expect(await store.admit(clock.now())).toBe(1);
    expect(await store.snapshot(clock.now())).toMatchObject({ waiting: 1, active: 2, oldestWaitSeconds: 7 });
    expect(await store.admitNow(5, clock.now())).toBe(1);
    expect(await store.snapshot(clock.now())).toMatchObject({ waiting: 0, active: 3, oldestWaitSeconds: undefined });
  });

  it('admits now past the per-second budget, in line order, but never past the active cap', async () => {
    const { store } = await setUp({ admissionsPerSecond: 1, maxActiveUsers: 4 });
    const clock = manualClock();
    for (let user = 1; user <= 8; user += 1) await store.enter(user, clock.now());
    // User 1 spent this second's budget: the regular tick admits nobody.
    expect(await store.admit(clock.now())).toBe(0);
    expect(await store.admitNow(2, clock.now())).toBe(2);
    expect(await store.touch(2, clock.now())).toEqual({ status: 'ACTIVE' });
    expect(await store.touch(3, clock.now())).toEqual({ status: 'ACTIVE' });
    expect(await store.touch(4, clock.now())).toMatchObject({ status: 'WAITING', position: 1 });
    expect(await store.admitNow(10, clock.now())).toBe(1);
    expect(await store.admitNow(10, clock.now())).toBe(0);
    expect(await store.snapshot(clock.now())).toMatchObject({ waiting: 4, active: 4 });
  });

  it('never passes the active cap when many manual admissions race', async () => {
    const { store, stores } = await setUp({ admissionsPerSecond: 1, maxActiveUsers: 50 }, 8);
    const clock = manualClock();
    for (let user = 1; user <= 300; user += 1) await store.enter(user, clock.now());
    const admitted = await Promise.all(
      Array.from({ length: 40 }, (_, index) => stores[index % stores.length]?.admitNow(7, clock.now()) ?? 0),
    );
    expect(admitted.reduce((sum, count) => sum + count, 0)).toBe(49);
    expect(await store.snapshot(clock.now())).toMatchObject({ active: 50, waiting: 250 });
  });
});
