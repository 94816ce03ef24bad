import { redactUrl } from '@concert/config';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** One Redis server or a Redis Cluster: every adapter takes either (their keys are hash-tagged). */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the one server at `url`, or the cluster that `clusterNodes` (host:port) lead to. */
export interface RedisTarget {
  url: string;
  clusterNodes: readonly string[];
}

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

const placeOf = ({ url, clusterNodes }: RedisTarget) =>
  clusterNodes.length > 0 ? `the Redis Cluster at ${clusterNodes.join(',')}` : `Redis at ${redactUrl(url)}`;

function unavailable(target: RedisTarget, reason: string, cause?: unknown) {
  const fix =
    target.clusterNodes.length > 0
      ? 'Start it (`scripts/redis-cluster.sh start` runs a local one), or point REDIS_CLUSTER_NODES at running nodes.'
      : 'Start it with `npm run up` (installs and starts MariaDB and Redis on Debian as root), or point REDIS_URL at a running server.';
  return new RedisUnavailableError(`Cannot reach ${placeOf(target)} (${reason}). ${fix}`, { cause });
}

/**
 * What every connection shares. Commands fail fast while a server is away (no offline queue), so
 * callers can answer 503 at once; ioredis reconnects by itself.
 */
const connectionOptions = (connectTimeoutMs: number): RedisOptions => ({
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: connectTimeoutMs,
  // A server that accepts but does not answer must not hang requests: they fail and fall back.
  // With auto-pipelining below a command may wait for the batch before it to time out first, so
  // a request waits up to twice this: about 2 s in all.
  commandTimeout: 1_000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  // The commands of one event-loop turn go out in one write: under load, many requests' gate
  // checks and polls share a socket write (the largest cost left per call: docs/benchmarks.md).
  enableAutoPipelining: true,
});

/** A cluster's nodes take the user, password and TLS of REDIS_URL; its host and port are unused. */
function credentialsOf(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

function clientFor(target: RedisTarget, connectTimeoutMs: number): RedisClient {
  const options = connectionOptions(connectTimeoutMs);
  if (target.clusterNodes.length === 0) return new Redis(target.url, options);
  const { lazyConnect, enableOfflineQueue, enableAutoPipelining, ...perNode } = options;
  return new Cluster(
    target.clusterNodes.map((node) => {
      const [host = '', port = ''] = node.split(':');
      return { host, port: Number(port) };
    }),
    {
      lazyConnect,
      enableOfflineQueue,
      enableAutoPipelining,
      // While a master is lost and its replica not yet promoted, its slots' commands fail at once
      // (503s); the slot map is asked again every second so the new master is found soon after.
      slotsRefreshInterval: 1_000,
      clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
      redisOptions: { ...perNode, ...credentialsOf(target.url) },
    },
  );
}

/**
 * Connects to the server or the cluster and checks it answers (a cluster: that it has learnt the
 * slot map). A plain URL string means one server.
 */
export async function connectRedis(
  target: string | RedisTarget,
  options: { connectTimeoutMs?: number } = {},
): Promise<RedisClient> {
  const where = typeof target === 'string' ? { url: target, clusterNodes: [] } : target;
  const redis = clientFor(where, options.connectTimeoutMs ?? 5_000);
  // Without a listener ioredis prints every failed reconnect; readiness reports the state instead.
  // The socket's own error (ECONNREFUSED…) says more than connect()'s "Connection is closed".
  let socketError: (Error & { code?: string; lastNodeError?: Error & { code?: string } }) | undefined;
  redis.on('error', (error: Error) => {
    socketError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const cause = socketError?.lastNodeError ?? socketError;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw unavailable(where, reason, error);
  }
  return redis;
}

/** Runs `each` on every master of a cluster, or on the one server: for scans and cleanups. */
export function everyMaster(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** A second connection to the same server or cluster, with the same options: a subscriber needs its own. */
export function duplicateOf(redis: RedisClient): RedisClient {
  return redis instanceof Cluster ? redis.duplicate() : redis.duplicate();
}

/**
 * Replies of a Redis Cluster that is settling (a master lost and its replica not yet promoted, a
 * slot moving, a node loading its data): they pass by themselves. ioredis follows MOVED and ASK
 * itself, but while a master is lost a redirection can point at the dead node and reach the caller
 * (seen in the failover test).
 */
export const isClusterSettling = (error: unknown) =>
  error instanceof Error && /^(CLUSTERDOWN|TRYAGAIN|MASTERDOWN|LOADING|READONLY|MOVED|ASK)\b/.test(error.message);
