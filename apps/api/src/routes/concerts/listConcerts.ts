import { listConcertsOperation } from '@concert/contract';
import { listConcerts, type BookingContext } from '@concert/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import { validationHook } from '../../http/validationHook.js';

export const listConcertsRoute = (ctx: BookingContext) =>
  new OpenAPIHono({ defaultHook: validationHook }).openapi(routeOf(listConcertsOperation), async (c) =>
    c.json({ list: await listConcerts({ ctx }) }, 200),
  );
