import type { Config } from '@concert/config';
import { pino, type DestinationStream, type Logger } from 'pino';
import { markKnownFormat } from './accessLog.js';
import { batchedDestination } from './batchedDestination.js';

/**
 * The process's logger: JSON lines with pino's default epoch-millisecond `time` (a formatted date
 * cost about a fifth of a request's line), on stdout batched per event-loop turn
 * (batchedDestination) and written synchronously, as pino's own default destination is, so a line
 * waits at most for the end of its turn. Made once per process (main.ts, benchmarks): the exit hook
 * writes what is pending, whatever way the process ends short of a SIGKILL. A synchronous write
 * also means a log reader that stops reading (a full stdout pipe) stalls the process: run it
 * under a collector that keeps up (docs/operator-guide.md).
 * `destination` is for tests; its format is the one accessLog.ts writes itself.
 */
export function createLogger(config: Pick<Config, 'log'>, destination?: DestinationStream): Logger {
  let target = destination;
  if (!target) {
    const stdout = batchedDestination(pino.destination({ dest: 1, sync: true }));
    process.once('exit', () => stdout.close());
    target = stdout;
  }
  return markKnownFormat(pino({ level: config.log.level, base: { service: 'concert-api' } }, target));
}
