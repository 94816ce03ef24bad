import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { validationHook } from '../../http/validationHook.js';
import { deleteQueueTokenRoute } from './deleteQueueToken.js';
import { getQueueStatusRoute } from './getQueueStatus.js';
import { issueQueueTokenRoute } from './issueQueueToken.js';

/** The waiting room: join, poll, leave. */
export function queueRoutes(deps: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  issueQueueTokenRoute(app, deps);
  getQueueStatusRoute(app, deps);
  deleteQueueTokenRoute(app, deps);
  return app;
}
