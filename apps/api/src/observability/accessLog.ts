import { pino, type DestinationStream, type Logger } from 'pino';

/** What changes from one request of a route to the next in its log line. */
export interface AccessRecord {
  requestId: string;
  path: string;
  status: number;
  durationMs: number;
}

type AccessLine = (record: AccessRecord) => void;

/**
 * Loggers whose line format is known here: made by createLogger (logger.ts) with pino's default
 * time, message key and formatters, no mixin or hooks, and a plain destination. Any other logger
 * (tests, a different configuration) goes through pino itself.
 */
const knownFormat = new WeakSet<Logger>();

export function markKnownFormat(logger: Logger): Logger {
  knownFormat.add(logger);
  return logger;
}

const internals = (logger: Logger) => logger as unknown as Record<symbol, unknown>;

/**
 * The one JSON line per request of one route. For a logger made by createLogger it is written
 * straight to the destination, built from a prefix made once: the line that
 * `logger.child({ method, route }).info({ requestId, path, status, durationMs }, 'request')` writes,
 * byte for byte but the time (accessLog.test.ts), with only the four values formatted per request.
 * Why: pino's generic path (level method, object walk, escaping per value) was the largest cost
 * left on the cached catalog path, 86–95% vs 73% of the bare-server ceiling with it
 * (docs/benchmarks.md). The level is read once: when `info` is off it writes nothing.
 */
export function accessLog(logger: Logger, method: string, route: string): AccessLine {
  if (!logger.isLevelEnabled('info')) return () => undefined;
  const routeLogger = logger.child({ method, route });
  if (!knownFormat.has(logger)) {
    return ({ requestId, path, status, durationMs }) => routeLogger.info({ requestId, path, status, durationMs }, 'request');
  }
  const destination = internals(logger)[pino.symbols.streamSym] as DestinationStream;
  // The child's bindings as pino serialised them (`,"service":…,"method":…,"route":…`).
  const bindings = internals(routeLogger)[pino.symbols.chindingsSym] as string;
  const head = `{"level":${logger.levels.values.info},"time":`;
  const bound = `${bindings},"requestId":`;
  return ({ requestId, path, status, durationMs }) => {
    destination.write(
      `${head}${Date.now()}${bound}${JSON.stringify(requestId)},"path":${JSON.stringify(path)},"status":${status},"durationMs":${durationMs},"msg":"request"}\n`,
    );
  };
}
