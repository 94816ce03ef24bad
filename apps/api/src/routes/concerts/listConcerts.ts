import { listConcertsOperation } from '@concert/contract';
import { listConcerts, type BookingContext } from '@concert/domain';
import type { BodyCache } from '@concert/redis';
import { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import { sendCachedJson } from '../../http/sendCachedJson.js';
import { validationHook } from '../../http/validationHook.js';

/** Cached until a catalog write invalidates it: the list has no time-dependent part. */
export const listConcertsRoute = (ctx: BookingContext, cache: BodyCache) =>
  new OpenAPIHono({ defaultHook: validationHook }).openapi(routeOf(listConcertsOperation), (c) =>
    sendCachedJson(c, cache, 'concerts', async () => ({ value: { list: await listConcerts({ ctx }) } })),
  );
