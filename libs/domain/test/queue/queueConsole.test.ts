import { describe, expect, it } from 'vitest';
import { admitQueueNow, manualClock, readQueueStatus, type QueueConsole } from '../../src/index.js';

/** A console that records the admissions asked of it and admits them all. */
function fakeConsole() {
  const asked: number[] = [];
  const console: QueueConsole = {
    snapshot: async () => ({ waiting: 7, active: 2, admittedPerSecond: 1.5, oldestWaitSeconds: 42 }),
    admitNow: async (count) => {
      asked.push(count);
      return count;
    },
  };
  return { console, asked };
}

const policy = { maxActiveUsers: 10, admissionsPerSecond: 3 };

describe('the operator queue use cases', () => {
  it('reports the counts beside the limits they run under', async () => {
    const { console } = fakeConsole();
    expect(await readQueueStatus({ ctx: { console, clock: manualClock(), policy } })).toEqual({
      waiting: 7,
      active: 2,
      admittedPerSecond: 1.5,
      oldestWaitSeconds: 42,
      maxActiveUsers: 10,
      admissionsPerSecond: 3,
    });
  });

  it('admits a whole count up to the active cap and refuses anything else before reaching the store', async () => {
    const { console, asked } = fakeConsole();
    const ctx = { console, clock: manualClock(), policy };
    expect(await admitQueueNow({ ctx, input: { count: 10 } })).toEqual({ admitted: 10 });
    for (const count of [0, -1, 1.5, 11]) {
      await expect(admitQueueNow({ ctx, input: { count } })).rejects.toMatchObject({ code: 'invalid_request' });
    }
    expect(asked).toEqual([10]);
  });
});
