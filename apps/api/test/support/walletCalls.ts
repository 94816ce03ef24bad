import type { App } from '../../src/app.js';

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON
  body: any;
}

export const answer = async (response: Response): Promise<Answer> => ({
  status: response.status,
  headers: response.headers,
  body: await response.json(),
});

const json = (method: string, body: unknown, headers: Record<string, string>) => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** The wallet and payment calls as a client makes them; bodies are sent as given (strings raw), to test bad input. */
export const walletCalls = (app: App) => ({
  charge: async (userId: number | string, body: unknown, headers: Record<string, string> = {}) =>
    answer(await app.request(`/api/v1/users/${userId}/wallet/charge`, json('PATCH', body, headers))),
  wallet: async (userId: number | string, headers: Record<string, string> = {}) =>
    answer(await app.request(`/api/v1/users/${userId}/wallet`, { headers })),
  payments: async (userId: number | string, headers: Record<string, string> = {}) =>
    answer(await app.request(`/api/v1/users/${userId}/payments`, { headers })),
  pay: async (token: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
    answer(
      await app.request(
        '/api/v1/payments',
        json('POST', body, token === undefined ? headers : { 'User-Token': token, ...headers }),
      ),
    ),
});
