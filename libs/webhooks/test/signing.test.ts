import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../src/addressPolicy.js';
import { newWebhookSecret, webhookSignature } from '../src/signing.js';

describe('Standard Webhooks signatures', () => {
  // The specification's published vector: a receiver's own Standard Webhooks library accepts what we send.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };

  it('reproduces the specification test vector', () => {
    expect(webhookSignature([vector.secret], vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
  });

  it('signs once per secret while a secret rotates, the old one still verifying', () => {
    const next = newWebhookSecret();
    const header = webhookSignature([next, vector.secret], vector.id, vector.timestamp, vector.body);
    expect(header.split(' ')).toEqual([webhookSignature([next], vector.id, vector.timestamp, vector.body), vector.signature]);
  });

  it('makes secrets of 32 random bytes behind whsec_', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});

describe('addresses a webhook may not reach by default', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', 'not-an-address'])(
    'refuses %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'])('allows %s', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});
