import type { QueueUser } from '@concert/domain';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';

/**
 * The Hono env of every request: `c.var.requestId` is set by hono/request-id, first of all
 * middleware; `c.var.logger`, the request's child logger, by requestLog; `c.var.identity`, on every
 * /api/v1 request, by identify: the authenticated user id, undefined in `open` mode.
 */
export interface AppEnv {
  Variables: { requestId: string; logger: Logger; identity: number | undefined };
}

/**
 * The env of an operation whose gate reads the token's place (`queuePlace` `active` or `reported`
 * in its contract): `c.var.queueUser` is the user the gate let through, the id taken from the token.
 */
export interface GatedEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { queueUser: QueueUser };
}

export type App = OpenAPIHono<AppEnv>;
