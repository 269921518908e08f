import { refusal, SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';

describe('concurrent and repeated transitions', () => {
  const h = useSopHarness();

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

    // Two different requests for the same step: one applies, the other is refused by the SOP.
    const outcomes = await Promise.allSettled([
      h.sop.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter, 'req-2'),
      h.sop.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', letter, 'req-3'),
    ]);
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);

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
      const loser = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      const refused = await refusal(Promise.reject(loser.reason as Error));
      expect(refused.type).toBe('TRANSITION_REFUSED');
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
