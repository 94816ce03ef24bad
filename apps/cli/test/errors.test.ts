import { readFileSync } from 'node:fs';
import { createTestDatabase } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl errors, help and version', () => {
  it('lists every command group in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const group of ['db', 'seed', 'catalog', 'holds', 'reservations', 'payments', 'queue', 'wallet', 'verify']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
    }
  });

  it('prints its version with --version and -V', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('names the database URL and how to start it when it is unreachable', async () => {
    const down = await runCli(['catalog', 'concerts'], { DATABASE_URL: 'mysql://root@127.0.0.1:1/concert' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Cannot reach MySQL at mysql://root@127.0.0.1:1/concert');
    expect(down.stderr).toContain('npm run up');
  });

  it('says to migrate when the database, or its tables, do not exist', async () => {
    const server = await createTestDatabase(1);
    const empty = `${server.name}_empty`;
    const url = (name: string) => server.url.replace(server.name, name);
    try {
      const missing = await runCli(['catalog', 'concerts'], { DATABASE_URL: url(`${server.name}_missing`) });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`Database ${server.name}_missing does not exist`);
      expect(missing.stderr).toContain('`npm run db:migrate`');
      expect(missing.stderr).not.toContain('npm run up');

      await server.pool.query(`CREATE DATABASE \`${empty}\``);
      const bare = await runCli(['holds', 'list', '--event', '1'], { DATABASE_URL: url(empty) });
      expect(bare.code).toBe(1);
      expect(bare.stderr).toMatch(/^concertctl: Table '.+' doesn't exist: apply the migrations with `npm run db:migrate`/);
      // The failed query's text is not what an operator needs to read.
      expect(bare.stderr).not.toContain('select');
    } finally {
      await server.pool.query(`DROP DATABASE IF EXISTS \`${empty}\``);
      await server.destroy();
    }
  });

  it('names the setting when the environment is invalid', async () => {
    const invalid = await runCli(['catalog', 'concerts'], { DATABASE_URL: 'not-a-url' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('DATABASE_URL');
  });
});
