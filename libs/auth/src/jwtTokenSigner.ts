import type { TokenSigner } from '@concert/domain';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';

/**
 * Queue tokens as HS256 JWTs (as the seed issued them): `sub` = user id, a random `jti`, `iat`,
 * and `exp` = issue + lifetime. Every process with the same secret accepts the others' tokens.
 * fast-jwt signs and checks them synchronously with node:crypto's HMAC: a fifteenth of the CPU
 * of a WebCrypto round trip through the thread pool (docs/benchmarks.md, "Fourth session").
 */
export function jwtTokenSigner(options: { secret: string; previousSecret?: string | undefined; lifetimeSeconds: number }): TokenSigner {
  const sign = createSigner({ key: options.secret, algorithm: 'HS256' });
  const current = signatureChecker(options.secret);
  // During a rotation, tokens signed with the previous secret stay valid until they expire.
  const previous = options.previousSecret === undefined ? undefined : signatureChecker(options.previousSecret);
  const checkSignature = (token: string) => {
    try {
      return current(token);
    } catch (error) {
      if (previous && error instanceof TokenError && error.code === TokenError.codes.invalidSignature) return previous(token);
      throw error;
    }
  };
  const seconds = (date: Date) => Math.floor(date.getTime() / 1_000);
  return {
    async issue(userId, now) {
      const issuedAt = seconds(now);
      return sign({ sub: String(userId), jti: crypto.randomUUID(), iat: issuedAt, exp: issuedAt + options.lifetimeSeconds });
    },
    async verify(token, now) {
      let payload: { sub?: unknown; exp?: unknown };
      try {
        payload = checkSignature(token) as typeof payload;
      } catch (error) {
        if (error instanceof TokenError) return null;
        throw error;
      }
      if (typeof payload.sub !== 'string' || !/^(0|[1-9]\d{0,15})$/.test(payload.sub)) return null;
      if (typeof payload.exp !== 'number' || payload.exp <= seconds(now)) return null;
      return Number(payload.sub);
    },
  };
}

function signatureChecker(secret: string) {
  // Pinning the algorithm refuses `alg: none` and any attempt to swap it. Expiry is checked in
  // verify, against the use case's clock rather than the machine's.
  return createVerifier({
    key: secret,
    algorithms: ['HS256'],
    requiredClaims: ['sub', 'exp'],
    ignoreExpiration: true,
    // A buyer presents the same token on every gated call (seven in the seed's flow): the answer for
    // the exact same string is remembered, more of them than the active set's default cap of 1,000.
    cache: 20_000,
  });
}
