import { describe, expect, it } from 'vitest';
import { describeDatabaseFailure, describeMissingTable, isDatabaseUnreachable, isRefusedStatement } from '../src/errors.js';

/** mysql2's shapes: a server's error packet has errno, code and sqlState; a lost connection is fatal. */
const serverError = (errno: number, code: string, sqlState: string) => Object.assign(new Error(code), { errno, code, sqlState });

describe('isRefusedStatement (may a failed batch be charged again one by one?)', () => {
  it('says yes for data and lock refusals, which stop the query before its COMMIT', () => {
    expect(isRefusedStatement(serverError(1264, 'ER_WARN_DATA_OUT_OF_RANGE', '22003'))).toBe(true);
    expect(isRefusedStatement(serverError(1062, 'ER_DUP_ENTRY', '23000'))).toBe(true);
    expect(isRefusedStatement(serverError(1213, 'ER_LOCK_DEADLOCK', '40001'))).toBe(true);
    expect(isRefusedStatement(serverError(1205, 'ER_LOCK_WAIT_TIMEOUT', 'HY000'))).toBe(true);
    // Drizzle wraps the driver's error.
    expect(isRefusedStatement(new Error('Failed query', { cause: serverError(1264, 'ER_WARN_DATA_OUT_OF_RANGE', '22003') }))).toBe(true);
  });

  it('says no when the COMMIT may have run: a lost connection, a killed query, an error during the commit', () => {
    expect(isRefusedStatement(Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))).toBe(false);
    expect(isRefusedStatement(serverError(1317, 'ER_QUERY_INTERRUPTED', '70100'))).toBe(false);
    expect(isRefusedStatement(serverError(1053, 'ER_SERVER_SHUTDOWN', '08S01'))).toBe(false);
    expect(isRefusedStatement(serverError(1180, 'ER_ERROR_DURING_COMMIT', 'HY000'))).toBe(false);
    expect(isRefusedStatement(new Error('timeout'))).toBe(false);
  });
});

describe('describing a database that cannot be used', () => {
  const url = 'mysql://root:secret@127.0.0.1:3306/shop';

  it('says to migrate when the server answers that the database does not exist', () => {
    const message = describeDatabaseFailure(url, serverError(1049, 'ER_BAD_DB_ERROR', '42000')).message;
    expect(message).toBe(
      'Database shop does not exist at mysql://root:***@127.0.0.1:3306/shop: create it and its tables with ' +
        '`npm run db:migrate` (or `npx concertctl db migrate`).',
    );
  });

  it('says to start the server when nothing answers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', fatal: true });
    expect(describeDatabaseFailure(url, refused).message).toMatch(/^Cannot reach MySQL at mysql:\/\/root:\*\*\*@127\.0\.0\.1:3306\/shop \(ECONNREFUSED\)\. Start/);
  });

  it('says to migrate when a table is missing, and nothing for other failures', () => {
    const missing = Object.assign(serverError(1146, 'ER_NO_SUCH_TABLE', '42S02'), { message: "Table 'shop.seat' doesn't exist" });
    expect(describeMissingTable(new Error('Failed query: select 1', { cause: missing }))).toBe(
      "Table 'shop.seat' doesn't exist: apply the migrations with `npm run db:migrate` (or `npx concertctl db migrate`).",
    );
    expect(describeMissingTable(serverError(1062, 'ER_DUP_ENTRY', '23000'))).toBeUndefined();
  });
});

describe('isDatabaseUnreachable (an outage to wait out, or an answer from the server?)', () => {
  it('says yes when the server could not be reached or went away', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', fatal: true }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))).toBe(true);
    expect(isDatabaseUnreachable(serverError(1053, 'ER_SERVER_SHUTDOWN', '08S01'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Failed query', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toBe(true);
  });

  it('says no for what the server answered a statement with, and for failures of ours', () => {
    expect(isDatabaseUnreachable(serverError(1062, 'ER_DUP_ENTRY', '23000'))).toBe(false);
    expect(isDatabaseUnreachable(serverError(1205, 'ER_LOCK_WAIT_TIMEOUT', 'HY000'))).toBe(false);
    expect(isDatabaseUnreachable(new TypeError('undefined is not a function'))).toBe(false);
  });
});
