import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildDist, closedPort, REPO_ROOT } from '../support/services';

/**
 * `npm run chaos` at a small size: its own PostgreSQL cluster, dev Temporal, worker and API
 * on free ports; a worker kill, a Temporal restart, a PostgreSQL stop and an API kill while
 * the main job drives two kecamatan. The job finishes by itself and the SQL checks find
 * nothing lost, duplicated or orphaned.
 */
describe('npm run chaos, short', () => {
  it('finishes the main job by itself through every kind of fault, 0 lost, 0 duplicated', async () => {
    buildDist();
    const env = {
      ...process.env,
      CHAOS_PG_PORT: String(await closedPort()),
      CHAOS_TEMPORAL_PORT: String(await closedPort()),
      CHAOS_TEMPORAL_UI_PORT: String(await closedPort()),
      CHAOS_API_PORT: String(await closedPort()),
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
