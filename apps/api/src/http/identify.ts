import { createMiddleware } from 'hono/factory';
import type { IdentityReader } from '../wiring/identity.js';
import type { AppEnv } from './appEnv.js';

/**
 * Sets `c.var.identity` for every API request, before any route runs: the authenticated user, or
 * undefined in `open` mode. Routes then act only for that user (defineRoute, queueGate).
 */
export const identify = (readIdentity: IdentityReader) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('identity', await readIdentity((name) => c.req.header(name)));
    await next();
  });
