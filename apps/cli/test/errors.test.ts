import { describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl errors and help', () => {
  it('lists every command group in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const group of ['db', 'seed', 'catalog', 'holds', 'reservations', 'payments', 'queue', 'wallet', 'verify']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
    }
  });

  it('names the database URL and how to start it when it is unreachable', async () => {
    const down = await runCli(['catalog', 'concerts'], { DATABASE_URL: 'mysql://root@127.0.0.1:1/concert' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Cannot reach MySQL at mysql://root@127.0.0.1:1/concert');
    expect(down.stderr).toContain('npm run up');
  });

  it('names the setting when the environment is invalid', async () => {
    const invalid = await runCli(['catalog', 'concerts'], { DATABASE_URL: 'not-a-url' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('DATABASE_URL');
  });
});
