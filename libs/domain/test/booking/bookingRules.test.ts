import { describe, expect, it } from 'vitest';
import {
  holdSeats,
  isBookingOpen,
  isHoldLive,
  keepNoSlots,
  listAvailableEvents,
  manualClock,
  noSeatChangeFeed,
  noSeatClaims,
  openEventsAt,
  sameSeats,
  type BookingContext,
  type ConcertEvent,
  type Hold,
  type HoldPlacement,
} from '../../src/index.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date('2030-01-01T12:00:00.000Z'));
const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs);

const event = (id: number, opensIn: number, closesIn: number): ConcertEvent => ({
  id,
  concertId: 1,
  venue: 'Hall',
  startAt: at(48 * HOUR),
  durationMinutes: 120,
  reservationStartAt: at(opensIn),
  reservationEndAt: at(closesIn),
  maxSeatCount: 2,
  cancellation: { untilMinutesBefore: null, feePercent: 0, feeFixed: 0 },
});

/** A fake catalog and inventory; the store must not be reached by the cases below. */
function fakeContext(events: ConcertEvent[]): BookingContext {
  const unreachable = () => {
    throw new Error('the store must not be reached');
  };
  return {
    catalog: {
      listConcerts: async () => [{ id: 1, title: 't', singer: 's', description: 'd' }],
      findConcert: async (id) => (id === 1 ? { id, title: 't', singer: 's', description: 'd' } : undefined),
      listEventsOfConcert: async () => events,
      findEvent: async (id) => events.find((item) => item.id === id),
    },
    inventory: {
      availableSeats: async () => [],
      seatMap: async () => [],
      seatsOf: async (_, seatIds) =>
        seatIds.filter((id) => id <= 2).map((id) => ({ id, seatNumber: id, price: 100, isAvailable: true })),
    },
    store: { placeHold: unreachable, transaction: unreachable, liveHolds: unreachable },
    expiry: {
      overdueHolds: unreachable,
      expireHold: unreachable,
      endHold: unreachable,
      overdueReservations: unreachable,
      expireReservation: unreachable,
    },
    clock,
    claims: noSeatClaims,
    feed: noSeatChangeFeed,
    slots: keepNoSlots,
    rules: { holdTtlSeconds: 300, maxSeatsPerUser: 2, paymentWindowSeconds: 0, seatClaimMs: 0 },
  };
}

describe('booking rules', () => {
  it('sells strictly inside the booking window', () => {
    expect(isBookingOpen(event(1, -HOUR, HOUR), clock.now())).toBe(true);
    expect(isBookingOpen(event(1, 0, HOUR), clock.now())).toBe(false);
    expect(isBookingOpen(event(1, -HOUR, 0), clock.now())).toBe(false);
  });

  it('says until when the open list holds: the next opening or closing, none once every window is past', () => {
    const now = clock.now();
    const opening = event(2, HOUR, 2 * HOUR);
    expect(openEventsAt([event(1, -HOUR, 3 * HOUR)], now).nextChangeAt).toEqual(at(3 * HOUR));
    expect(openEventsAt([event(1, -HOUR, 3 * HOUR), opening], now).nextChangeAt).toEqual(at(HOUR + 1));
    // Just after the start the event is open, and the next change is its close.
    expect(openEventsAt([opening], at(HOUR + 1))).toEqual({ open: [opening], nextChangeAt: at(2 * HOUR) });
    expect(openEventsAt([opening], at(HOUR))).toEqual({ open: [], nextChangeAt: at(HOUR + 1) });
    expect(openEventsAt([event(3, -2 * HOUR, -HOUR)], now)).toEqual({ open: [], nextChangeAt: undefined });
    expect(openEventsAt([], now)).toEqual({ open: [], nextChangeAt: undefined });
  });

  it('treats a hold as live only while ACTIVE and before its deadline', () => {
    const hold: Hold = {
      id: 1,
      concertEventId: 1,
      userId: 1,
      status: 'ACTIVE',
      expiresAt: at(1),
      createdAt: clock.now(),
      seats: [{ seatId: 4, seatNumber: 4, price: 1 }, { seatId: 9, seatNumber: 9, price: 1 }],
    };
    expect(isHoldLive(hold, clock.now())).toBe(true);
    expect(isHoldLive(hold, at(1))).toBe(false);
    expect(isHoldLive({ ...hold, status: 'RELEASED' }, clock.now())).toBe(false);
    expect(sameSeats(hold, [9, 4])).toBe(true);
    expect(sameSeats(hold, [4])).toBe(false);
  });

  it('lists only the events on sale now, until the next window change, and refuses an unknown concert', async () => {
    const ctx = fakeContext([event(1, -HOUR, 3 * HOUR), event(2, HOUR, 2 * HOUR), event(3, -2 * HOUR, -HOUR)]);
    const answer = await listAvailableEvents({ ctx, input: { concertId: 1 } });
    expect(answer.open.map((item) => item.id)).toEqual([1]);
    // Event 2 opens just after its start (the bound is strict): the answer holds until then.
    expect(answer.nextChangeAt).toEqual(at(HOUR + 1));
    await expect(listAvailableEvents({ ctx, input: { concertId: 2 } })).rejects.toMatchObject({
      code: 'concert_not_found',
    });
  });

  it('refuses a hold before touching the store when it cannot succeed', async () => {
    const ctx = fakeContext([event(1, -HOUR, HOUR), event(2, HOUR, 2 * HOUR)]);
    const hold = (concertEventId: number, seatIds: number[]) =>
      holdSeats({ ctx, input: { userId: 1, concertEventId, seatIds } });
    await expect(hold(1, [])).rejects.toMatchObject({ code: 'invalid_request', details: [{ field: 'seatIds' }] });
    await expect(hold(1, [1, 2, 3])).rejects.toMatchObject({ code: 'seat_limit_exceeded' });
    await expect(hold(9, [1])).rejects.toMatchObject({ code: 'concert_event_not_found' });
    await expect(hold(2, [1])).rejects.toMatchObject({ code: 'booking_closed' });
  });

  it('judges what the placement found: a foreign seat, a taken seat, or the limit with what the user already holds', async () => {
    const placing = (placement: Partial<HoldPlacement>) => {
      const committed: number[] = [];
      const ctx = fakeContext([event(1, -HOUR, HOUR)]);
      const found = [1, 2].map((id) => ({ id, seatNumber: id, price: 100 }));
      ctx.store = {
        ...ctx.store,
        placeHold: async (_hold, accept) => {
          const answer = await accept({ holdId: 7, claimed: 2, seats: found, alreadyHeld: 0, ...placement });
          committed.push(7);
          return answer;
        },
        liveHolds: async () => [],
      };
      const attempt = holdSeats({ ctx, input: { userId: 1, concertEventId: 1, seatIds: [2, 1] } });
      return { attempt, committed };
    };
    const won = placing({});
    expect(await won.attempt).toMatchObject({ id: 7, seats: [{ seatId: 1 }, { seatId: 2 }] });
    expect(won.committed).toEqual([7]);
    const refusals: Array<[Partial<HoldPlacement>, string]> = [
      [{ seats: [{ id: 1, seatNumber: 1, price: 100 }] }, 'seat_not_found'],
      [{ claimed: 1 }, 'seat_unavailable'],
      [{ alreadyHeld: 1 }, 'seat_limit_exceeded'],
    ];
    for (const [placement, code] of refusals) {
      const refused = placing(placement);
      await expect(refused.attempt).rejects.toMatchObject({ code });
      // Refused before the commit: nothing of the hold is kept.
      expect(refused.committed).toEqual([]);
    }
  });
});
