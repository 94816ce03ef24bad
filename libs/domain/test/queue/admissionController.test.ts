import { describe, expect, it } from 'vitest';
import { adjustAdmissionRate, manualClock, nextAdmissionRate, type AdmissionControl, type AdmissionState, type PurchaseHealth } from '../../src/index.js';

const limits = { minPerSecond: 20, maxPerSecond: 100, targetP90Ms: 50, maxErrorRate: 0.01 };
const health = (p90Ms: number | undefined, errorRate = 0, samples = 200): PurchaseHealth => ({ samples, p90Ms, errorRate });
const busy = 1_000;

describe('nextAdmissionRate (AIMD)', () => {
  it('grows by a fifth of the maximum a second while the purchase routes stay within the target, up to the maximum', () => {
    expect(nextAdmissionRate(20, health(25), busy, limits)).toEqual({ ratePerSecond: 40, reason: 'healthy' });
    expect(nextAdmissionRate(50, health(50), busy, limits)).toEqual({ ratePerSecond: 70, reason: 'healthy' });
    expect(nextAdmissionRate(95, health(10), busy, limits)).toEqual({ ratePerSecond: 100, reason: 'healthy' });
    expect(nextAdmissionRate(100, health(10), busy, limits)).toEqual({ ratePerSecond: 100, reason: 'healthy' });
  });

  it('cuts to 70% when the p90 passes the target or errors pass their share, never below the minimum', () => {
    expect(nextAdmissionRate(100, health(75), busy, limits)).toEqual({ ratePerSecond: 70, reason: 'slow' });
    expect(nextAdmissionRate(100, health(10, 0.05), busy, limits)).toEqual({ ratePerSecond: 70, reason: 'errors' });
    expect(nextAdmissionRate(25, health(500), busy, limits)).toEqual({ ratePerSecond: 20, reason: 'slow' });
  });

  it('does not judge latency on too few purchases, and does not grow a rate the line does not use', () => {
    expect(nextAdmissionRate(40, health(900, 0.5, 5), busy, limits)).toEqual({ ratePerSecond: 60, reason: 'quiet' });
    expect(nextAdmissionRate(40, health(undefined, 0, 0), 19, limits)).toEqual({ ratePerSecond: 40, reason: 'idle' });
    expect(nextAdmissionRate(40, health(10), 20, limits)).toEqual({ ratePerSecond: 60, reason: 'healthy' });
  });

  it('converges: under a latency that rises with the rate it oscillates around the rate that meets the target', () => {
    // A server whose p90 is 1 ms per admitted buyer a second: 50 a second is exactly the target.
    let rate = limits.minPerSecond;
    const seen: number[] = [];
    for (let second = 0; second < 60; second++) {
      rate = nextAdmissionRate(rate, health(rate), busy, limits).ratePerSecond;
      seen.push(rate);
    }
    const late = seen.slice(20);
    expect(Math.max(...late)).toBeLessThanOrEqual(75);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(35);
  });
});

describe('adjustAdmissionRate', () => {
  /** A control store in memory whose compare-and-set behaves as the real one's. */
  function memoryControl(measured: PurchaseHealth) {
    const state: AdmissionState = { ratePerSecond: undefined, decidedSecond: 0, reason: undefined, health: undefined };
    const control: AdmissionControl = {
      read: async () => ({ state: { ...state }, health: measured, admitted: busy }),
      decide: async (expected, second, decision, decidedOn) => {
        if (state.decidedSecond !== expected) return false;
        Object.assign(state, { decidedSecond: second, ratePerSecond: decision.ratePerSecond, reason: decision.reason, health: decidedOn });
        return true;
      },
    };
    return { control, state };
  }

  it('decides once a second from the minimum, and a second caller in the same second changes nothing', async () => {
    const clock = manualClock(new Date('2030-01-01T00:00:00.200Z'));
    const { control, state } = memoryControl(health(20));
    const ctx = { control, clock, limits };
    expect(await adjustAdmissionRate({ ctx })).toEqual({ ratePerSecond: 40, reason: 'healthy' });
    expect(await adjustAdmissionRate({ ctx })).toBeUndefined();
    clock.advance(1_000);
    expect(await adjustAdmissionRate({ ctx })).toEqual({ ratePerSecond: 60, reason: 'healthy' });
    expect(state).toMatchObject({ ratePerSecond: 60, decidedSecond: Math.floor(clock.now().getTime() / 1_000) });
  });
});
