import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { runReplayCommand, type CommandIo } from '@salur/apps/cli/src/audit/replay-command';
import { TEST_STATE_DIR, WORKFLOW_BUNDLE_PATH } from '../support/services';
import { useSopHarness } from '../support/sop-harness';

/** What an auditor reads from the command: its lines, and its exit status. */
async function audit(
  argv: string[],
  config: Parameters<typeof runReplayCommand>[1],
  bundle = WORKFLOW_BUNDLE_PATH,
) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), bars: false };
  const status = await runReplayCommand(argv, config, io, { workflowBundlePath: bundle });
  return { status, out, err };
}

/**
 * `npm run audit -- replay`: the live histories of a programme, fetched from the running
 * Temporal server, replay against the current workflow code; a workflow changed without
 * patched() is reported as nondeterministic, with a non-zero exit status; exported histories
 * replay later without a server.
 */
describe('audit replay of live histories', () => {
  const h = useSopHarness();
  const kec = '33.74.01';
  let scratch: string;

  beforeAll(async () => {
    // Inside the repository, so that the changed workflow's imports resolve from node_modules.
    scratch = await mkdtemp(join(TEST_STATE_DIR, 'replay-'));
    await h.sop.startProgramme([{ kecamatanCode: kec, quota: 5 }]);
    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-REPLAY' });
    await h.sop.propose(kec, 5);
    await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
    // Visibility is eventually consistent: wait until both workflows are listed.
    const query = `ProgramId = "${h.sop.programId}"`;
    for (let i = 0; (await h.sop.client.workflow.count(query)).count < 2; i++) {
      if (i > 100) throw new Error('the programme and its allocation never showed in visibility');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("replays the programme's workflows with the current code and says each is OK", async () => {
    const { status, out } = await audit(['--programme', h.sop.programId], h.config);
    expect(status).toBe(0);
    expect(out.filter((l) => l.startsWith('OK'))).toEqual(
      expect.arrayContaining([
        expect.stringContaining(h.sop.programmeId),
        expect.stringContaining(h.sop.allocationId(kec)),
      ]),
    );
    expect(out.at(-1)).toBe('2 workflow(s) replayed: 2 OK, 0 nondeterministic');
  });

  it('reports a workflow changed without patched() as nondeterministic, and exits 1', async () => {
    // A "new version" of the allocation workflow that starts with a timer its history never had.
    const changed = join(scratch, 'changed-workflows.ts');
    await writeFile(
      changed,
      `import { sleep } from '@temporalio/workflow';
       export async function allocationWorkflow() { await sleep('1 day'); }
       export async function programmeWorkflow() { await sleep('1 day'); }`,
    );
    const bundle = await bundleWorkflowCode({ workflowsPath: changed });
    const bundlePath = join(scratch, 'changed-bundle.js');
    await writeFile(bundlePath, bundle.code);
    const { status, out } = await audit(
      ['--workflow', h.sop.allocationId(kec)],
      h.config,
      bundlePath,
    );
    expect(status).toBe(1);
    expect(out).toContainEqual(
      expect.stringMatching(new RegExp(`^NONDETERMINISTIC +${h.sop.allocationId(kec)} .*: \\S`)),
    );
    expect(out.at(-1)).toBe('1 workflow(s) replayed: 0 OK, 1 nondeterministic');
  });

  it('exports the histories and replays them later from the files, without a server', async () => {
    const dir = join(scratch, 'export');
    expect((await audit(['--programme', h.sop.programId, '--out', dir], h.config)).status).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(
      [h.sop.allocationId(kec), h.sop.programmeId].map((id) => expect.stringMatching(`^${id}\\.`)),
    );
    const offline = await audit(['--from', dir], {
      ...h.config,
      temporal: { ...h.config.temporal, address: '127.0.0.1:1' },
    });
    expect([offline.status, offline.out.at(-1)]).toEqual([
      0,
      '2 workflow(s) replayed: 2 OK, 0 nondeterministic',
    ]);
  });

  it('names what is wrong with the command line, and exits 2', async () => {
    for (const [argv, reason] of [
      [[], 'say which histories'],
      [['--programme', 'jps-2021', '--workflow', 'x'], 'give one of'],
      [['--all-since', '07/19/2021'], '--all-since: "07/19/2021" is not a date'],
      [['--programme', 'JPS 2021'], '--programme: "JPS 2021" is not a programme id'],
      [['--programm', 'jps-2021'], "Unknown option '--programm'"],
    ] as const) {
      const { status, err } = await audit([...argv], h.config);
      expect([status, err[0]]).toEqual([2, expect.stringContaining(reason)]);
    }
  });
});
