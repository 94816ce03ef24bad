/**
 * The contract's calls as the seed's k6 client makes them: each step checks `status === 200`
 * and feeds the `errors` rate, then returns the envelope's `data` (or `list`), or null on failure.
 */
import type { ApiCall, ApiResponse, LoadClient } from './client.ts';
import type { PollDelay } from './polling.ts';

export interface Concert {
  id: number;
}
export interface ConcertEvent {
  id: number;
}
export interface Seat {
  id: number;
  price: number;
}
export interface Hold {
  id: number;
}
export interface Reservation {
  id: number;
}

/** How long a buyer waits to be admitted before the step counts as failed. */
const MAX_QUEUE_WAIT_SECONDS = 300;

function field<T>(json: unknown, key: 'data' | 'list'): T | null {
  if (typeof json !== 'object' || json === null || !(key in json)) return null;
  return (json as Record<string, T>)[key] ?? null;
}

/** How many times one step is sent again after a refusal that carries Retry-After. */
const MAX_REFUSALS = 20;

/**
 * Sends the call, and again after each 429 rate_limited or 503 overloaded (refused before any work,
 * so safe to repeat) as long as it says Retry-After: waits as told plus up to half again at random,
 * as the SDK does, so buyers refused together do not come back together. Counts each refusal.
 */
async function send(client: LoadClient, call: ApiCall): Promise<ApiResponse> {
  for (let refusals = 0; ; refusals++) {
    const response = await client.call(call);
    const refused = response.status === 429 ? 'rate_limited' : response.status === 503 && errorCode(response.json) === 'overloaded' ? 'shed' : undefined;
    if (refused === undefined || response.retryAfterSeconds === undefined || refusals >= MAX_REFUSALS) return response;
    client.add(refused, 1);
    await client.sleep(response.retryAfterSeconds * (1 + Math.random() / 2));
  }
}

function errorCode(json: unknown): unknown {
  const error = typeof json === 'object' && json !== null && 'error' in json ? (json as { error: unknown }).error : undefined;
  return typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
}

async function step<T>(client: LoadClient, label: string, call: ApiCall, key: 'data' | 'list'): Promise<T | null> {
  const response = await send(client, call);
  const value = response.status === 200 ? field<T>(response.json, key) : null;
  client.check(`${label} answered 200`, value !== null);
  client.add('errors', value === null);
  return value;
}

export function pickRandom<T>(items: readonly T[]): T | null {
  return items.length === 0 ? null : (items[Math.floor(Math.random() * items.length)] ?? null);
}

export async function chargeWallet(client: LoadClient, userId: number, amount: number): Promise<boolean> {
  const body = { amount };
  return (await step(client, 'charge', { endpoint: 'charge', params: { userId }, body }, 'data')) !== null;
}

export async function issueToken(client: LoadClient, userId: number): Promise<string | null> {
  const data = await step<{ token: string }>(client, 'token', { endpoint: 'token', body: { userId } }, 'data');
  return data?.token ?? null;
}

/** What a status answer says; `eventsOnSale` is absent from APIs that do not tell it (the seed's). */
export interface QueueStatus {
  position: number;
  estimatedWaitingTime: number;
  eventsOnSale?: number[];
}

/**
 * Polls the queue status until `position === 0` (admitted), pausing as `pollDelay` says: `active`.
 * Stops early when `soldOut` says the answer leaves nothing to wait for: `sold_out`. A failed poll or
 * a wait past the limit: `failed`.
 */
export async function waitUntilActive(
  client: LoadClient,
  token: string,
  pollDelay: PollDelay,
  soldOut: (status: QueueStatus) => boolean = () => false,
): Promise<'active' | 'sold_out' | 'failed'> {
  const startedAt = client.elapsedMs();
  for (let polls = 0; ; polls++) {
    const data = await step<QueueStatus>(client, 'queue status', { endpoint: 'status', token }, 'data');
    if (data === null) return 'failed';
    if (data.position !== 0 && soldOut(data)) {
      client.add('sold_out_at', client.elapsedMs());
      return 'sold_out';
    }
    const waited = (client.elapsedMs() - startedAt) / 1000;
    if (data.position === 0) {
      client.add('queue_wait', waited);
      client.add('admitted', 1);
      return 'active';
    }
    if (waited > MAX_QUEUE_WAIT_SECONDS) {
      client.check('admitted within the queue wait limit', false);
      client.add('errors', true);
      return 'failed';
    }
    await client.sleep(pollDelay(data, polls));
  }
}

/** Leaves the waiting room (the line or the active set), as our frontends do when a buyer gives up. */
export async function leaveQueue(client: LoadClient, token: string): Promise<void> {
  await step(client, 'leave', { endpoint: 'leave', token }, 'data');
}

export async function listConcerts(client: LoadClient, token: string): Promise<Concert[]> {
  return (await step<Concert[]>(client, 'concerts', { endpoint: 'concerts', token }, 'list')) ?? [];
}

export async function listEvents(client: LoadClient, token: string, concertId: number): Promise<ConcertEvent[]> {
  const call: ApiCall = { endpoint: 'events', params: { concertId }, token };
  return (await step<ConcertEvent[]>(client, 'available events', call, 'list')) ?? [];
}

export async function listSeats(client: LoadClient, token: string, concertEventId: number): Promise<Seat[]> {
  const call: ApiCall = { endpoint: 'seats', params: { concertEventId }, token };
  return (await step<Seat[]>(client, 'available seats', call, 'list')) ?? [];
}

/** A lost race for the seat (409) is an expected outcome under contention: counted, not an error. */
export async function occupySeat(client: LoadClient, token: string, concertEventId: number, seatId: number) {
  const response = await send(client, { endpoint: 'occupy', params: { concertEventId }, body: { seatId }, token });
  const hold = response.status === 200 ? field<Hold>(response.json, 'data') : null;
  const lost = response.status === 409;
  client.check('occupy answered 200 or seat taken', hold !== null || lost);
  client.add('errors', hold === null && !lost);
  if (hold !== null) client.add('holds_won', 1);
  if (lost) client.add('holds_lost', 1);
  return hold;
}

export async function reserve(client: LoadClient, token: string, concertEventId: number, occupationId: number) {
  const call: ApiCall = { endpoint: 'reserve', params: { concertEventId }, body: { occupationId }, token };
  return step<Reservation>(client, 'reserve', call, 'data');
}

export async function pay(client: LoadClient, token: string, reservationId: number): Promise<boolean> {
  const paid = await step(client, 'pay', { endpoint: 'pay', body: { reservationId }, token }, 'data');
  if (paid !== null) client.add('purchases', 1);
  return paid !== null;
}
