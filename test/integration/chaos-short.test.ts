import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/services';

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `npm run chaos` at a small size: its own PostgreSQL cluster, dev Temporal, worker and API
 * on free ports; a worker kill, a Temporal restart, a PostgreSQL stop and an API kill while
 * the main job drives two kecamatan. The job finishes by itself and the SQL checks find
 * nothing lost, duplicated or orphaned.
 */
describe('npm run chaos, short', () => {
  it('finishes the main job by itself through every kind of fault, 0 lost, 0 duplicated', async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    const env = {
      ...process.env,
      CHAOS_PG_PORT: String(await freePort()),
      CHAOS_TEMPORAL_PORT: String(await freePort()),
      CHAOS_TEMPORAL_UI_PORT: String(await freePort()),
      CHAOS_API_PORT: String(await freePort()),
      CHAOS_DATA_DIR: join(REPO_ROOT, '.data', `chaos-test-${randomUUID().slice(0, 8)}`),
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(REPO_ROOT, 'dist/apps/cli/src/chaos.js'),
        ...['--worker-kills', '2', '--temporal-restarts', '1', '--postgres-stops', '1'],
        ...['--api-kills', '1', '--persons', '12', '--kecamatan', '2', '--gap-ms', '1000'],
      ],
      { env, cwd: REPO_ROOT, timeout: 170_000 },
    );
    expect(stdout).toMatch(/main job finished by itself in \d+ s: 2 of 2 allocations completed/);
    expect(stdout).toMatch(
      /injected 2 worker kills, 1 Temporal restarts, 1 PostgreSQL stops, 1 API kills; \d+ persons in the SK; 0 lost, 0 duplicated, 0 orphans/,
    );
  }, 180_000);
});
