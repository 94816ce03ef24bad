import { DomainError } from './domainError.js';

/**
 * When users are authenticated (AUTH_MODE jwt or gateway, docs/security.md), the user id a request
 * acts for must be the authenticated one. `identity` is undefined in `open` mode, where ids are taken on trust.
 */
export function assertIdentity(identity: number | undefined, userId: number): void {
  if (identity !== undefined && identity !== userId) {
    throw new DomainError('identity_mismatch', 'This request acts for another user than the one authenticated.');
  }
}
