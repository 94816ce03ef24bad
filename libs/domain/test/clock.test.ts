import { describe, expect, it } from 'vitest';
import { manualClock } from '../src/index.js';

describe('manualClock', () => {
  it('moves only when advanced', () => {
    const clock = manualClock(new Date('2030-01-01T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    clock.advance(1_500);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:01.500Z');
  });
});
