export { jwtTokenSigner } from './jwtTokenSigner.js';
export { type BearerIdentityOptions, type BearerIdentityVerifier, bearerIdentityVerifier } from './bearerIdentityVerifier.js';
