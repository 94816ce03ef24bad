import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { USER_TOKEN_HEADER } from '../../http/requireQueueToken.js';
import { validationHook } from '../../http/validationHook.js';
import { deleteQueueTokenRoute } from './deleteQueueToken.js';
import { getQueueStatusRoute } from './getQueueStatus.js';
import { issueQueueTokenRoute } from './issueQueueToken.js';

/** The waiting room: join, poll, leave. */
export function queueRoutes(deps: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // Every route of `auth: 'queueToken'` (here and in other modules) names this scheme.
  app.openAPIRegistry.registerComponent('securitySchemes', 'UserToken', {
    type: 'apiKey',
    in: 'header',
    name: USER_TOKEN_HEADER,
    description: 'The queue token from POST /api/v1/queue/token; gated routes need it ACTIVE.',
  });
  issueQueueTokenRoute(app, deps);
  getQueueStatusRoute(app, deps);
  deleteQueueTokenRoute(app, deps);
  return app;
}
