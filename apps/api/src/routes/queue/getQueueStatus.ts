import { getQueueStatus } from '@concert/contract';
import { pollQueueStatus } from '@concert/domain';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps.js';
import { gatewayIdentity } from '../../http/gatewayIdentity.js';
import { USER_TOKEN_HEADER } from '../../http/requireQueueToken.js';
import { routeOf } from '../../http/routeOf.js';
import { queueServices } from '../../wiring/queue.js';

export function getQueueStatusRoute(app: OpenAPIHono, deps: AppDeps) {
  const { ctx } = queueServices(deps);
  return app.openapi(routeOf(getQueueStatus), async (c) => {
    const place = await pollQueueStatus({
      ctx,
      input: { token: c.req.header(USER_TOKEN_HEADER), identity: gatewayIdentity(c, deps.config) },
    });
    return c.json({ data: place }, 200);
  });
}
