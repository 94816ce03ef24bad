import { manualClock, type CatalogReader, type ConcertEvent } from '@concert/domain';
import { describe, expect, it } from 'vitest';
import { withRecentEvents } from '../../src/wiring/recentEvents.js';

const event = { id: 1 } as ConcertEvent;

/** A catalog that counts its event reads; only event 1 exists. */
function countingCatalog() {
  const reads = { count: 0 };
  const catalog = {
    async findEvent(concertEventId: number) {
      reads.count += 1;
      return concertEventId === 1 ? event : undefined;
    },
  } as CatalogReader;
  return { catalog, reads };
}

describe('withRecentEvents', () => {
  it('reads an event once a second at most, and reads it again after that', async () => {
    const clock = manualClock();
    const { catalog, reads } = countingCatalog();
    const cached = withRecentEvents(catalog, clock);
    expect(await cached.findEvent(1)).toBe(event);
    clock.advance(999);
    expect(await cached.findEvent(1)).toBe(event);
    expect(reads.count).toBe(1);
    clock.advance(1);
    expect(await cached.findEvent(1)).toBe(event);
    expect(reads.count).toBe(2);
  });

  it('never remembers a missing event, so one created a moment later is found', async () => {
    const { catalog, reads } = countingCatalog();
    const cached = withRecentEvents(catalog, manualClock());
    expect(await cached.findEvent(2)).toBeUndefined();
    expect(await cached.findEvent(2)).toBeUndefined();
    expect(reads.count).toBe(2);
  });
});
