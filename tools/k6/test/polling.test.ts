import { nextPollDelay } from '@concert/sdk';
import { describe, expect, it } from 'vitest';
import { likeTheSdk } from '../src/scenarios/polling.ts';

describe('the flash sale polls the way the SDK does', () => {
  it('waits exactly as long as the SDK with its defaults, for any answer, poll count and jitter', () => {
    for (const random of [0, 0.25, 0.5, 0.999]) {
      const scenario = likeTheSdk(() => random);
      for (const estimatedWaitingTime of [0, 0.4, 1, 3, 7, 60]) {
        for (const polls of [0, 1, 2, 3, 6]) {
          const place = { status: 'WAITING' as const, position: 10, estimatedWaitingTime };
          const sdkMs = nextPollDelay(place, polls, { minIntervalMs: 1_000, maxIntervalMs: 10_000 }, () => random);
          expect(scenario(place, polls)).toBeCloseTo(sdkMs / 1_000, 2);
        }
      }
    }
  });
});
