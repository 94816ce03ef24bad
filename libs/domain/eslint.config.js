import root, { forbidNodeModules } from '../../eslint.config.js';

export default [...root, forbidNodeModules('libs/domain holds the rules and does no I/O.')];
