import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dbOutboxStore, writeEvents } from '@concert/db';
import { newEvent, relayEvents, systemClock } from '@concert/domain';
import { redisEventStream } from '@concert/redis';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl webhooks', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  beforeAll(async () => {
    database = await createTestDatabase(2);
    redis = await createTestRedis();
  });
  afterAll(() => Promise.allSettled([database.destroy(), redis.destroy()]));
  const env = () => ({ DATABASE_URL: database.url, REDIS_KEY_PREFIX: redis.keyPrefix, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
  const cli = (args: string[]) => runCli(args, env());

  it('add refuses unknown event types and other schemes by name; add, list, rotate-secret and disable manage an endpoint', async () => {
    const unknown = await cli(['webhooks', 'add', 'https://example.com/hooks', '--events', 'payment.completed,seat.teleported']);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown: seat.teleported') });
    expect(await cli(['webhooks', 'add', 'ftp://example.com', '--events', 'payment.completed'])).toMatchObject({ code: 1, stderr: expect.stringContaining('url') });

    const added = await cli(['webhooks', 'add', 'https://example.com/hooks', '--events', 'payment.completed,refund.completed', '--json']);
    expect(added.code).toBe(0);
    const endpoint = JSON.parse(added.stdout) as { id: number; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const rotated = await cli(['webhooks', 'rotate-secret', String(endpoint.id)]);
    expect(rotated.stdout).toMatch(/whsec_/);
    expect(rotated.stdout).not.toContain(endpoint.secret);
    expect(await cli(['webhooks', 'disable', String(endpoint.id)])).toMatchObject({ code: 0 });
    const listed = JSON.parse((await cli(['webhooks', 'list', '--json'])).stdout);
    expect(listed).toContainEqual(
      expect.objectContaining({ id: endpoint.id, eventTypes: 'payment.completed,refund.completed', status: 'DISABLED', disabledReason: 'Disabled by an operator.' }),
    );
    expect(await cli(['webhooks', 'disable', '999999'])).toMatchObject({ code: 1, stderr: expect.stringContaining('999999 does not exist') });
    expect(await cli(['webhooks', 'replay'])).toMatchObject({ code: 1, stderr: expect.stringContaining('Name an event id or --since') });
  });

  it('dispatch delivers a relayed event to a receiver, deliveries shows the attempt, and SIGTERM stops it cleanly', async () => {
    const received: IncomingHttpHeaders[] = [];
    let arrived: () => void = () => undefined;
    const gotOne = new Promise<void>((resolve) => (arrived = resolve));
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(request.headers);
        response.writeHead(204).end();
        arrived();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const endpoint = JSON.parse((await cli(['webhooks', 'add', url, '--events', 'wallet.charged', '--json'])).stdout) as { id: number };

    const bin = fileURLToPath(new URL('../bin/concertctl.js', import.meta.url));
    const dispatcher = spawn(process.execPath, [bin, 'webhooks', 'dispatch', '--consumer', 'cli-test'], { env: { ...process.env, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    dispatcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => dispatcher.once('exit', resolve));
    // The consumer group is created when the dispatcher starts: relay only after it says so.
    while (!output.includes('Dispatching')) await new Promise((resolve) => setTimeout(resolve, 50));

    await writeEvents(database.db, [newEvent('wallet.charged', { userId: 7, amount: 100, balance: 100 }, new Date())]);
    const ctx = { outbox: dbOutboxStore(database.db), stream: redisEventStream(redis.redis, { keyPrefix: redis.keyPrefix, maxLength: 1_000 }), clock: systemClock };
    expect(await relayEvents({ ctx, input: { batch: 10, maxBatches: 1, retentionMs: 3_600_000 } })).toMatchObject({ published: 1 });
    await gotOne;
    expect(received[0]?.['webhook-signature']).toMatch(/^v1,/);

    let deliveries = JSON.parse((await cli(['webhooks', 'deliveries', String(endpoint.id), '--json'])).stdout);
    while (deliveries[0]?.status !== 'DELIVERED') deliveries = JSON.parse((await cli(['webhooks', 'deliveries', String(endpoint.id), '--json'])).stdout);
    expect(deliveries).toEqual([expect.objectContaining({ eventId: received[0]?.['webhook-id'], eventType: 'wallet.charged', attempts: 1, lastStatus: 204 })]);

    dispatcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Dispatcher stopped.');
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });
});
