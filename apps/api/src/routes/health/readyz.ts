import { createRoute, z } from '@hono/zod-openapi';
import type { RouteModule } from '../../http/defineRoute.js';

const readyBody = z.object({
  data: z.object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ mysql: z.enum(['ok', 'unavailable']), redis: z.enum(['ok', 'unavailable']) }),
  }),
});
const unreadyBody = z.object({
  error: z.object({ code: z.literal('not_ready'), message: z.string(), details: readyBody.shape.data }),
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'MySQL and Redis answer',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: readyBody } } },
    503: { description: 'A dependency is down; the error names it', content: { 'application/json': { schema: unreadyBody } } },
  },
});

const probe = (check: () => Promise<unknown>) =>
  check().then(
    () => 'ok' as const,
    () => 'unavailable' as const,
  );

/** For load balancers, not frontends: no contract operation. */
export const readyzRoute: RouteModule = {
  register(app, { database, redis }) {
    app.openapi(readyz, async (c) => {
      const [mysql, redisCheck] = await Promise.all([probe(() => database.ping()), probe(() => redis.ping())]);
      const checks = { mysql, redis: redisCheck };
      if (mysql === 'ok' && redisCheck === 'ok') return c.json({ data: { status: 'ok' as const, checks } }, 200);
      const down = [mysql === 'ok' ? null : 'MySQL', redisCheck === 'ok' ? null : 'Redis'].filter(Boolean).join(' and ');
      return c.json(
        {
          error: {
            code: 'not_ready' as const,
            message: `${down} unavailable.`,
            details: { status: 'unavailable' as const, checks },
          },
        },
        503,
      );
    });
  },
};
