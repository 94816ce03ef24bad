import { pino, type Logger } from 'pino';
import type { Config } from '@concert/config';

/**
 * JSON lines on stdout, written asynchronously: lines logged while a write is in flight go out
 * together in the next one, so a busy process makes one write() per batch instead of one per
 * request, and a quiet one still writes each line at once. pino flushes what is pending when the
 * process exits, so no line is lost on shutdown.
 */
export function createLogger(config: Pick<Config, 'log'>): Logger {
  return pino(
    {
      level: config.log.level,
      base: { service: 'concert-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
