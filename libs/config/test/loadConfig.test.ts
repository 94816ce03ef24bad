import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_TOKEN_SECRET, envSchema, loadConfig, redactUrl } from '../src/index.js';

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(8080);
    expect(config.db.url).toBe('mysql://root@127.0.0.1:3306/concert');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.queue.tokenSecret).toBe(DEVELOPMENT_TOKEN_SECRET);
    expect(config.booking.maxSeatsPerUser).toBe(4);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses to start in production without a token secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', QUEUE_TOKEN_SECRET: 'x'.repeat(32) })).not.toThrow();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ QUEUE_TOKEN_SECRET: '', PORT: '' }).http.port).toBe(8080);
  });

  it('documents every setting in .env.example, and nothing else', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });
});

describe('redactUrl', () => {
  it('hides the password of a connection URL and keeps the rest', () => {
    expect(redactUrl('rediss://user:secret@cache:6380/0')).toBe('rediss://user:***@cache:6380/0');
    expect(redactUrl('mysql://root@127.0.0.1:3306/concert')).toBe('mysql://root@127.0.0.1:3306/concert');
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});
