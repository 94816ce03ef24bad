import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, createTestRedis, type TestDatabase } from '@concert/testing';

const workspace = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
/** What `npm start` serves: the API's bundle and the storefront's build (the test target builds both first). */
const apiBundle = workspace('apps/api/dist/main.js');
const storefrontDir = workspace('apps/web/dist');

export interface BuiltApi {
  url: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });

/**
 * The built API as its own process on a database and Redis key prefix of its own, serving the
 * built storefront, ready (GET /readyz 200) when this resolves.
 */
export async function startBuiltApi(settings: Record<string, string> = {}): Promise<BuiltApi> {
  for (const built of [apiBundle, `${storefrontDir}/index.html`]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npx nx run-many -t build -p @concert/api @concert/web`);
  }
  const [database, redis, port] = await Promise.all([createTestDatabase(2), createTestRedis(), freePort()]);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--enable-source-maps', apiBundle], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      DB_POOL_SIZE: '4',
      ...redis.settings,
      STOREFRONT_DIR: storefrontDir,
      LOG_LEVEL: 'warn',
      ...settings,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await Promise.all([database.destroy(), redis.destroy()]);
  };
  while (child.exitCode === null) {
    if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) return { url, database, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`The API exited before it was ready:\n${stderr}`);
}
