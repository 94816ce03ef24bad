import { fork } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const fixture = new URL('./logLines.fixture.ts', import.meta.url).pathname;

const logging = (count: number, mode: 'exit' | 'report' | 'sync') =>
  fork(fixture, [String(count), mode], {
    execArgv: ['--conditions=@concert/source', '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });

/** Whether a process logging `count` lines into a stdout nobody reads says it is done within `ms`. */
async function doneWithin(count: number, mode: 'report' | 'sync', ms: number): Promise<boolean> {
  const child = logging(count, mode);
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      child.once('message', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  } finally {
    child.kill('SIGKILL');
  }
}

describe("the API's logger (pino's asynchronous destination)", () => {
  it('writes every pending line when the process exits right after logging them', async () => {
    const child = logging(20_000, 'exit');
    let lines = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines += 1;
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect({ code, lines }).toEqual({ code: 0, lines: 20_000 });
  });

  it('keeps the process running when nobody reads its stdout', async () => {
    // About 30 MB of lines into a pipe that is never read: more than the pipe and the bound hold.
    expect(await doneWithin(200_000, 'report', 20_000)).toBe(true);
  });

  it('control: through a synchronous destination the same unread pipe stalls the process', async () => {
    expect(await doneWithin(200_000, 'sync', 3_000)).toBe(false);
  });
});
