export { jwtTokenSigner } from './jwtTokenSigner.js';
export { type BearerIdentityVerifier, bearerIdentityVerifier } from './bearerIdentityVerifier.js';
