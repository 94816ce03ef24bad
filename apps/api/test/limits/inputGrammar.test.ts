import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeToken } from '../support/queue.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

type ErrorAnswer = { error: { code: string; message: string; details?: Array<{ field: string; message: string }> } };

const json = { 'Content-Type': 'application/json' };

async function fieldsOf(response: Response) {
  expect(response.status).toBe(400);
  const body = (await response.json()) as ErrorAnswer;
  expect(body.error.code).toBe('invalid_request');
  return [...new Set((body.error.details ?? []).map((problem) => problem.field))];
}

describe('ids are integers in canonical decimal, in paths and bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  const balanceOf = async (userId: number) =>
    ((await (await t.app.request(`/api/v1/users/${userId}/wallet`)).json()) as { data: { balance: number } }).data.balance;

  it('accepts user 0 and plain user ids in a path', async () => {
    expect((await t.app.request('/api/v1/users/0/wallet')).status).toBe(200);
    expect((await t.app.request('/api/v1/users/42/payments')).status).toBe(200);
  });

  it.each(['%20', '%201', '1%20', '1e3', '%2B1', '-1', '-0', '01', '0x10', '1.0', 'true', 'null', '9007199254740992'])(
    'refuses the path user id %s, naming userId, and charges nobody',
    async (raw) => {
      const response = await t.app.request(`/api/v1/users/${raw}/wallet/charge`, {
        method: 'PATCH',
        headers: json,
        body: JSON.stringify({ amount: 5 }),
      });
      expect(await fieldsOf(response)).toEqual(['userId']);
      for (const userId of [0, 1, 16, 1000]) expect(await balanceOf(userId)).toBe(0);
    },
  );

  it.each(['0', '-1', '1e0', '01', '%201'])('refuses the path event id %s, which starts at 1', async (raw) => {
    const token = await activeToken(t.app, 7);
    const response = await t.app.request(`/api/v1/concert-events/${raw}/available-seats`, { headers: { 'User-Token': token } });
    expect(await fieldsOf(response)).toEqual(['concertEventId']);
  });

  it.each(['null', '""', '"0"', '"0x10"', 'true', '[1]', '{}', '-0', '1e3', '1.0', '1.5', '-1', '9007199254740992'])(
    'refuses the body user id %s, naming userId',
    async (raw) => {
      const response = await t.app.request('/api/v1/queue/token', { method: 'POST', headers: json, body: `{"userId":${raw}}` });
      expect(await fieldsOf(response)).toEqual(['userId']);
    },
  );

  it('accepts user 0 in a body, as the seed client sends it', async () => {
    const response = await t.app.request('/api/v1/queue/token', { method: 'POST', headers: json, body: '{"userId":0}' });
    expect(response.status).toBe(200);
  });

  it('refuses a body id below 1, naming it', async () => {
    const token = await activeToken(t.app, 8);
    const response = await t.app.request('/api/v1/payments', {
      method: 'POST',
      headers: { ...json, 'User-Token': token },
      body: '{"reservationId":0}',
    });
    expect(await fieldsOf(response)).toEqual(['reservationId']);
  });
});

describe('ambiguous and unknown body fields', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  const charge = (userId: number, body: string) =>
    t.app.request(`/api/v1/users/${userId}/wallet/charge`, { method: 'PATCH', headers: json, body });

  it('refuses a key sent twice instead of keeping the last, and changes nothing', async () => {
    const response = await charge(3, '{"amount":-1,"amount":1}');
    expect(await fieldsOf(response)).toEqual(['amount']);
    const wallet = (await (await t.app.request('/api/v1/users/3/wallet')).json()) as { data: { balance: number } };
    expect(wallet.data.balance).toBe(0);
  });

  it('finds a duplicate written with an escape, and one inside a nested object', async () => {
    expect(await fieldsOf(await charge(3, '{"amount":1,"\\u0061mount":2}'))).toEqual(['amount']);
    const token = await activeToken(t.app, 4);
    const response = await t.app.request('/api/v1/concert-events/1/occupy', {
      method: 'POST',
      headers: { ...json, 'User-Token': token },
      body: '{"seatId":1,"extra":{"a":1,"a":2}}',
    });
    expect(await fieldsOf(response)).toEqual(['extra.a']);
  });

  it('refuses an unknown field, naming it, so a typo is seen', async () => {
    expect(await fieldsOf(await charge(3, '{"amount":1,"amuont":2}'))).toEqual(['amuont']);
    expect(await fieldsOf(await charge(3, '{"amuont":2}'))).toEqual(['amount', 'amuont']);
  });

  it('still answers malformed JSON as invalid_json', async () => {
    const response = await charge(3, '{"amount":');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorAnswer).error.code).toBe('invalid_json');
  });
});

describe('the body limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '1024' });
  });
  afterAll(() => t.destroy());

  const padded = (bytes: number) => `{"amount":1,"pad":"${'x'.repeat(bytes)}"}`;

  it('answers 413 payload_too_large to a declared length over the limit, closing the connection', async () => {
    const body = padded(2_000);
    const response = await t.app.request('/api/v1/users/5/wallet/charge', {
      method: 'PATCH',
      headers: { ...json, 'Content-Length': String(body.length) },
      body,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(((await response.json()) as ErrorAnswer).error).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than 1024 bytes.',
    });
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(512));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        // An endless body: only a limit that stops reading ends this request.
        controller.enqueue(chunk);
      },
    });
    const response = await t.app.request('/api/v1/queue/token', {
      method: 'POST',
      headers: json,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(16 * 1024);
  });

  it('takes a body under the limit', async () => {
    const response = await t.app.request('/api/v1/users/5/wallet/charge', { method: 'PATCH', headers: json, body: '{"amount":1}' });
    expect(response.status).toBe(200);
  });
});
