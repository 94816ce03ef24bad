import type { BodyCache, Loaded } from '@concert/redis';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { sendCachedBody } from './sendCachedBody.js';

/**
 * A route's 200 answer from the cache: serialised once per load, sent as ready bytes (ETag, 304,
 * gzip) by sendCachedBody. The route stays declared from its contract operation (so validated and
 * documented as before): this returns the type `c.json(value, 200)` would for the `T` the loader
 * serialised, so the handler types exactly as one that serialises per request. The cast is sound:
 * the only body this can send is `JSON.stringify` of a `T` (or a 304 that stands for it).
 */
export async function sendCachedJson<T>(
  c: Context,
  cache: BodyCache,
  key: string,
  load: () => Promise<{ value: T; validUntil?: number }>,
): Promise<Response & TypedResponse<JSONParsed<T>, 200, 'json'>> {
  const entry = await cache.get(key, async (): Promise<Loaded> => {
    const { value, validUntil } = await load();
    return { body: JSON.stringify(value), ...(validUntil === undefined ? {} : { validUntil }) };
  });
  return sendCachedBody(c, entry) as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}
