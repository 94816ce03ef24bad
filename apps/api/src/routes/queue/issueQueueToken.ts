import { issueQueueToken } from '@concert/contract';
import { enterQueue } from '@concert/domain';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { gatewayIdentity } from '../../http/gatewayIdentity.js';
import { routeOf } from '../../http/routeOf.js';
import { queueServices } from '../../wiring/queue.js';

export function issueQueueTokenRoute(app: OpenAPIHono, deps: AppDeps) {
  const { ctx } = queueServices(deps);
  return app.openapi(routeOf(issueQueueToken), async (c) => {
    const { userId } = c.req.valid('json');
    const place = await enterQueue({ ctx, input: { userId, identity: gatewayIdentity(c, deps.config) } });
    return c.json({ data: place }, 200);
  });
}
