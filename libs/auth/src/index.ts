export { jwtTokenSigner } from './jwtTokenSigner.js';
