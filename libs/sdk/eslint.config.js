import root, { forbidNodeModules } from '../../eslint.config.js';

export default [...root, forbidNodeModules('The SDK runs in browsers as well as Node.')];
