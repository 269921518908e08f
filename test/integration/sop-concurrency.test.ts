import { refusal, SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';

describe('concurrent and repeated transitions', () => {
  const h = useSopHarness();

  /**
   * The refusal of a request letter once one is applied (through the API: 409
   * TRANSITION_REFUSED, refusal EVENT_NOT_ALLOWED).
   */
  const notAllowedAtProposalInput = {
    type: 'TRANSITION_REFUSED',
    message: expect.stringMatching(
      /^SUBMIT_REQUEST_LETTER is not allowed at step 3 \(proposal-input: .*\), phase proposal-input; allowed now: SUBMIT_PROPOSALS$/,
    ),
    details: expect.objectContaining({
      code: 'EVENT_NOT_ALLOWED',
      stepNo: 3,
      step: 'proposal-input',
    }),
  };

  it('applies two identical transitions sent at once exactly once', async () => {
    const kec = '33.74.07';
    await h.sop.startProgramme([{ kecamatanCode: kec, quota: 10 }]);
    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-9' });
    const letter = { letterNo: '460/7/2021', letterDate: '2021-07-12', acknowledgedByCamat: true };

    // The same request retried (same idempotency key): Temporal runs the update once.
    const [first, retry] = await Promise.all([
      h.sop.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter, 'req-1'),
      h.sop.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter, 'req-1'),
    ]);
    expect(first.transitions).toBe(retry.transitions);

    // Two new requests (other idempotency keys) for the letter already applied: the step has
    // moved on, so the SOP refuses both, as not allowed at step 3, and neither applies.
    const late = await Promise.all([
      refusal(h.sop.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter, 'req-2')),
      refusal(h.sop.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter, 'req-3')),
    ]);
    for (const refused of late) expect(refused).toEqual(notAllowedAtProposalInput);

    const status = await h.sop.status(kec);
    expect(status).toMatchObject({ step: 'proposal-input', transitions: 2 });
    const rows: { n: number }[] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 AND step = 'request-letter'`,
      [h.sop.allocationId(kec)],
    );
    expect(rows[0].n).toBe(1);
  });

  it('lets only one of two racing proposals through', async () => {
    const fresh = await SopDriver.connect(h.config, h.dataSource);
    try {
      const kec = '33.74.08';
      await fresh.startProgramme([{ kecamatanCode: kec, quota: 10 }]);
      await fresh.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-10' });
      const letter = (n: string) => ({
        letterNo: n,
        letterDate: '2021-07-12',
        acknowledgedByCamat: true,
      });
      const outcomes = await Promise.allSettled([
        fresh.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter('A')),
        fresh.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter('B')),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      // The loser is checked again once the winner has applied: the step has moved on.
      const loser = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(await refusal(Promise.reject(loser.reason as Error))).toEqual(
        notAllowedAtProposalInput,
      );
      expect((await fresh.status(kec)).transitions).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('continues as new when history grows, keeping its state', async () => {
    const fresh = await SopDriver.connect(h.config, h.dataSource);
    try {
      const kec = '33.74.09';
      await fresh.startProgramme([{ kecamatanCode: kec, quota: 40 }], { maxHistoryEvents: 40 });
      await fresh.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-11' });
      await fresh.propose(kec, 4);
      await fresh.act(kec, 'RUN_VERVAL', 'tim_data');
      const before = await fresh.status(kec);
      expect(before.runs).toBeGreaterThan(1);
      expect(before).toMatchObject({ step: 'sk', counts: { accepted: 4 }, transitions: 4 });
      const description = await fresh.client.workflow.getHandle(fresh.allocationId(kec)).describe();
      expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    } finally {
      await fresh.close();
    }
  });
});
