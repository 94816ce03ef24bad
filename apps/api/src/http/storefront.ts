import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Config } from '@concert/config';
import type { Logger } from 'pino';
import { compress } from 'hono/compress';
import type { App } from './appEnv.js';
import { cacheWhenFound, IMMUTABLE, sameOriginPage } from './pageHeaders.js';

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
  app.get('/', sameOriginPage(), cacheWhenFound('no-cache'), serveStatic({ root, path: 'index.html' }));
  app.use('/assets/*', cacheWhenFound(IMMUTABLE), compress());
  app.get('/assets/*', serveStatic({ root }));
}
