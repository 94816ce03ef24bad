import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps.js';
import { corsPolicy } from './http/cors.js';
import { errorResponse } from './http/errorBody.js';
import { requireGatewayIdentity } from './http/gatewayIdentity.js';
import { createErrorHandler } from './http/onError.js';
import { requestLog } from './http/requestLog.js';
import { validationHook } from './http/validationHook.js';
import { concertEventRoutes } from './routes/concert-events/index.js';
import { concertRoutes } from './routes/concerts/index.js';
import { healthRoutes } from './routes/health.js';
import { paymentRoutes } from './routes/payments/index.js';
import { queueRoutes } from './routes/queue/index.js';
import { userRoutes } from './routes/users/index.js';

/** Builds the whole HTTP app from its dependencies; no port, so tests call app.request(). */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  app.use(requestId());
  app.use(corsPolicy(deps.config.http.corsOrigins));
  app.use(requestLog(deps.logger, deps.metrics));
  app.onError(createErrorHandler(deps.logger));
  app.use('/api/v1/*', requireGatewayIdentity(deps.config));
  app.notFound((c) => errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));

  app.route('/', healthRoutes(deps));
  app.route('/', concertRoutes(deps));
  app.route('/', concertEventRoutes(deps));
  app.route('/', queueRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', paymentRoutes(deps));
  app.get('/metrics', async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
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
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));
  return app;
}

export type App = ReturnType<typeof createApp>;
