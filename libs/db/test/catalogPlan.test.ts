import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../src/index.js';

/** What the seed's k6 client charges before each purchase. */
const SEED_TOP_UP = 100_000;

describe('the demo catalog', () => {
  const plan = demoCatalog(new Date('2030-01-01T00:00:00Z'));
  const prices = plan.concerts.flatMap((concert) =>
    concert.events.flatMap((event) => Array.from({ length: event.seatCount }, (_, index) => event.priceOf(index + 1))),
  );

  it('has three tiers, the dearest at the seed system\'s 50,000', () => {
    expect([...new Set(prices)].sort((a, b) => b - a)).toEqual([50_000, 40_000, 30_000]);
  });

  it('sells any two seats to a buyer who topped up as the seed\'s client does', () => {
    expect(2 * Math.max(...prices)).toBeLessThanOrEqual(SEED_TOP_UP);
  });

  it('opens every event\'s booking window now', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    for (const event of plan.concerts.flatMap((concert) => concert.events)) {
      expect(event.reservationStartAt.getTime()).toBeLessThan(now.getTime());
      expect(event.reservationEndAt.getTime()).toBeGreaterThan(now.getTime());
    }
  });
});
