import { join } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

/** The repository's root, or dist/ when built: where the `@salur/*` import aliases point. */
const ROOT = join(__dirname, '..', '..', '..');

/** The workflows' entry module, bundled by the worker (or once by the tests' global setup). */
export const WORKFLOWS_PATH = require.resolve(join(ROOT, 'workflows'));

/**
 * Temporal bundles the workflow code with its own webpack, which knows nothing of
 * tsconfig's `paths`; this teaches it the one alias. (dist/ has relative requires after
 * tsc-alias, so there it changes nothing.)
 */
export const webpackConfigHook: NonNullable<BundleOptions['webpackConfigHook']> = (config) => ({
  ...config,
  resolve: {
    ...config.resolve,
    alias: { ...(config.resolve?.alias as Record<string, string | false>), '@salur': ROOT },
  },
});
