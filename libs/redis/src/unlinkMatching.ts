import { everyMaster, type RedisClient } from './client.js';

/**
 * Every key matching `pattern` (SCAN), on every master of a cluster: a cluster's KEYS or SCAN sees
 * one node only. For operators and cleanups, never on a request's path.
 */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for (const node of everyMaster(redis)) {
    for await (const keys of node.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) found.push(...keys);
  }
  return found;
}

/** Deletes every key matching `pattern`, one UNLINK per key: on a cluster, keys may sit in different slots. */
export async function unlinkMatching(redis: RedisClient, pattern: string): Promise<void> {
  const keys = await keysMatching(redis, pattern);
  await Promise.all(keys.map((key) => redis.unlink(key)));
}
