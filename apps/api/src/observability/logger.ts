import type { Config } from '@concert/config';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * At most this much log text waits for stdout; beyond it, lines are dropped. A collector that stops
 * reading costs log lines, never a stalled API or an unbounded heap.
 */
const MAX_PENDING_BYTES = 16 * 1024 * 1024;

/**
 * The process's logger: JSON lines with pino's default epoch-millisecond `time`, on stdout through
 * pino's asynchronous destination (sonic-boom): a request never waits for the write, and lines
 * logged while one is in flight go out together in the next. pino flushes what is pending when the
 * process exits (its exit hook, registered for asynchronous destinations), however the process ends
 * short of a SIGKILL. `destination` is for tests.
 */
export function createLogger(config: Pick<Config, 'log'>, destination?: DestinationStream): Logger {
  return pino(
    { level: config.log.level, base: { service: 'concert-api' } },
    destination ?? pino.destination({ dest: 1, sync: false, maxLength: MAX_PENDING_BYTES }),
  );
}
