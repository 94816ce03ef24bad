import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiServices, type ApiServices, processTestTimeouts, spawnApi } from '../support/apiProcess.js';

vi.setConfig(processTestTimeouts);

describe('starting the API on a port that is taken', () => {
  let services: ApiServices;
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    services = await apiServices();
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await services.destroy();
  });

  it('names the port and how to pick another in one line, and exits 1', async () => {
    const api = spawnApi({ ...services.settings, PORT: String(port), LOG_LEVEL: 'warn' });
    expect(await api.exited).toBe(1);
    expect(api.output().stderr.trimEnd().split('\n')).toEqual([
      `concert-api could not start: port ${port} is already in use on 127.0.0.1 (another process listens there). ` +
        `Stop that process, or pick another port with PORT, e.g. \`PORT=${port + 1} npm start\` or PORT=${port + 1} in .env.`,
    ]);
  });
});
