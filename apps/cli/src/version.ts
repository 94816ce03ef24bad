import cliPackage from '../package.json' with { type: 'json' };

export const version = cliPackage.version;
