import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConcert, createTestDatabase, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl beside a .env file', () => {
  let database: TestDatabase;
  let directory: string;
  beforeAll(async () => {
    database = await createTestDatabase(2);
    await createConcert(database.db, { title: 'Configured by file' });
    directory = await mkdtemp(join(tmpdir(), 'concertctl-env-'));
    await writeFile(join(directory, '.env'), `# the operator's settings\nDATABASE_URL=${database.url}\n`);
    await mkdir(join(directory, 'scripts'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await database.destroy();
  });

  const titles = (stdout: string) => (JSON.parse(stdout) as Array<{ title: string }>).map((concert) => concert.title);

  it('reads the database from the .env of its working directory, or of a directory above it', async () => {
    // Empty counts as unset: the file applies even if the shell running the tests exported its own.
    for (const cwd of [directory, join(directory, 'scripts')]) {
      const listed = await runCli(['catalog', 'concerts', '--json'], { DATABASE_URL: '' }, cwd);
      expect(listed.code).toBe(0);
      expect(titles(listed.stdout)).toEqual(['Configured by file']);
    }
  });

  it('lets DATABASE_URL set in the environment win over the file', async () => {
    const elsewhere = await runCli(['catalog', 'concerts'], { DATABASE_URL: 'mysql://root@127.0.0.1:1/concert' }, directory);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('Cannot reach MySQL at mysql://root@127.0.0.1:1/concert');
  });
});
