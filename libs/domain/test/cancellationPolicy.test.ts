import { describe, expect, it } from 'vitest';
import { cancellationDeadline, cancellationFee } from '../src/refunds/cancellationPolicy.js';

describe('the cancellation policy of an event', () => {
  const startAt = new Date('2027-01-15T19:00:00.000Z');

  it('closes the given minutes before the show, and never when the event has no deadline', () => {
    expect(cancellationDeadline({ untilMinutesBefore: 120, feePercent: 0, feeFixed: 0 }, startAt)).toEqual(new Date('2027-01-15T17:00:00.000Z'));
    expect(cancellationDeadline({ untilMinutesBefore: null, feePercent: 0, feeFixed: 0 }, startAt)).toBeUndefined();
  });

  it('keeps the percentage rounded down plus the fixed part, never more than the price', () => {
    expect(cancellationFee({ untilMinutesBefore: 0, feePercent: 10, feeFixed: 300 }, 10_000)).toBe(1_300);
    expect(cancellationFee({ untilMinutesBefore: 0, feePercent: 15, feeFixed: 0 }, 999)).toBe(149);
    expect(cancellationFee({ untilMinutesBefore: 0, feePercent: 50, feeFixed: 800 }, 1_000)).toBe(1_000);
    expect(cancellationFee({ untilMinutesBefore: 0, feePercent: 0, feeFixed: 0 }, 1_000)).toBe(0);
  });
});
