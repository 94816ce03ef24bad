import { RedisSeatChangeFeed } from '@concert/redis';
import type { AppDeps } from '../deps.js';
import { SseStreams } from '../streams/sseStreams.js';

/** The live seat feed on this app's Redis (one subscriber connection per process), with its failures logged and counted. */
export function createSeatFeed(deps: AppDeps): RedisSeatChangeFeed {
  return new RedisSeatChangeFeed(deps.redis, {
    keyPrefix: deps.config.redis.keyPrefix,
    logLength: deps.config.seatStream.logLength,
    onPublishError: (error, change) => {
      deps.metrics.seatFeedPublishFailures.inc();
      deps.logger.warn({ err: error, concertEventId: change.concertEventId }, 'a seat change was not published; its watchers will resync');
    },
  });
}

/** The process's seat streams: capped, heartbeated, slow clients dropped (SEAT_STREAM_* settings). */
export function createSeatStreams(deps: AppDeps): SseStreams {
  const { maxPerProcess, heartbeatSeconds, flushMs, maxQueuedWrites } = deps.config.seatStream;
  const streams = new SseStreams({
    maxOpen: maxPerProcess,
    heartbeatMs: heartbeatSeconds * 1_000,
    flushMs,
    maxQueued: maxQueuedWrites,
    onDrop: (reason) => deps.metrics.seatStreamsDropped.inc({ reason }),
  });
  deps.metrics.registerSeatStreamGauge(() => streams.open);
  return streams;
}
