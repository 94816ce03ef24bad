import root, { forbidNodeModules } from '../../eslint.config.js';

// The shipped code runs in browsers; its tests may start a Node server to talk to.
export default [...root, forbidNodeModules('The SDK runs in browsers as well as Node.', ['src/**/*.ts'])];
