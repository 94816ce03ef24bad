import type { JwtSettings } from '@concert/config';
import { DomainError } from '@concert/domain';
import { createRemoteJWKSet, errors, importSPKI, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

/** Reads the user id out of a verified access token (an OIDC resource server's one job here). */
export type BearerIdentityVerifier = (token: string) => Promise<number>;

const USER_ID = /^(0|[1-9]\d{0,15})$/;

function userIdOf(claim: unknown, name: string): number {
  if (typeof claim === 'string' && USER_ID.test(claim)) return Number(claim);
  if (typeof claim === 'number' && Number.isSafeInteger(claim) && claim >= 0) return claim;
  throw new DomainError('identity_invalid', `The bearer token's "${name}" claim must be a user id (a canonical decimal integer).`);
}

/**
 * Verifies bearer tokens with jose: the signature against the provider's key set (fetched, cached,
 * refetched when a token names an unknown key: how a provider's key rotation reaches us) or one
 * configured key; `iss`, `aud`, `exp` and `nbf` with a small clock tolerance; only the listed algorithms.
 * A token that fails answers 401 `identity_invalid` naming why; a key set out of reach, 503
 * `identity_provider_unavailable` (nobody is let in on trust meanwhile).
 */
export function bearerIdentityVerifier(options: JwtSettings): BearerIdentityVerifier {
  const keys = keySource(options);
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSeconds,
    algorithms: options.algorithms,
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      const key = await keys;
      ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions));
    } catch (error) {
      if (isKeySetOutage(error)) {
        throw new DomainError('identity_provider_unavailable', 'The identity provider\'s keys cannot be read right now: try again shortly.');
      }
      if (error instanceof errors.JOSEError) throw new DomainError('identity_invalid', `The bearer token was refused: ${error.message}`);
      throw error;
    }
    return userIdOf(payload[options.userIdClaim], options.userIdClaim);
  };
}

function keySource(options: JwtSettings): Promise<JWTVerifyGetKey | Awaited<ReturnType<typeof importSPKI>>> {
  if (options.jwksUrl !== undefined) {
    return Promise.resolve(
      createRemoteJWKSet(new URL(options.jwksUrl), {
        cacheMaxAge: options.jwksCacheSeconds * 1_000,
        cooldownDuration: options.jwksCooldownSeconds * 1_000,
      }),
    );
  }
  const imported = importSPKI(options.publicKey ?? '', options.algorithms[0] ?? 'RS256');
  // A key that does not import fails each request that needs it, not the process on an unhandled rejection.
  imported.catch(() => undefined);
  return imported;
}

/** The provider's key set could not be fetched (refused, timed out, not a key set): our outage, not the caller's fault. */
const isKeySetOutage = (error: unknown) =>
  error instanceof errors.JWKSTimeout ||
  (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC') ||
  (error instanceof TypeError && error.message === 'fetch failed');
