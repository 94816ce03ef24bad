/**
 * The seed's k6 purchase flow (`/work/shared/seed/concert-reservation-queries.md`): charge, token,
 * wait for admission, concerts, available events, up to 3 × (available seats → hold a random
 * one), reserve, pay; with `sleep(1)` between steps when `pauseSeconds` is 1.
 */
import * as api from './api.ts';
import type { IterationContext, LoadClient } from './client.ts';

export interface PurchaseOptions {
  /** The seed's think time between steps; 0 for capacity runs. */
  pauseSeconds: number;
  /** Between two queue status polls. */
  pollSeconds: number;
  /** Which user buys: the seed draws from 20,000 ids; the flash sale gives each its own. */
  userId: (context: IterationContext) => number;
  /** Random concert and event (the seed), or the configured/first ones (the flash sale). */
  target: 'random' | 'first';
}

/** The seed's MAX_OCCUPY_ATTEMPTS: someone else may take the seat first. */
const MAX_OCCUPY_ATTEMPTS = 3;

export function seedUserId(): number {
  // 20,000 ids as in the seed, from 1: the contract's ids are positive.
  return 1 + Math.floor(Math.random() * 20_000);
}

function choose<T extends { id: number }>(items: T[], wanted: number | undefined, target: 'random' | 'first') {
  if (wanted !== undefined) return items.find((item) => item.id === wanted) ?? null;
  return target === 'random' ? api.pickRandom(items) : (items[0] ?? null);
}

export async function purchase(client: LoadClient, context: IterationContext, options: PurchaseOptions) {
  const pause = () => client.sleep(options.pauseSeconds);
  const userId = options.userId(context);
  const first = options.target === 'first';

  if (!(await api.chargeWallet(client, userId, context.params.chargeAmount))) return;
  await pause();
  const token = await api.issueToken(client, userId);
  if (token === null) return;
  await pause();
  if (!(await api.waitUntilActive(client, token, options.pollSeconds))) return;
  await pause();
  const concert = choose(await api.listConcerts(client, token), first ? context.params.concertId : undefined, options.target);
  if (concert === null) return;
  await pause();
  const events = await api.listEvents(client, token, concert.id);
  const event = choose(events, first ? context.params.eventId : undefined, options.target);
  if (event === null) return;
  await pause();

  let hold: api.Hold | null = null;
  for (let attempt = 0; hold === null && attempt < MAX_OCCUPY_ATTEMPTS; attempt++) {
    const seat = api.pickRandom(await api.listSeats(client, token, event.id));
    if (seat === null) {
      // Every seat of the event is taken: the seed ends the iteration here.
      client.add('sold_out_at', client.elapsedMs());
      return;
    }
    await pause();
    hold = await api.occupySeat(client, token, event.id, seat.id);
    if (hold === null) await pause();
  }
  if (hold === null) return;

  const reservation = await api.reserve(client, token, event.id, hold.id);
  if (reservation === null) return;
  await pause();
  await api.pay(client, token, reservation.id);
}
