import { adjustAdmissionRate, manualClock } from '@concert/domain';
import { describe, expect, it } from 'vitest';
import { RedisAdmissionControl } from '../src/index.js';
import { useQueueFixture } from './support.js';

const setUp = useQueueFixture();
const limits = { minPerSecond: 20, maxPerSecond: 100, targetP90Ms: 50, maxErrorRate: 0.01 };

/** A sale on two API processes (two connections): their waiting-room stores and admission controllers. */
async function twoProcesses(adaptive: boolean) {
  const fixture = await setUp({ admissionsPerSecond: limits.minPerSecond, maxActiveUsers: 10_000 }, 2, adaptive);
  const controls = fixture.clients.map((client) => new RedisAdmissionControl(client, fixture.prefix));
  const clock = manualClock(new Date('2030-01-01T00:00:00.100Z'));
  const [store, otherStore] = fixture.stores;
  const [control, otherControl] = controls;
  if (!store || !otherStore || !control || !otherControl) throw new Error('two processes expected');
  /** Purchase answers of one second, half recorded by each process. */
  const purchases = async (count: number, latencyMs: number) => {
    for (let index = 0; index < count; index++) (index % 2 ? control : otherControl).record(clock.now(), latencyMs, false);
    await Promise.all(controls.map((each) => each.flush()));
  };
  const line = async (users: number, from: number) => {
    for (let user = from; user < from + users; user++) await store.enter(user, clock.now());
  };
  const decide = (which: RedisAdmissionControl) => adjustAdmissionRate({ ctx: { control: which, clock, limits } });
  return { store, otherStore, control, otherControl, clock, purchases, line, decide };
}

describe('adaptive admission on Redis, across processes', () => {
  it('grows while the purchase routes are fast, cuts when they slow, one decision a second, and the ticks admit at that rate', async () => {
    const sale = await twoProcesses(true);
    await sale.line(200, 1); // the first 20 are admitted at once: the starting rate is the minimum
    await sale.purchases(30, 4);

    sale.clock.advance(1_000);
    expect(await sale.decide(sale.control)).toEqual({ ratePerSecond: 40, reason: 'healthy' });
    expect(await sale.decide(sale.otherControl)).toBeUndefined();
    expect(await sale.otherStore.admit(sale.clock.now())).toBe(40);
    await sale.purchases(60, 300);

    sale.clock.advance(1_000);
    expect(await sale.decide(sale.otherControl)).toEqual({ ratePerSecond: 28, reason: 'slow' });
    expect(await sale.store.admit(sale.clock.now())).toBe(28);
    expect(await sale.control.state()).toMatchObject({
      ratePerSecond: 28,
      reason: 'slow',
      health: { samples: 90, p90Ms: 500, errorRate: 0 },
    });
  });

  it('control: a store in fixed mode admits its configured rate whatever the controller decided', async () => {
    const sale = await twoProcesses(false);
    await sale.line(200, 1);
    await sale.purchases(30, 4);
    sale.clock.advance(1_000);
    expect(await sale.decide(sale.control)).toEqual({ ratePerSecond: 40, reason: 'healthy' });
    expect(await sale.store.admit(sale.clock.now())).toBe(20);
  });
});
