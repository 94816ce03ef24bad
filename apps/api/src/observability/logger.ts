import { pino, type Logger } from 'pino';
import type { Config } from '@concert/config';

/**
 * JSON lines on stdout, written asynchronously: lines logged while a write is in flight go out
 * together in the next one, so a busy process makes one write() per batch instead of one per
 * request, and a quiet one still writes each line at once. pino flushes what is pending when the
 * process exits, so no line is lost on shutdown. Lines are also held until 4 KB are pending (at most
 * 250 ms on a quiet process): a write per ~20 lines instead of per line or two cost measurably on the
 * cached catalog path (docs/benchmarks.md); a SIGKILL could lose those last 250 ms of lines.
 */
export function createLogger(config: Pick<Config, 'log'>): Logger {
  return pino(
    {
      level: config.log.level,
      base: { service: 'concert-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: 1, sync: false, minLength: 4_096, periodicFlush: 250 }),
  );
}
