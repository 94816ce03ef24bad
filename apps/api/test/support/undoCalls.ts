import type { App } from '../../src/app.js';
import { answer } from './walletCalls.js';

/** Cancelling a reservation and releasing a hold, as a client makes them. */
export const undoCalls = (app: App) => ({
  cancel: async (token: string | undefined, reservationId: number | string, headers: Record<string, string> = {}) =>
    answer(
      await app.request(`/api/v1/reservations/${reservationId}/cancel`, {
        method: 'POST',
        headers: token === undefined ? headers : { 'User-Token': token, ...headers },
      }),
    ),
  release: async (token: string | undefined, occupationId: number | string) =>
    answer(
      await app.request(`/api/v1/occupations/${occupationId}`, {
        method: 'DELETE',
        headers: token === undefined ? {} : { 'User-Token': token },
      }),
    ),
});
