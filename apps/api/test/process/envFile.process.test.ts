import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiServices, type ApiServices, freePort, processTestTimeouts, spawnApi, untilReady } from '../support/apiProcess.js';

vi.setConfig(processTestTimeouts);

describe('the API started beside a .env file', () => {
  let services: ApiServices;
  let directory: string;
  let port: number;
  let fileSettings: Record<string, string>;
  beforeAll(async () => {
    services = await apiServices();
    directory = await mkdtemp(join(tmpdir(), 'concert-api-env-'));
    port = await freePort();
    fileSettings = { ...services.settings, PORT: String(port), LOG_LEVEL: 'warn' };
    await writeFile(join(directory, '.env'), Object.entries(fileSettings).map(([name, value]) => `${name}=${value}\n`).join(''));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await services.destroy();
  });

  /** Starts the API in the .env's directory, waits until it serves, and stops it: what did it log? */
  async function logOfARun(environment: Record<string, string>): Promise<string> {
    // Empty counts as unset, so each setting comes from the file even where the shell running the
    // tests exported its own.
    const unset = Object.fromEntries(Object.keys(fileSettings).map((name) => [name, '']));
    const api = spawnApi({ ...unset, ...environment }, directory);
    try {
      await untilReady(api, `http://127.0.0.1:${port}`);
    } finally {
      await api.stop();
    }
    return api.output().stdout;
  }

  it('takes its settings from the file: it serves on its port and database, and logs at its level', async () => {
    const log = await logOfARun({});
    expect(log).not.toContain('"msg":"listening"');
  });

  it('lets a variable of the real environment win over the file', async () => {
    const log = await logOfARun({ LOG_LEVEL: 'info' });
    expect(log).toContain(`"port":${port}`);
    expect(log).toContain('"msg":"listening"');
  });
});
