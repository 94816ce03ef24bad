import type { App } from '../../src/app.js';

export interface QueueAnswer {
  status: number;
  body: { data?: { token?: string; status?: string; position?: number; estimatedWaitingTime?: number }; error?: { code: string } };
}

const answer = async (response: Response): Promise<QueueAnswer> => ({
  status: response.status,
  body: (await response.json()) as QueueAnswer['body'],
});

/** The waiting room's three calls, as a client makes them. */
export const queueCalls = (app: App, headers: Record<string, string> = {}) => ({
  enter: async (userId: number) =>
    answer(
      await app.request('/api/v1/queue/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ userId }),
      }),
    ),
  status: async (token: string) =>
    answer(await app.request('/api/v1/queue/status', { headers: { 'User-Token': token, ...headers } })),
  leave: async (token: string) =>
    answer(await app.request('/api/v1/queue/token', { method: 'DELETE', headers: { 'User-Token': token, ...headers } })),
});
