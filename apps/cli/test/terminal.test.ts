import { createConcert, createTestDatabase, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInTerminal } from './support.js';

const ESCAPE = '\u001b[';
const BOLD = `${ESCAPE}1m`;

describe('concertctl tables on a terminal, in a pipe, and with NO_COLOR', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(2);
    await createConcert(database.db, { title: 'Plain text night' });
  });
  afterAll(() => database.destroy());

  it('sets headers in bold on a terminal, never in red', async () => {
    const shown = await runCliInTerminal(['catalog', 'concerts'], { DATABASE_URL: database.url });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Plain text night');
    expect(shown.stdout).toContain(`${BOLD} title`);
    // Red (31) and grey (90) were cli-table3's defaults: a red header reads as an error.
    for (const colour of ['31m', '90m']) expect(shown.stdout).not.toContain(`${ESCAPE}${colour}`);
  });

  it('writes no escape codes on a terminal when NO_COLOR is set', async () => {
    const shown = await runCliInTerminal(['catalog', 'concerts'], { DATABASE_URL: database.url, NO_COLOR: '1' });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Plain text night');
    expect(shown.stdout).not.toContain(ESCAPE);
  });

  it('writes no escape codes into a pipe', async () => {
    const piped = await runCli(['catalog', 'concerts'], { DATABASE_URL: database.url });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('Plain text night');
    expect(piped.stdout).not.toContain(ESCAPE);
  });
});
