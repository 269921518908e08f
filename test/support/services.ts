import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Addresses the integration tests use; a separate Temporal instance keeps test runs out of the dev server. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/salur_test';
export const TEST_TEMPORAL_ADDRESS = `127.0.0.1:${process.env.TEMPORAL_TEST_PORT ?? '7243'}`;

export const REPO_ROOT = join(__dirname, '..', '..');
// SALUR_DATA_DIR, TEST_DATABASE_URL and TEMPORAL_TEST_PORT let several test runs share a machine.
export const TEST_STATE_DIR = join(process.env.SALUR_DATA_DIR ?? join(REPO_ROOT, '.data'), 'test');
export const WORKFLOW_BUNDLE_PATH = join(TEST_STATE_DIR, 'workflow-bundle.js');
export const SERVICES_STATE_FILE = join(TEST_STATE_DIR, 'services.json');

export function runInfra(script: 'temporal' | 'postgres', command: string): string {
  return execFileSync('bash', [join(REPO_ROOT, 'infra', `${script}.sh`), command], {
    env: { ...process.env, TEMPORAL_INSTANCE: 'test' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * PAYLOAD_KEYS of the tests: the caller's, or the key `npm run up` would make
 * (infra/local-secrets.sh), generated once into the test data folder. Put into process.env
 * so the worker and tool processes the tests start encrypt with it too.
 */
export function ensureTestPayloadKeys(): string {
  const keys =
    process.env.PAYLOAD_KEYS ||
    execFileSync(
      'bash',
      ['-c', 'source infra/local-secrets.sh && ensure_payload_keys "$1"', 'bash', TEST_STATE_DIR],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
  process.env.PAYLOAD_KEYS = keys;
  return keys;
}

/** True when the infra script reports a server it did not start, or one it started itself. */
export function isRunning(script: 'temporal' | 'postgres'): boolean {
  try {
    runInfra(script, 'status');
    return true;
  } catch {
    return false;
  }
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Builds dist/ as `npm run build` does (tsc, then tsc-alias), for tests that run it. */
export function buildDist(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
