import { redactUrl } from '@concert/config';

/**
 * The one place that knows the error numbers of MySQL 8 and MariaDB, so callers ask
 * "was it a lock wait?" instead of comparing driver codes.
 */
const ER_DUP_ENTRY = 1062;
const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_LOCK_DEADLOCK = 1213;
/** MySQL 8 answers NOWAIT with its own number; MariaDB uses 1205. */
const ER_LOCK_NOWAIT = 3572;
const ER_BAD_DB_ERROR = 1049;
const ER_NO_SUCH_TABLE = 1146;

const MIGRATE_COMMAND = '`npm run db:migrate` (or `npx concertctl db migrate`)';

interface DriverError {
  message?: string;
  errno?: number;
  code?: string;
  /** Set by mysql2 only on an error the server answered a statement with. */
  sqlState?: string;
  /** Set by mysql2 on an error that lost the connection. */
  fatal?: boolean;
}

/** Drizzle wraps driver errors in DrizzleQueryError: the driver's error is its cause. */
function driverError(error: unknown): DriverError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth += 1) {
    const candidate = current as Error & DriverError;
    if (typeof candidate.errno === 'number' || typeof candidate.code === 'string') return candidate;
    current = candidate.cause;
  }
  return undefined;
}

export const isDuplicateKey = (error: unknown) => driverError(error)?.errno === ER_DUP_ENTRY;

export const isLockWaitTimeout = (error: unknown) => {
  const errno = driverError(error)?.errno;
  return errno === ER_LOCK_WAIT_TIMEOUT || errno === ER_LOCK_NOWAIT;
};

export const isDeadlock = (error: unknown) => driverError(error)?.errno === ER_LOCK_DEADLOCK;

/** Worth retrying the whole transaction: the database gave up on it, not on the data. */
export const isTransient = (error: unknown) => isDeadlock(error) || isLockWaitTimeout(error);

/**
 * The server refused a statement for its data (SQLSTATE class 22 or 23) or for a lock (deadlock,
 * lock wait): errors a statement gets before a COMMIT, never from it. In a multi-statement
 * transaction nothing after that statement ran, so the COMMIT sent after it did not. Any other
 * failure (a lost connection, a timeout, a killed query, an error during the commit) may have
 * struck after the COMMIT ran: its outcome is unknown.
 */
export const isRefusedStatement = (error: unknown) => {
  const driver = driverError(error);
  if (driver === undefined || driver.fatal === true || typeof driver.sqlState !== 'string') return false;
  return /^2[23]/.test(driver.sqlState) || isTransient(error);
};

/**
 * Runs a transaction again when it failed transiently, up to `attempts` runs in all. Safe because a
 * deadlock or lock wait rolled the whole transaction back.
 */
export async function retryingTransient<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
    }
  }
}

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** Socket-level failures: the server is down, unreachable, or went away mid-query. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  // The server is shutting down, or has no connection left for us.
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
]);

/**
 * MySQL could not be reached or went away (refused, timed out, lost, shutting down): an outage the
 * caller can only wait out, unlike an error the server answered a statement with. mysql2 marks the
 * errors that lost their connection `fatal`; a pool's connect failure carries only its code.
 */
export const isDatabaseUnreachable = (error: unknown): boolean => {
  if (error instanceof DatabaseUnavailableError) return true;
  const driver = driverError(error);
  if (driver === undefined) return false;
  return driver.fatal === true || (driver.code !== undefined && CONNECTION_CODES.has(driver.code));
};

export function describeDatabaseFailure(url: string, error: unknown): DatabaseUnavailableError {
  // The server answered, so starting it would not help: the database itself is missing.
  if (driverError(error)?.errno === ER_BAD_DB_ERROR) {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    return new DatabaseUnavailableError(`Database ${name} does not exist at ${redactUrl(url)}: create it and its tables with ${MIGRATE_COMMAND}.`, { cause: error });
  }
  const reason = driverError(error)?.code ?? (error instanceof Error ? error.message : String(error));
  return new DatabaseUnavailableError(
    `Cannot reach MySQL at ${redactUrl(url)} (${reason}). Start MariaDB or MySQL with \`npm run up\` ` +
      '(installs and starts MariaDB and Redis on Debian as root), or point DATABASE_URL at a running server.',
    { cause: error },
  );
}

/**
 * A statement failed because a table is missing: the database was created without its migrations.
 * The message to print instead of the failed query's text; undefined for any other failure.
 */
export function describeMissingTable(error: unknown): string | undefined {
  const driver = driverError(error);
  if (driver?.errno !== ER_NO_SUCH_TABLE) return undefined;
  return `${driver.message ?? 'A table is missing'}: apply the migrations with ${MIGRATE_COMMAND}.`;
}
