import type { TokenSigner } from '@concert/domain';
import { errors, jwtVerify, SignJWT } from 'jose';
import { verifiedTokens } from './verifiedTokens.js';

/**
 * Queue tokens as HS256 JWTs (as the seed issued them): `sub` = user id, a random `jti`, `iat`,
 * and `exp` = issue + lifetime. Every process with the same secret accepts the others' tokens.
 */
export function jwtTokenSigner(options: { secret: string; lifetimeSeconds: number }): TokenSigner {
  const key = new TextEncoder().encode(options.secret);
  const seconds = (date: Date) => Math.floor(date.getTime() / 1_000);
  const verified = verifiedTokens();
  return {
    issue(userId, now) {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(String(userId))
        .setJti(crypto.randomUUID())
        .setIssuedAt(seconds(now))
        .setExpirationTime(seconds(now) + options.lifetimeSeconds)
        .sign(key);
    },
    async verify(token, now) {
      const known = verified.lookup(token, seconds(now));
      if (known !== undefined) return known;
      try {
        // Pinning the algorithm refuses `alg: none` and any attempt to swap it.
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: now, requiredClaims: ['sub', 'exp'] });
        if (!/^(0|[1-9]\d{0,15})$/.test(payload.sub ?? '')) return null;
        const userId = Number(payload.sub);
        verified.remember(token, { userId, exp: payload.exp as number });
        return userId;
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
}
