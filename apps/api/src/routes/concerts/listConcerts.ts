import { listConcertsOperation } from '@concert/contract';
import { listConcerts, type BookingContext } from '@concert/domain';
import type { BodyCache } from '@concert/redis';
import { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import { sendCachedJson } from '../../http/sendCachedJson.js';
import { validationHook } from '../../http/validationHook.js';

/** The list's key in the catalog cache; the fast path (http/catalogFastPath.ts) reads the same entry. */
export const CONCERT_LIST_KEY = 'concerts';

/** Cached until a catalog write invalidates it: the list has no time-dependent part. */
export const listConcertsRoute = (ctx: BookingContext, cache: BodyCache) =>
  new OpenAPIHono({ defaultHook: validationHook }).openapi(routeOf(listConcertsOperation), (c) =>
    sendCachedJson(c, cache, CONCERT_LIST_KEY, async () => ({ value: { list: await listConcerts({ ctx }) } })),
  );
