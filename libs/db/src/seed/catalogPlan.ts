import type { CancellationPolicy } from '@concert/domain';

/** What to create: concerts, their events and each event's seats, with prices by seat number. */
export interface CatalogPlan {
  concerts: Array<{
    title: string;
    singer: string;
    description: string;
    events: Array<{
      venue: string;
      startAt: Date;
      durationMinutes: number;
      reservationStartAt: Date;
      reservationEndAt: Date;
      seatCount: number;
      /** Price of a seat by its number (1-based), in the smallest currency unit. */
      priceOf: (seatNumber: number) => number;
      /** Omitted: buyers may not cancel paid reservations. */
      cancellation?: CancellationPolicy;
    }>;
  }>;
}

const DAY_MS = 86_400_000;

/**
 * Tiered prices: the first fifth of the seats cost most. The dearest is the seed system's price of
 * a seat, 50,000, so the seed's clients, which top up 100,000 before each purchase, can pay for any
 * seat (and two of any tier, as the SDK's example buys).
 */
export function tieredPrice(seatNumber: number, seatCount: number): number {
  const fraction = seatNumber / seatCount;
  if (fraction <= 0.2) return 50_000;
  if (fraction <= 0.6) return 40_000;
  return 30_000;
}

/** A generated catalog whose booking windows are all open at `now`. */
export function generatedCatalog(options: {
  concerts: number;
  eventsPerConcert: number;
  seatsPerEvent: number;
  now: Date;
  cancellation?: CancellationPolicy;
}): CatalogPlan {
  const { now } = options;
  return {
    concerts: Array.from({ length: options.concerts }, (_, concertIndex) => ({
      title: `Concert ${concertIndex + 1}`,
      singer: `Artist ${concertIndex + 1}`,
      description: `Generated concert ${concertIndex + 1}.`,
      events: Array.from({ length: options.eventsPerConcert }, (_, eventIndex) => ({
        venue: `Hall ${(eventIndex % 3) + 1}`,
        startAt: new Date(now.getTime() + (30 + eventIndex * 7) * DAY_MS),
        durationMinutes: 150,
        reservationStartAt: new Date(now.getTime() - DAY_MS),
        reservationEndAt: new Date(now.getTime() + (29 + eventIndex * 7) * DAY_MS),
        seatCount: options.seatsPerEvent,
        priceOf: (seatNumber: number) => tieredPrice(seatNumber, options.seatsPerEvent),
        cancellation: options.cancellation,
      })),
    })),
  };
}

/** The catalog `npm start` puts into an empty database. */
export function demoCatalog(now: Date): CatalogPlan {
  // Buyers may cancel until two days before the show, for 10% of the price.
  const cancellation = { untilMinutesBefore: 2 * 24 * 60, feePercent: 10, feeFixed: 0 };
  const plan = generatedCatalog({ concerts: 3, eventsPerConcert: 3, seatsPerEvent: 500, now, cancellation });
  const names = [
    ['Midnight Orbit', 'Aurora Lane', 'A night of synth-pop under the dome.'],
    ['Blue Hour Sessions', 'The Quiet Harbour', 'An acoustic tour of the coastal albums.'],
    ['Static & Bloom', 'Nova Reyes', 'The first arena tour, with a full orchestra.'],
  ] as const;
  plan.concerts.forEach((concert, index) => {
    const [title, singer, description] = names[index] ?? [concert.title, concert.singer, concert.description];
    Object.assign(concert, { title, singer, description });
  });
  return plan;
}
