import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps.js';
import type { App, AppEnv } from './http/appEnv.js';
import { limitBody } from './http/bodyLimit.js';
import { concertListFromMemory } from './http/concertListFromMemory.js';
import { corsPolicy } from './http/cors.js';
import { registerDocs } from './http/docsPage.js';
import { notReadyWhileDraining } from './http/drain.js';
import { errorResponse } from './http/errorBody.js';
import { identify } from './http/identify.js';
import { createErrorHandler } from './http/onError.js';
import { requestLog } from './http/requestLog.js';
import { noStore, securityHeaders, USER_DATA_PATHS } from './http/securityHeaders.js';
import { registerStorefront } from './http/storefront.js';
import { strictJsonBody } from './http/strictJsonBody.js';
import { validationHook } from './http/validationHook.js';
import { routes } from './routes/index.js';
import { createServices, type Services } from './services.js';
import { registerLoadShedding } from './wiring/loadShedding.js';
import { registerPurchaseHealth } from './wiring/purchaseHealth.js';
import { registerRateLimits } from './wiring/rateLimits.js';

export type { App } from './http/appEnv.js';

/**
 * Builds the whole HTTP app from its dependencies: the services, once, then the global middleware,
 * then every route the same way (routes/index.ts). No port, so tests call app.request(). Global
 * middleware goes with the others, before the routes (Hono runs handlers in the order registered):
 * there it runs for every route, cached answers included. The one exception is the concert list
 * answered from memory, first of all, with the headers the chain gave it (concertListFromMemory).
 */
export function createApp(deps: AppDeps): { app: App; services: Services } {
  const services = createServices(deps);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(concertListFromMemory(services));
  app.use(requestId());
  app.use(securityHeaders());
  app.use(corsPolicy(deps.config.http.corsOrigins));
  app.use(requestLog(deps.logger, deps.metrics));
  app.onError(createErrorHandler(deps.logger, { bearerTokens: deps.config.auth.mode === 'jwt' }));
  registerPurchaseHealth(app, services);
  registerLoadShedding(app, services);
  app.use(limitBody(deps.config.limits.bodyLimitBytes), strictJsonBody());
  for (const path of USER_DATA_PATHS) app.use(path, noStore());
  app.use('/api/v1/*', identify(services.readIdentity));
  registerRateLimits(app, services);
  app.get('/readyz', notReadyWhileDraining(deps.drain));
  app.notFound((c) => errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));

  for (const route of routes) route.register(app, services);

  app.openAPIRegistry.registerComponent('securitySchemes', 'BearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'With AUTH_MODE=jwt, an access token from the identity provider; the API acts only for its user. ' +
      'With AUTH_MODE=gateway the gateway in front authenticates instead; with AUTH_MODE=open (development) it is ignored.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'UserToken', {
    type: 'apiKey',
    in: 'header',
    name: 'User-Token',
    description: 'The queue token from POST /api/v1/queue/token; gated routes need it ACTIVE.',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Concert reservation API',
      version: '1.0.0',
      description: 'Waiting room, seat holds that expire, reservations and wallet payments.',
    },
  });
  registerDocs(app);
  registerStorefront(app, deps.config.storefront, deps.logger);
  return { app, services };
}
