import pkg from '../../../package.json' with { type: 'json' };

export const WINNOW_VERSION: string = pkg.version;
