import { readFile } from 'node:fs/promises';
import type { CatalogPlan } from '@concert/db';
import { z } from 'zod';

/**
 * The seed file: concerts with their events, each with a seat count and its prices. Prices are
 * given by tiers of seat numbers, e.g. [{"fromSeat": 1, "toSeat": 100, "price": 150000}, ...],
 * or one `price` for every seat.
 */
const priceTier = z.object({
  fromSeat: z.number().int().min(1),
  toSeat: z.number().int().min(1),
  price: z.number().int().positive(),
});

/** Omitted: buyers may not cancel paid reservations of the event (an operator still may refund). */
export const cancellationSchema = z.object({
  untilMinutesBefore: z.number().int().min(0),
  feePercent: z.number().int().min(0).max(100).default(0),
  feeFixed: z.number().int().min(0).default(0),
});

const eventSchema = z
  .object({
    venue: z.string().min(1),
    startAt: z.iso.datetime(),
    durationMinutes: z.number().int().positive(),
    reservationStartAt: z.iso.datetime(),
    reservationEndAt: z.iso.datetime(),
    seats: z.number().int().positive().max(1_000_000),
    price: z.number().int().positive().optional(),
    priceTiers: z.array(priceTier).optional(),
    cancellation: cancellationSchema.optional(),
  })
  .refine((event) => event.price !== undefined || event.priceTiers !== undefined, {
    message: 'give either price or priceTiers',
    path: ['price'],
  })
  .refine((event) => Date.parse(event.reservationStartAt) < Date.parse(event.reservationEndAt), {
    message: 'reservationStartAt must come before reservationEndAt',
    path: ['reservationEndAt'],
  });

export const seedFileSchema = z.object({
  concerts: z
    .array(
      z.object({
        title: z.string().min(1).max(200),
        singer: z.string().min(1).max(200),
        description: z.string().default(''),
        events: z.array(eventSchema).min(1),
      }),
    )
    .min(1),
});

function priceFunction(event: z.infer<typeof eventSchema>): (seatNumber: number) => number {
  const tiers = event.priceTiers ?? [];
  return (seatNumber) => {
    const tier = tiers.find((candidate) => seatNumber >= candidate.fromSeat && seatNumber <= candidate.toSeat);
    const price = tier?.price ?? event.price;
    if (price === undefined) throw new Error(`Seat ${seatNumber} of ${event.venue} has no price: no tier covers it.`);
    return price;
  };
}

export async function readSeedFile(path: string): Promise<CatalogPlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = seedFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`${path} is not a valid seed file:\n${problems}`);
  }
  return {
    concerts: parsed.data.concerts.map((concert) => ({
      title: concert.title,
      singer: concert.singer,
      description: concert.description,
      events: concert.events.map((event) => ({
        venue: event.venue,
        startAt: new Date(event.startAt),
        durationMinutes: event.durationMinutes,
        reservationStartAt: new Date(event.reservationStartAt),
        reservationEndAt: new Date(event.reservationEndAt),
        seatCount: event.seats,
        priceOf: priceFunction(event),
        cancellation: event.cancellation,
      })),
    })),
  };
}
