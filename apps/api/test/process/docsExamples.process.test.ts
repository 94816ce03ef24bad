import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCatalog, insertCatalog } from '@concert/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiProcess, apiServices, type ApiServices, freePort, processTestTimeouts, spawnApi, tsxLoader, untilReady } from '../support/apiProcess.js';

vi.setConfig(processTestTimeouts);

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The fenced blocks of one language in a Markdown file, in order. */
async function codeBlocks(path: string, language: string): Promise<string[]> {
  const markdown = await readFile(join(repositoryRoot, path), 'utf8');
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map((match) => match[1] ?? '');
}

function blockWith(blocks: string[], marker: string): string {
  const block = blocks.find((candidate) => candidate.includes(marker));
  if (block === undefined) throw new Error(`No example contains ${marker}`);
  return block;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * As a reader's shell runs them: without the FORCE_COLOR that Nx gives its tasks, under which
 * `node -pe` prints a number in colour and the README's `[ ... = 0 ]` never holds.
 */
const { FORCE_COLOR: _taskColours, ...readerEnvironment } = process.env;

function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: repositoryRoot, env: { ...readerEnvironment, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the examples of the README and the SDK README, run as written against a freshly seeded demo', () => {
  let services: ApiServices;
  let api: ApiProcess;
  let port: number;
  beforeAll(async () => {
    services = await apiServices();
    await insertCatalog(services.database.db, demoCatalog(new Date()));
    port = await freePort();
    api = spawnApi({ ...services.settings, PORT: String(port), LOG_LEVEL: 'warn' });
    await untilReady(api, `http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await api?.stop();
    await services.destroy();
  });

  /** A README block in `sh`, stopping at the first failing command, against this test's API and database. */
  const runShell = (block: string) =>
    run('sh', ['-e', '-c', block.replaceAll('localhost:8080', `127.0.0.1:${port}`)], { DATABASE_URL: services.settings.DATABASE_URL ?? '' });

  it('README: the service checks and the CLI help answer', async () => {
    const checks = await runShell(blockWith(await codeBlocks('README.md', 'sh'), '/readyz'));
    expect(checks.code).toBe(0);
    expect(checks.stdout).toContain('{"data":{"status":"ok","checks":{"mysql":"ok","redis":"ok"}}}');
    expect(checks.stdout).toContain('"title":"Midnight Orbit"');
    expect(checks.stdout).toContain('"openapi":"3.1');
    expect(checks.stdout).toContain('Usage: concertctl');
  });

  it('README: the purchase pays for a seat, and again for another seat when run again', async () => {
    const purchase = blockWith(await codeBlocks('README.md', 'sh'), '/payments');
    const payments = [];
    for (const attempt of [1, 2]) {
      const bought = await runShell(purchase);
      expect(bought, `run ${attempt}`).toMatchObject({ code: 0 });
      expect(bought.stdout).toContain('The books are in order');
      const payment = /\{"data":\{"id":\d+,"reservationId":(\d+),"amount":(\d+),"status":"COMPLETED"/.exec(bought.stdout);
      expect(payment, bought.stdout).not.toBeNull();
      payments.push({ reservationId: Number(payment?.[1]), amount: Number(payment?.[2]) });
    }
    expect(payments[0]?.reservationId).not.toBe(payments[1]?.reservationId);
    // The first seats of the demo are its dearest: the seed's 100,000 top-up paid for each.
    expect(payments.map((payment) => payment.amount)).toEqual([50_000, 50_000]);
  });

  it("SDK README: the example buys two seats with the seed's 100,000 top-up", async () => {
    const example = (await codeBlocks('libs/sdk/README.md', 'ts'))[0] ?? '';
    expect(example).toContain("baseUrl: 'https://tickets.example.com'");
    const program = [
      example.replace("baseUrl: 'https://tickets.example.com'", `baseUrl: 'http://127.0.0.1:${port}'`),
      // The page's own functions the example calls; a purchase that goes through needs none of them.
      'function showQueue(): void {}',
      'function pickOtherSeats(details: unknown): never { throw new Error(`seats taken: ${JSON.stringify(details)}`); }',
      "function askForTopUp(): never { throw new Error('balance too low'); }",
      "function backToQueue(): never { throw new Error('not admitted'); }",
      'console.log(JSON.stringify(await buyTwoSeats(7, AbortSignal.timeout(60_000))));',
    ].join('\n');
    // Under node_modules of the repository, so that `@concert/sdk` resolves as it does for a package of this workspace.
    const folder = join(repositoryRoot, 'node_modules', '.cache', 'readme-examples');
    const file = join(folder, `sdk-readme-${process.pid}.mts`);
    await mkdir(folder, { recursive: true });
    await writeFile(file, program);
    try {
      const bought = await run(process.execPath, ['--conditions=@concert/source', '--import', tsxLoader, file], {});
      expect(bought, bought.stderr).toMatchObject({ code: 0 });
      expect(JSON.parse(bought.stdout)).toMatchObject({ amount: 100_000, status: 'COMPLETED' });
    } finally {
      await rm(file, { force: true });
    }
  });
});

describe('the links of the docs a newcomer reads first', () => {
  it('lead to files of the repository, so that they work in any clone', async () => {
    for (const path of ['README.md', 'libs/sdk/README.md', 'docs/seed-compatibility.md', 'docs/operator-guide.md']) {
      const markdown = await readFile(join(repositoryRoot, path), 'utf8');
      for (const [, target = ''] of markdown.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)) {
        const resolved = join(repositoryRoot, dirname(path), target);
        expect(/^[a-z]+:/.test(target), `${path} links outside the repository: ${target}`).toBe(false);
        expect(relative(repositoryRoot, resolved).startsWith('..'), `${path} links outside the repository: ${target}`).toBe(false);
        expect(existsSync(resolved), `${path} links to a missing file: ${target}`).toBe(true);
      }
    }
  });
});
