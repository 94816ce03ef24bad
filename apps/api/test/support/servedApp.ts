import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createConcertClient, type ConcertClient } from '@concert/sdk';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './testApp.js';

/**
 * A test app listening on a free port of 127.0.0.1 for the enclosing describe block (or file):
 * SDK clients reach it over real HTTP, as a frontend would.
 */
export function servedTestApp(settings: Record<string, string> = {}) {
  const state = { t: undefined as unknown as TestApp, baseUrl: '' };
  let server: ServerType;
  beforeAll(async () => {
    state.t = await createTestApp(settings);
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: state.t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // fetch keeps connections alive: close them, or close() waits for their idle timeout.
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await state.t.destroy();
  });
  return Object.assign(state, {
    /** A client of one user (each keeps its own token); quick retries, so failures show fast. */
    client: (): ConcertClient =>
      createConcertClient({ baseUrl: state.baseUrl, timeoutMs: 10_000, retry: { baseDelayMs: 10, maxDelayMs: 50 } }),
  });
}
