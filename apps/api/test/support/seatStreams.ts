import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { connectRedis } from '@concert/redis';
import { createConcertClient, sseParser, type ConcertClient, type SseEvent } from '@concert/sdk';
import { expect } from 'vitest';
import { createApp } from '../../src/app.js';
import { createMetrics } from '../../src/observability/metrics.js';
import type { Services } from '../../src/services.js';
import type { TestApp } from './testApp.js';

/**
 * Another API process on the same MySQL database and Redis prefix as `t`: its own app, services,
 * Redis connection (so its own feed subscriber) and port, as a second process behind a balancer.
 */
export async function secondProcess(t: TestApp) {
  const redis = await connectRedis(t.deps.config.redis);
  const { app, services } = createApp({ ...t.deps, redis, metrics: createMetrics() });
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    services,
    client: (): ConcertClient => createConcertClient({ baseUrl, retry: { baseDelayMs: 10, maxDelayMs: 50 } }),
    async close() {
      stopStreams(services);
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      redis.disconnect();
    },
  };
}

export function stopStreams(services: Pick<Services, 'seatStreams' | 'seatFeed'>) {
  services.seatStreams.drain();
  services.seatFeed.close();
}

/** Waits until `condition` holds, failing with `what` if it never does (a ceiling against hangs, not a timing). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ceilingMs = 20_000): Promise<void> {
  for (const deadline = Date.now() + ceilingMs; Date.now() < deadline; ) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect.fail(`never happened: ${what}`);
}

/** A raw stream request as any SSE client makes it, its events collected as they arrive. */
export async function openStream(baseUrl: string, eventId: number, token: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/concert-events/${eventId}/seats/stream`, {
    headers: { 'User-Token': token, accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  let ended = false;
  if (response.ok && response.body) {
    const parser = sseParser((event) => events.push(event));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parser.push(chunk.value);
      } catch {
        // aborted by the test
      }
      ended = true;
    })();
  }
  return {
    response,
    events,
    get ended() {
      return ended;
    },
    close: () => abort.abort(),
  };
}
