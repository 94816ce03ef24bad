import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Config } from '@concert/config';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import type { App } from './appEnv.js';

/**
 * The storefront's pages may load and call only this origin: its scripts and styles are files
 * of its build, and it talks to this API.
 */
const pagePolicy = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });

const cacheFor = (value: string): MiddlewareHandler => async (c, next) => {
  await next();
  if (c.res.status === 200) c.header('Cache-Control', value);
};

/**
 * GET / and /assets/*: the storefront's build (apps/web), when STOREFRONT_ENABLED and built. The page is
 * revalidated on every visit; its assets carry their content's hash in their names, so a browser
 * keeps them for a year.
 */
export function registerStorefront(app: App, { enabled, dir }: Config['storefront'], logger: Logger): void {
  if (!enabled) return;
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    logger.warn({ storefrontDir: root }, 'No storefront at STOREFRONT_DIR (build it: npx nx build @concert/web, then restart): / is not served.');
    return;
  }
  app.get('/', pagePolicy(), cacheFor('no-cache'), serveStatic({ root, path: 'index.html' }));
  app.use('/assets/*', cacheFor('public, max-age=31536000, immutable'), compress());
  app.get('/assets/*', serveStatic({ root }));
}
