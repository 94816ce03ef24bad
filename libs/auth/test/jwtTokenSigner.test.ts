import { describe, expect, it } from 'vitest';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { jwtTokenSigner } from '../src/index.js';

const secret = 'a-test-secret-of-at-least-32-characters!';
const now = new Date('2030-01-01T00:00:00.000Z');
const signer = jwtTokenSigner({ secret, lifetimeSeconds: 3_600 });

describe('jwtTokenSigner', () => {
  it('issues an HS256 JWT bound to the user id, with a random jti and an absolute expiry', async () => {
    const first = await signer.issue(42, now);
    const second = await signer.issue(42, now);
    const claims = decodeJwt(first);
    expect(claims).toMatchObject({ sub: '42', iat: now.getTime() / 1_000, exp: now.getTime() / 1_000 + 3_600 });
    expect(claims.jti).not.toBe(decodeJwt(second).jti);
    // Standard HS256: another implementation accepts it with the same secret.
    const checked = await jwtVerify(first, new TextEncoder().encode(secret), { algorithms: ['HS256'], currentDate: now });
    expect(checked.protectedHeader).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(await signer.verify(first, now)).toBe(42);
    expect(await signer.verify(await signer.issue(0, now), now)).toBe(0);
  });

  it('refuses an expired token', async () => {
    const token = await signer.issue(7, now);
    expect(await signer.verify(token, new Date(now.getTime() + 3_599_000))).toBe(7);
    expect(await signer.verify(token, new Date(now.getTime() + 3_601_000))).toBeNull();
  });

  it('still refuses a token it verified before once that token has expired', async () => {
    const token = await signer.issue(9, now);
    expect(await signer.verify(token, now)).toBe(9);
    expect(await signer.verify(token, now)).toBe(9);
    expect(await signer.verify(token, new Date(now.getTime() + 3_600_000))).toBeNull();
  });

  it('refuses a token signed with another secret, a tampered one and garbage', async () => {
    const other = jwtTokenSigner({ secret: 'another-secret-of-at-least-32-characters', lifetimeSeconds: 3_600 });
    expect(await signer.verify(await other.issue(7, now), now)).toBeNull();
    const [header, , signature] = (await signer.issue(7, now)).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: '8', exp: 2e9 })).toString('base64url');
    expect(await signer.verify(`${header}.${forgedPayload}.${signature}`, now)).toBeNull();
    expect(await signer.verify('not-a-token', now)).toBeNull();
  });

  it('refuses alg none and a subject that is not a user id', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"7"}').toString('base64url')}.`;
    expect(await signer.verify(unsigned, now)).toBeNull();
    const key = new TextEncoder().encode(secret);
    const odd = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('-1').setExpirationTime(2e9).sign(key);
    expect(await signer.verify(odd, now)).toBeNull();
  });
});

describe('jwtTokenSigner during a secret rotation', () => {
  const oldSecret = 'the-secret-before-the-rotation-32+bytes';
  const newSecret = 'the-secret-after-the-rotation-of-32+bytes';

  it('signs with the new secret and still accepts tokens of the previous one, and no other', async () => {
    const before = await jwtTokenSigner({ secret: oldSecret, lifetimeSeconds: 3_600 }).issue(5, now);
    const rotated = jwtTokenSigner({ secret: newSecret, previousSecret: oldSecret, lifetimeSeconds: 3_600 });
    expect(await rotated.verify(before, now)).toBe(5);
    const after = await rotated.issue(6, now);
    await expect(jwtVerify(after, new TextEncoder().encode(newSecret), { algorithms: ['HS256'], currentDate: now })).resolves.toBeDefined();
    const stranger = await jwtTokenSigner({ secret: 'a-third-secret-nobody-configured-32+bytes', lifetimeSeconds: 3_600 }).issue(5, now);
    expect(await rotated.verify(stranger, now)).toBeNull();
    // Once the previous secret is dropped, its tokens are refused.
    expect(await jwtTokenSigner({ secret: newSecret, lifetimeSeconds: 3_600 }).verify(before, now)).toBeNull();
  });
});
