import { pino, type Logger } from 'pino';
import type { Config } from '@concert/config';

export function createLogger(config: Pick<Config, 'log'>): Logger {
  return pino({
    level: config.log.level,
    base: { service: 'concert-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
