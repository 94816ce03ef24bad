import { spawn, type ChildProcess } from 'node:child_process';
import { connectRedis } from '@concert/redis';

/**
 * A redis-server of this test alone, on its own port, that the test may stop and start again (the
 * shared one on 6379 serves other suites). No persistence: a restart comes back empty, as a failover
 * to a fresh replica would.
 */
export async function privateRedis() {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;

  async function start() {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let attempt = 0; ; attempt += 1) {
      try {
        (await connectRedis(url, { connectTimeoutMs: 500 })).disconnect();
        return;
      } catch (error) {
        if (attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async function stop() {
    const running = server;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  }

  await start();
  return { url, start, stop };
}
