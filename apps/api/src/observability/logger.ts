import type { Config } from '@concert/config';
import { pino, type Logger } from 'pino';
import { batchedDestination } from './batchedDestination.js';

/**
 * The process's logger: JSON lines on stdout with pino's default epoch-millisecond `time` (a
 * formatted date cost about a fifth of a request's line), batched per event-loop turn
 * (batchedDestination) and written synchronously, as pino's own default destination is, so a line
 * waits at most for the end of its turn. Made once per process (main.ts, benchmarks): the exit
 * hook writes what is pending, whatever way the process ends short of a SIGKILL.
 */
export function createLogger(config: Pick<Config, 'log'>): Logger {
  const destination = batchedDestination(pino.destination({ dest: 1, sync: true }));
  process.once('exit', () => destination.flushSync());
  return pino({ level: config.log.level, base: { service: 'concert-api' } }, destination);
}
