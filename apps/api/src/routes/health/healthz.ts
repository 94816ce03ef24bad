import { createRoute, z } from '@hono/zod-openapi';
import type { RouteModule } from '../../http/defineRoute.js';

const healthBody = z.object({ data: z.object({ status: z.literal('ok') }) });

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'The process is up',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: healthBody } } } },
});

/** For load balancers, not frontends: no contract operation. */
export const healthzRoute: RouteModule = {
  register(app) {
    app.openapi(healthz, (c) => c.json({ data: { status: 'ok' as const } }, 200));
  },
};
