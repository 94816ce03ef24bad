import { DomainError } from './domainError.js';

/**
 * When a gateway in front authenticates users (docs/adr/0002-identity.md), the user id a request
 * acts for must be the one the gateway vouched for. `identity` is undefined when no gateway is set up.
 */
export function assertIdentity(identity: number | undefined, userId: number): void {
  if (identity !== undefined && identity !== userId) {
    throw new DomainError('identity_mismatch', 'This request acts for another user than the one authenticated.');
  }
}
