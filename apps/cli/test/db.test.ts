import { randomBytes } from 'node:crypto';
import { createDatabase } from '@concert/db';
import { testServerUrl } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl db migrate and seed demo', () => {
  it('creates the database, seeds the demo catalog once, and skips it when not empty', async () => {
    const url = new URL(testServerUrl());
    url.pathname = `/concert_cli_${randomBytes(4).toString('hex')}`;
    const env = { DATABASE_URL: url.toString() };
    const handle = createDatabase(url.toString(), 1);
    try {
      const migrated = await runCli(['db', 'migrate'], env);
      expect(migrated.stdout).toContain('Migrations applied');
      expect(migrated.code).toBe(0);

      const seeded = await runCli(['seed', 'demo', '--if-empty'], env);
      expect(seeded.stdout).toContain('Seeded 3 concerts, 9 events, 4500 seats');
      const again = await runCli(['seed', 'demo', '--if-empty'], env);
      expect(again.stdout).toContain('seed skipped');
    } finally {
      await handle.pool.query(`DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``);
      await handle.close();
    }
  });

  it('exits non-zero with a clear message when the database is unreachable', async () => {
    const result = await runCli(['seed', 'demo'], { DATABASE_URL: 'mysql://root@127.0.0.1:1/concert' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Cannot reach MySQL at mysql://root@127.0.0.1:1/concert');
  });
});
