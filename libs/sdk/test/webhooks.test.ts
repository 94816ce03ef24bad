import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../src/webhooks.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
const eventId = '01JH3Q6Z8Y4V2T0R9N7M5K3J1G';
const body = JSON.stringify({
  id: eventId,
  type: 'payment.completed',
  schemaVersion: 1,
  aggregateType: 'payment',
  aggregateId: 9,
  occurredAt: '2026-12-24T18:00:00.000Z',
  data: { paymentId: 9, reservationId: 4, userId: 42, amount: 50_000 },
});
const now = new Date('2026-12-24T18:00:05.000Z');
const timestamp = String(Math.floor(now.getTime() / 1_000));

/** The signature as a sender computes it (node:crypto here, Web Crypto in the SDK). */
const sign = (key: string, signedBody = body, at = timestamp) =>
  `v1,${createHmac('sha256', Buffer.from(key.slice(6), 'base64')).update(`${eventId}.${at}.${signedBody}`).digest('base64')}`;
const headers = (signature: string, at = timestamp) => ({ 'webhook-id': eventId, 'webhook-timestamp': at, 'webhook-signature': signature });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : String(error)),
  );

describe('verifyWebhook', () => {
  it('answers the event of a correctly signed webhook, from a plain header object or a Headers', async () => {
    const event = await verifyWebhook(secret, headers(sign(secret)), body, { now });
    expect(event).toMatchObject({ id: eventId, type: 'payment.completed', data: { amount: 50_000 } });
    expect(await verifyWebhook(secret, new Headers(headers(sign(secret))), body, { now })).toEqual(event);
  });

  it('accepts either signature while a secret rotates', async () => {
    const both = `${sign(otherSecret)} ${sign(secret)}`;
    expect((await verifyWebhook(secret, headers(both), body, { now })).id).toBe(eventId);
    expect((await verifyWebhook(otherSecret, headers(both), body, { now })).id).toBe(eventId);
  });

  it('refuses a changed body, another secret, an old or future timestamp, and missing headers', async () => {
    const tampered = body.replace('50000', '5');
    expect(await refusal(verifyWebhook(secret, headers(sign(secret)), tampered, { now }))).toBe('bad_signature');
    expect(await refusal(verifyWebhook(otherSecret, headers(sign(secret)), body, { now }))).toBe('bad_signature');
    expect(await refusal(verifyWebhook(secret, headers('v1,not-base64!'), body, { now }))).toBe('bad_signature');
    const old = String(Number(timestamp) - 301);
    expect(await refusal(verifyWebhook(secret, headers(sign(secret, body, old), old), body, { now }))).toBe('stale_timestamp');
    const future = String(Number(timestamp) + 301);
    expect(await refusal(verifyWebhook(secret, headers(sign(secret, body, future), future), body, { now }))).toBe('stale_timestamp');
    expect(await refusal(verifyWebhook(secret, { 'webhook-id': eventId }, body, { now }))).toBe('missing_headers');
  });

  it('refuses a signed body that is not a known event', async () => {
    const unknown = body.replace('payment.completed', 'seat.teleported');
    expect(await refusal(verifyWebhook(secret, headers(sign(secret, unknown)), unknown, { now }))).toBe('unknown_event');
  });
});
