import { DomainError } from '../shared/domainError.js';
import type { TokenSigner } from './tokenSigner.js';

/** The user id a `User-Token` names; a missing or unverifiable token is the caller's error. */
export async function readQueueToken(signer: TokenSigner, token: string | undefined, now: Date): Promise<number> {
  if (token === undefined || token === '') {
    throw new DomainError('token_missing', 'The User-Token header is required: get one from POST /api/v1/queue/token.');
  }
  const userId = await signer.verify(token, now);
  if (userId === null) {
    throw new DomainError('token_invalid', 'The queue token is not valid: get a new one from POST /api/v1/queue/token.');
  }
  return userId;
}

export const tokenExpired = () =>
  new DomainError(
    'token_expired',
    'This queue place has ended (expired, left, paid, or status not polled in time): get a new token from POST /api/v1/queue/token.',
  );
