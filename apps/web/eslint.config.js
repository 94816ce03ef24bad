import root, { forbidNodeModules } from '../../eslint.config.js';

// A browser app: Node's own modules are not there.
export default [...root, forbidNodeModules('The storefront runs in browsers.', ['src/**/*.ts'])];
