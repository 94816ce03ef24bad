/**
 * The seed's k6 purchase flow (`/work/shared/seed/concert-reservation-queries.md`): charge, token,
 * wait for admission, concerts, available events, up to 3 × (available seats → hold a random
 * one), reserve, pay; with `sleep(1)` between steps when `pauseSeconds` is 1.
 */
import * as api from './api.ts';
import type { IterationContext, LoadClient } from './client.ts';
import type { PollDelay } from './polling.ts';

export interface PurchaseOptions {
  /** The seed's think time between steps; 0 for capacity runs. */
  pauseSeconds: number;
  /** The pause between two queue status polls. */
  pollDelay: PollDelay;
  /** Which user buys: the seed draws from 20,000 ids; the flash sale gives each its own. */
  userId: (context: IterationContext) => number;
  /** Random concert and event (the seed), or the configured/first ones (the flash sale). */
  target: 'random' | 'first';
  /**
   * A buyer who ends without paying (sold out, seat lost three times) leaves the waiting room
   * (DELETE /api/v1/queue/token), as our frontends do, so the next in line gets the slot. The seed's
   * script never leaves: its slot lapses after the idle timeout.
   */
  leaveWhenGivingUp: boolean;
  /**
   * A waiting buyer reads the status answer's `eventsOnSale` and gives up (and, with
   * `leaveWhenGivingUp`, leaves) once their event is not on it: the configured event, or any when
   * none is configured. The seed's client does not read it.
   */
  readsSoldOut?: boolean;
}

/** Whether a status answer says the buyer's event is sold out (never, when the answer does not say). */
function soldOutFor(eventId: number | undefined) {
  return ({ eventsOnSale }: api.QueueStatus) =>
    eventsOnSale !== undefined && (eventId === undefined ? eventsOnSale.length === 0 : !eventsOnSale.includes(eventId));
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

  if (!(await api.chargeWallet(client, userId, context.params.chargeAmount))) return;
  await pause();
  const token = await api.issueToken(client, userId);
  if (token === null) return;
  await pause();
  const soldOut = options.readsSoldOut ? soldOutFor(context.params.eventId) : undefined;
  const waited = await api.waitUntilActive(client, token, options.pollDelay, soldOut);
  if (waited === 'sold_out' && options.leaveWhenGivingUp) await api.leaveQueue(client, token);
  if (waited !== 'active') return;
  await pause();
  const paid = await buyOnce(client, context, options, token, pause);
  if (!paid && options.leaveWhenGivingUp) await api.leaveQueue(client, token);
}

/** From the catalog to the payment, for an admitted buyer; true when the payment went through. */
async function buyOnce(
  client: LoadClient,
  context: IterationContext,
  options: PurchaseOptions,
  token: string,
  pause: () => Promise<void>,
): Promise<boolean> {
  const first = options.target === 'first';
  const concert = choose(await api.listConcerts(client, token), first ? context.params.concertId : undefined, options.target);
  if (concert === null) return false;
  await pause();
  const events = await api.listEvents(client, token, concert.id);
  const event = choose(events, first ? context.params.eventId : undefined, options.target);
  if (event === null) return false;
  await pause();

  let hold: api.Hold | null = null;
  for (let attempt = 0; hold === null && attempt < MAX_OCCUPY_ATTEMPTS; attempt++) {
    const seat = api.pickRandom(await api.listSeats(client, token, event.id));
    if (seat === null) {
      // Every seat of the event is taken: the seed ends the iteration here.
      client.add('sold_out_at', client.elapsedMs());
      return false;
    }
    await pause();
    hold = await api.occupySeat(client, token, event.id, seat.id);
    if (hold === null) await pause();
  }
  if (hold === null) return false;

  const reservation = await api.reserve(client, token, event.id, hold.id);
  if (reservation === null) return false;
  await pause();
  return api.pay(client, token, reservation.id);
}
