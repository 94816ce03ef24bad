import { createHash } from 'node:crypto';
import type { RedisClient } from './client.js';

/**
 * A Lua script run by its SHA (EVALSHA), loaded on first use and again after a server restart or
 * failover (NOSCRIPT). The script runs atomically on the server.
 */
export function luaScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis: RedisClient, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
