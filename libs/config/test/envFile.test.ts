import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { environmentWithEnvFile, findEnvFile, loadConfig } from '../src/index.js';

describe('the .env file', () => {
  let root: string;
  let app: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'concert-env-'));
    app = join(root, 'apps', 'api');
    await mkdir(app, { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is found in the working directory or the nearest directory above it', async () => {
    expect(findEnvFile(app)).toBeUndefined();
    await writeFile(join(root, '.env'), 'LOG_LEVEL=warn\n');
    expect(findEnvFile(app)).toBe(join(root, '.env'));
    await writeFile(join(app, '.env'), 'LOG_LEVEL=error\n');
    expect(findEnvFile(app)).toBe(join(app, '.env'));
  });

  it('gives its settings to the config, under the real environment', async () => {
    await writeFile(
      join(root, '.env'),
      ['# a comment', 'LOG_LEVEL=warn', 'PORT=9090', 'DATABASE_URL="mysql://root@db.example:3306/shop"', 'HOLD_TTL_SECONDS=120'].join('\n'),
    );
    const config = loadConfig(environmentWithEnvFile({ PORT: '7070', HOLD_TTL_SECONDS: '' }, app));
    expect(config.log.level).toBe('warn');
    expect(config.db.url).toBe('mysql://root@db.example:3306/shop');
    // Set in the environment: the environment wins.
    expect(config.http.port).toBe(7070);
    // Empty in the environment means unset, so the file's value applies.
    expect(config.booking.holdTtlSeconds).toBe(120);
  });

  it('changes nothing when there is none', () => {
    const environment = { LOG_LEVEL: 'debug' };
    expect(environmentWithEnvFile(environment, app)).toBe(environment);
  });

  it('names a bad value it holds like any other setting', async () => {
    await writeFile(join(root, '.env'), 'PORT=eighty\n');
    expect(() => loadConfig(environmentWithEnvFile({}, app))).toThrow(/PORT/);
  });
});
