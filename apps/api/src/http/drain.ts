import type { RequestListener, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './errorBody.js';

/** Whether the process is shutting down: readiness fails from that moment on. */
export interface DrainState {
  readonly draining: boolean;
}

/**
 * A server's shutdown that drains. `track` wraps the request listener so the drain knows what is in
 * flight; `drain` then, in order: fails readiness (a balancer stops sending), stops accepting
 * connections, answers every further request on a kept-alive connection with `Connection: close`
 * (so each connection closes after its answer), and waits for the requests in flight; once none is
 * left, the idle connections close. A connection is not closed while idle earlier: its client may
 * be sending on it that instant, and would get a reset instead of an answer. Only requests still
 * running when the grace ends are cut; it resolves with how many.
 */
export function drainer(): DrainState & {
  track(listener: RequestListener): RequestListener;
  drain(server: Server, graceMs: number): Promise<{ cut: number }>;
} {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  let whenSettled: (() => void) | undefined;
  return {
    get draining() {
      return draining;
    },
    track: (listener) => (request, response) => {
      inFlight.add(response);
      response.once('close', () => {
        inFlight.delete(response);
        if (inFlight.size === 0) whenSettled?.();
      });
      if (draining) response.setHeader('Connection', 'close');
      return listener(request, response);
    },
    async drain(server, graceMs) {
      draining = true;
      // net.Server's close stops accepting and nothing more. http.Server's own also closes the idle
      // kept-alive connections at once, which resets a request its client is sending that instant.
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      let timer: NodeJS.Timeout | undefined;
      const settled = new Promise<void>((resolve) => {
        whenSettled = resolve;
        if (inFlight.size === 0) resolve();
      });
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([settled, grace]);
      clearTimeout(timer);
      const cut = inFlight.size;
      server.closeAllConnections();
      await closed;
      return { cut };
    },
  };
}

/** GET /readyz while draining: 503 at once, before any dependency is asked. */
export const notReadyWhileDraining =
  (state: DrainState | undefined): MiddlewareHandler =>
  async (c, next) => {
    if (!state?.draining) return next();
    return errorResponse(c, 503, 'not_ready', 'Shutting down.', { status: 'unavailable', draining: true });
  };
