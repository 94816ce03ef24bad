import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import { createConnection } from 'mysql2/promise';
import { poolOptions } from './client.js';
import { describeDatabaseFailure } from './errors.js';

/** The generated SQL files: one folder up from this package's source, beside an app's bundle (which copies them). */
const besidePackage = fileURLToPath(new URL('../drizzle', import.meta.url));
const besideBundle = fileURLToPath(new URL('./drizzle', import.meta.url));
export const migrationsFolder = existsSync(besideBundle) ? besideBundle : besidePackage;

/** Several processes may start at once: only one applies migrations, the others wait for it. */
const MIGRATION_LOCK = 'concert_reservation_migrations';

/**
 * Creates the database named in the URL when it is missing, then applies the pending
 * migrations. Safe to run again and from several processes at once.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const databaseName = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(databaseName)) {
    throw new Error(`DATABASE_URL must name a database made of letters, digits and _ (got "${databaseName}").`);
  }
  const serverUrl = new URL(url);
  serverUrl.pathname = '/';
  let connection;
  try {
    connection = await createConnection({ ...poolOptions(serverUrl.toString(), 1), multipleStatements: false });
  } catch (error) {
    throw describeDatabaseFailure(url, error);
  }
  try {
    await connection.query("SET time_zone = '+00:00'");
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${databaseName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await connection.query(`USE \`${databaseName}\``);
    await connection.query('SELECT GET_LOCK(?, 60)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client: connection }), { migrationsFolder });
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [MIGRATION_LOCK]);
    }
  } finally {
    await connection.end();
  }
}
