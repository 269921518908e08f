import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { requirePayloadKeys } from '@salur/libs/config/app-config';
import { encryptingDataConverter } from '@salur/libs/temporal/payload-codec';
import { REPO_ROOT, WORKFLOW_BUNDLE_PATH } from '../support/services';
import { testConfig } from '../support/test-app';

/**
 * Histories of completed runs, recorded before later changes to the workflow code, must
 * replay without non-determinism: a change that breaks them needs patched() (see the
 * allocation workflow's memo patch). Refresh fixtures from .data/test/histories.
 * They were recorded before payloads were encrypted: replayed through the payload codec, as
 * live histories are, they show that it reads unencrypted payloads as they are.
 */
describe('replay of recorded histories', () => {
  const dir = join(REPO_ROOT, 'test/fixtures/histories');
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('has fixtures for allocations and programmes', () => {
    expect(fixtures.filter((f) => f.includes('programme')).length).toBeGreaterThan(0);
    expect(fixtures.filter((f) => f.includes('33.74.')).length).toBeGreaterThan(0);
  });

  it.each(fixtures)('%s replays with the current workflow code', async (fixture) => {
    const history: unknown = JSON.parse(readFileSync(join(dir, fixture), 'utf8'));
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
        replayName: fixture,
        dataConverter: encryptingDataConverter(requirePayloadKeys(testConfig())),
      },
      history,
      fixture.replace(/\.json$/, ''),
    );
  });
});
