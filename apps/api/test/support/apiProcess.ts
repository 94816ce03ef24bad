import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase, createTestRedis, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll } from 'vitest';

const mainScript = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
// By URL: Node resolves `--import` from the working directory, which a test may set elsewhere.
export const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * For `vi.setConfig` in a file that starts API processes: each start (node + tsx) takes seconds on
 * an idle machine and many times that when the 2 cores are shared. A ceiling against hangs, not a
 * timed assertion.
 */
export const processTestTimeouts = { testTimeout: 180_000, hookTimeout: 180_000 };

export interface ApiProcess {
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** Sends a signal and returns at once (an operator's SIGTERM, a crash's SIGKILL). */
  signal(name: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/** The API as its own process (`src/main.ts` through tsx: the code `npm start` bundles), with the environment and working directory given. */
export function spawnApi(env: Record<string, string>, cwd?: string): ApiProcess {
  const child = spawn(process.execPath, ['--conditions=@concert/source', '--import', tsxLoader, mainScript], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    exited,
    output: () => ({ stdout, stderr }),
    signal(name) {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A port nobody listens on now. The API reads its port from PORT and logs the setting, not the
 * port the system gave it, so a test that must know the port asks the system for a free one first.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until the API at `baseUrl` is ready (GET /readyz answers 200), failing with its output if it exits first. */
export async function untilReady(api: ApiProcess, baseUrl: string, timeoutMs = 150_000): Promise<void> {
  let exited = false;
  void api.exited.then(() => (exited = true));
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && !exited; ) {
    const ready = await fetch(`${baseUrl}/readyz`).then((response) => response.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { stdout, stderr } = api.output();
  throw new Error(`The API did not become ready.\nstdout: ${stdout}\nstderr: ${stderr}`);
}

export interface ApiServices {
  database: TestDatabase;
  /** What points an API process at them: its own database and Redis key prefix, on loopback. */
  settings: Record<string, string>;
  destroy(): Promise<void>;
}

/** A database and a Redis key prefix of the test's own, for an API process to run on. */
export async function apiServices(): Promise<ApiServices> {
  const [database, redis] = await Promise.all([createTestDatabase(2), createTestRedis()]);
  return {
    database,
    settings: {
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DB_POOL_SIZE: '2',
      ...redis.settings,
    },
    async destroy() {
      await Promise.all([database.destroy(), redis.destroy()]);
    },
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The JSON log lines an API process has written to stdout so far. */
export function logLines(api: ApiProcess): LogLine[] {
  return api
    .output()
    .stdout.split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/**
 * For the enclosing describe block: a database and a Redis prefix of its own, and an API process on
 * them with these settings, ready on `port` of 127.0.0.1 before the tests run (killed at the end if
 * it still runs).
 */
export function apiProcessPerSuite(settings: Record<string, string> = {}) {
  const state = { api: undefined as unknown as ApiProcess, database: undefined as unknown as TestDatabase, port: 0, keyPrefix: '' };
  let services: ApiServices;
  beforeAll(async () => {
    services = await apiServices();
    state.database = services.database;
    state.keyPrefix = services.settings.REDIS_KEY_PREFIX ?? '';
    state.port = await freePort();
    state.api = spawnApi({ ...services.settings, PORT: String(state.port), LOG_LEVEL: 'info', ...settings });
    await untilReady(state.api, `http://127.0.0.1:${state.port}`);
  });
  afterAll(async () => {
    state.api.signal('SIGKILL');
    await state.api.exited;
    await services.destroy();
  });
  return state;
}
