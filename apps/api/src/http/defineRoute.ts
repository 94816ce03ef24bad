import type { Config } from '@concert/config';
import { actingUserInputs, type Operation } from '@concert/contract';
import { assertIdentity } from '@concert/domain';
import type { RouteHandler } from '@hono/zod-openapi';
import type { Handler, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Services } from '../services.js';
import type { App, AppEnv, GatedEnv } from './appEnv.js';
import { queueGate } from './queueGate.js';
import { routeOf } from './routeOf.js';

/** One route of the app: what createApp calls, the same way for every route. */
export interface RouteModule {
  register(app: App, services: Services): void;
}

type Params = z.ZodObject | undefined;
type Query = z.ZodObject | undefined;
type Body = z.ZodType | undefined;
type RouteOf<P extends Params, Q extends Query, B extends Body, R extends z.ZodType> = ReturnType<typeof routeOf<P, Q, B, R>>;

export interface RouteOptions {
  /** Puts an open (`auth: 'none'`) operation behind the waiting room when the settings say so. */
  gatedWhen?: (config: Config) => boolean;
}

/**
 * The gate in front of an operation, from its contract alone: none for `auth: 'none'` (unless the
 * route's settings gate it), else the queue gate its `queuePlace` asks for. A route cannot leave it out.
 */
function gateOf(operation: Operation, services: Services, options: RouteOptions): MiddlewareHandler | undefined {
  if (operation.auth === 'queueToken') return queueGate(operation.queuePlace ?? 'active', services);
  return options.gatedWhen?.(services.config) ? queueGate('active', services) : undefined;
}

/**
 * The handler, held to the caller's identity: each user the operation's validated input names
 * (actingUserInputs, from the contract) must be `c.var.identity` when there is one, or 403
 * identity_mismatch before the handler runs.
 */
function actingForIdentity(operation: Operation, handler: Handler<AppEnv>): Handler<AppEnv> {
  const inputs = actingUserInputs(operation);
  if (inputs.length === 0) return handler;
  return (c, next) => {
    for (const input of inputs) {
      const named = (c.req.valid(input.in as never) as Record<string, number>)[input.field];
      if (named !== undefined) assertIdentity(c.var.identity, named);
    }
    return handler(c, next);
  };
}

function routeModule<P extends Params, Q extends Query, B extends Body, R extends z.ZodType, E extends AppEnv>(
  operation: Operation<P, Q, B, R>,
  handlerOf: (services: Services) => RouteHandler<RouteOf<P, Q, B, R>, E>,
  options: RouteOptions,
): RouteModule {
  return {
    register(app, services) {
      const gate = gateOf(operation, services, options);
      // The handler was type-checked against its operation's schemas and env where it was defined.
      const handler = actingForIdentity(operation, handlerOf(services) as unknown as Handler<AppEnv>);
      app.openapi({ ...routeOf(operation), ...(gate ? { middleware: [gate] } : {}) }, handler as never);
    },
  };
}

/**
 * A route of a contract operation: validated and documented by the operation's schemas (routeOf),
 * gated by its `auth`, answered by the handler `handlerOf` builds once from the app's services.
 */
export const defineRoute = <P extends Params, Q extends Query, B extends Body, R extends z.ZodType>(
  operation: Operation<P, Q, B, R>,
  handlerOf: (services: Services) => RouteHandler<RouteOf<P, Q, B, R>, AppEnv>,
  options: RouteOptions = {},
) => routeModule(operation, handlerOf, options);

/**
 * A route whose handler acts for the user the gate let through (`c.var.queueUser`): its operation
 * must have a gate that reads the user's place. Checked when the module loads, so a mismatch fails
 * every test at once.
 */
export function defineGatedRoute<P extends Params, Q extends Query, B extends Body, R extends z.ZodType>(
  operation: Operation<P, Q, B, R>,
  handlerOf: (services: Services) => RouteHandler<RouteOf<P, Q, B, R>, GatedEnv>,
): RouteModule {
  if (operation.auth !== 'queueToken' || operation.queuePlace === 'unread') {
    throw new Error(`${operation.operationId}: its contract has no gate that sets the queue user.`);
  }
  return routeModule(operation, handlerOf, {});
}
