import { loadConfig, register } from 'tsconfig-paths';
import { REPO_ROOT } from './services';

/**
 * Jest runs globalSetup outside its module registry, where moduleNameMapper does not apply:
 * this teaches Node's own require tsconfig's `paths` (the @salur/* alias) for that file.
 */
const config = loadConfig(REPO_ROOT);
if (config.resultType === 'failed') throw new Error(`tsconfig.json: ${config.message}`);
register({ baseUrl: config.absoluteBaseUrl, paths: config.paths, addMatchAll: false });
