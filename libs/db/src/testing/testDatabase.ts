import { randomBytes } from 'node:crypto';
import { createDatabase, type DatabaseHandle } from '../client.js';
import { migrateDatabase } from '../migrate.js';

/** Where test databases are created: the server of TEST_DATABASE_URL, else of DATABASE_URL, else local. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/concert';
}

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

/** A new, migrated database of its own, so test files run in parallel without sharing rows. */
export async function createTestDatabase(poolSize = 20): Promise<TestDatabase> {
  const name = `concert_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const handle = createDatabase(url.toString(), poolSize);
  return {
    ...handle,
    url: url.toString(),
    name,
    async destroy() {
      await handle.pool.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await handle.close();
    },
  };
}
