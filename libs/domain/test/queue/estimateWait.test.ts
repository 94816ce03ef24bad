import { describe, expect, it } from 'vitest';
import { enterQueue, estimateWaitSeconds } from '../../src/index.js';
import { fakeQueue } from './fakeQueue.js';

describe('estimateWaitSeconds', () => {
  it('divides the position by the achieved rate, rounding up', () => {
    expect(estimateWaitSeconds(1, 50, 100)).toBe(1);
    expect(estimateWaitSeconds(101, 50, 100)).toBe(3);
  });

  it('falls back to the configured rate before anyone has been admitted', () => {
    expect(estimateWaitSeconds(250, 0, 100)).toBe(3);
  });

  it('is 0 for an active user', () => {
    expect(estimateWaitSeconds(0, 0, 100)).toBe(0);
  });
});

describe('enterQueue', () => {
  it('answers the place with the estimate at the achieved rate', async () => {
    const { ctx, state } = fakeQueue({ status: 'WAITING', position: 40 });
    state.achievedPerSecond = 20;
    expect(await enterQueue({ ctx, input: { userId: 3 } })).toEqual({
      token: 'token-3',
      status: 'WAITING',
      position: 40,
      estimatedWaitingTime: 2,
    });
  });
});
