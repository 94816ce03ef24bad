import type { App } from '../../src/app.js';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  data?: T;
  list?: T[];
  error?: { code: string; message: string; details?: unknown };
}

/** The catalog and booking calls as a client makes them; `body` may be a raw string (malformed JSON). */
export function bookingCalls(app: App) {
  const call = async <T>(method: string, path: string, token?: string, body?: unknown): Promise<Answer<T>> => {
    const headers: Record<string, string> = token === undefined ? {} : { 'User-Token': token };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await app.request(path, init);
    return { status: response.status, ...((await response.json()) as Omit<Answer<T>, 'status'>) };
  };
  return {
    concerts: (token?: string) => call('GET', '/api/v1/concerts', token),
    events: (token: string | undefined, concertId: number | string) =>
      call('GET', `/api/v1/concerts/${concertId}/available-events`, token),
    seats: (token: string | undefined, eventId: number | string) =>
      call<{ id: number; seatNumber: number; price: number }>('GET', `/api/v1/concert-events/${eventId}/available-seats`, token),
    occupy: (token: string | undefined, eventId: number | string, body: unknown) =>
      call<HoldAnswer>('POST', `/api/v1/concert-events/${eventId}/occupy`, token, body),
    reserve: (token: string | undefined, eventId: number | string, body: unknown) =>
      call<ReservationAnswer>('POST', `/api/v1/concert-events/${eventId}/reserve`, token, body),
  };
}

export interface HoldAnswer {
  id: number;
  concertEventId: number;
  userId: number;
  status: string;
  expiresAt: string;
  seats: Array<{ seatId: number; seatNumber: number; price: number }>;
}

export interface ReservationAnswer {
  id: number;
  concertPerformanceStartAt: string;
  status: string;
  totalSeats: number;
  totalAmount: number;
  createdAt: string;
  expiresAt: string;
}
