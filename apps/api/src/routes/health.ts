import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';

const healthBody = z.object({ data: z.object({ status: z.literal('ok') }) });
const readyBody = z.object({
  data: z.object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ mysql: z.enum(['ok', 'unavailable']), redis: z.enum(['ok', 'unavailable']) }),
  }),
});
const unreadyBody = z.object({
  error: z.object({ code: z.literal('not_ready'), message: z.string(), details: readyBody.shape.data }),
});

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'The process is up',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: healthBody } } } },
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

export function healthRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(healthz, (c) => c.json({ data: { status: 'ok' as const } }, 200))
    .openapi(readyz, async (c) => {
      const [mysql, redis] = await Promise.all([probe(() => deps.database.ping()), probe(() => deps.redis.ping())]);
      if (mysql === 'ok' && redis === 'ok') return c.json({ data: { status: 'ok' as const, checks: { mysql, redis } } }, 200);
      const down = [mysql === 'ok' ? null : 'MySQL', redis === 'ok' ? null : 'Redis'].filter(Boolean).join(' and ');
      return c.json(
        {
          error: {
            code: 'not_ready' as const,
            message: `${down} unavailable.`,
            details: { status: 'unavailable' as const, checks: { mysql, redis } },
          },
        },
        503,
      );
    });
}
