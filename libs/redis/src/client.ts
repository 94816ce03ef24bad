import { redactUrl } from '@concert/config';
import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

function unavailable(url: string, reason: string, cause?: unknown) {
  return new RedisUnavailableError(
    `Cannot reach Redis at ${redactUrl(url)} (${reason}). Start it with \`npm run up\` ` +
      '(installs and starts MariaDB and Redis on Debian as root), or point REDIS_URL at a running server.',
    { cause },
  );
}

/**
 * Connects and checks the server answers. After start-up ioredis reconnects by itself, and
 * commands fail fast while it is away (no offline queue), so callers can answer 503 at once.
 */
export async function connectRedis(url: string, options: { connectTimeoutMs?: number } = {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    // A server that accepts but does not answer must not hang requests: they fail and fall back.
    // With auto-pipelining below a command may wait for the batch before it to time out first, so
    // a request waits up to twice this: about 2 s in all.
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    // The commands of one event-loop turn go out in one write: under load, many requests' gate
    // checks and polls share a socket write (the largest cost left per call: docs/benchmarks.md).
    enableAutoPipelining: true,
  });
  // Without a listener ioredis prints every failed reconnect; readiness reports the state instead.
  // The socket's own error (ECONNREFUSED…) says more than connect()'s "Connection is closed".
  let socketError: (Error & { code?: string }) | undefined;
  redis.on('error', (error: Error) => {
    socketError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = socketError?.code ?? socketError?.message ?? (error instanceof Error ? error.message : String(error));
    throw unavailable(url, reason, error);
  }
  return redis;
}
