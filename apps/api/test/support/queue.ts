import { expect } from 'vitest';
import type { App } from '../../src/app.js';

/**
 * Joins the waiting room as `userId` and returns the token, asserting the user was admitted at once
 * (true with default settings while nobody waits; raise QUEUE_ADMISSIONS_PER_SECOND for many users).
 */
export async function activeToken(app: App, userId: number, headers: Record<string, string> = {}): Promise<string> {
  const response = await app.request('/api/v1/queue/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ userId }),
  });
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: { token: string; status: string; position: number } };
  expect(data).toMatchObject({ status: 'ACTIVE', position: 0 });
  return data.token;
}
