import { DOCUMENT_KIND_NAMES, renditionsOf } from '@salur/libs/documents';
import { ProposalRepository } from '@salur/libs/persistence';
import { SopStepAttr, SopStepNoAttr, StuckAttr } from '@salur/libs/temporal';
import { outsiderNik } from '../support/factories';
import { refusal, SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';

/** One kecamatan through all 17 steps, with verval returning persons to the kecamatan. */
describe('the whole SOP for one kecamatan', () => {
  const h = useSopHarness();
  const kec = '33.74.01';

  it('walks from the quota letter to the collection of every signed BAST', async () => {
    await h.sop.startProgramme([{ kecamatanCode: kec, quota: 12 }]);
    expect((await h.sop.status(kec)).stepNo).toBe(1);

    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: '460/1234/VII/2021' });
    expect((await h.sop.status(kec)).step).toBe('request-letter');

    // 12 residents, plus one from outside the city: verval returns that one.
    await h.sop.propose(kec, 12, [{ nik: outsiderNik(), kelurahanCode: '33.74.01.1001' }]);
    let view = await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
    expect(view.phase).toBe('verval.returned-to-kecamatan');
    expect(view.counts).toMatchObject({ accepted: 12, rejected: 1 });

    const proposals = new ProposalRepository(h.dataSource);
    const returned = await proposals.listReturned(h.sop.allocationId(kec));
    expect(returned).toEqual([expect.objectContaining({ reasons: ['NOT_RESIDENT'] })]);
    expect(JSON.stringify(view)).not.toMatch(/\d{16}/); // no NIK in what the workflow answers

    await proposals.withdraw(returned[0].recipientId);
    view = await h.sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator');
    expect(view).toMatchObject({
      step: 'sk',
      openRejections: 0,
      counts: { withdrawn: 1, accepted: 12 },
    });

    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-DRAFT-1' });
    await h.sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/321/2021' });
    view = await h.sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    expect(view.step).toBe('contract');
    expect(view.kelurahan.total).toBeGreaterThan(0);

    await h.sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-027/2021', vendorId: 'vendor-1' });
    view = await h.sop.packAndInspect(kec);
    expect(view.step).toBe('scheduling');

    await h.sop.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    view = await h.sop.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 12 });
    expect(view.step).toBe('distribution');

    view = await h.sop.distributeAndClose(kec);
    expect(view).toMatchObject({ done: true, stepNo: 17, counts: { distributed: 12 } });

    const programme = await h.sop.client.workflow.getHandle(h.sop.programmeId).result();
    h.sop.saveHistories('full-walk', [kec]);
    expect(programme.completed).toBe(1);
    expect(programme.documents).toEqual({
      quotaLetterNo: '460/1234/VII/2021',
      skNo: '463/321/2021',
      spkNo: 'SPK-027/2021',
    });

    // Every step left its record, once.
    const steps: { step: string; n: number }[] = await h.dataSource.query(
      `SELECT step, count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 GROUP BY step ORDER BY step`,
      [h.sop.allocationId(kec)],
    );
    expect(Object.fromEntries(steps.map((s) => [s.step, s.n]))).toMatchObject({
      'quota-letter': 1,
      'request-letter': 1,
      'proposal-input': 1,
      verval: 1,
      'verval-corrections': 1,
      'sk-draft': 1,
      'sk-decision': 1,
      contract: 1,
      inspection: 1,
      handover: 1,
      schedule: 1,
      delivery: 1,
      'monev-sign-off': 1,
      'collection-complete': 1,
    });

    // The walk printed every paper of the SOP, each in all of its formats, each once.
    const papers: { kind: string; rendition: string; versions: number }[] =
      await h.dataSource.query(
        `SELECT kind, rendition, count(DISTINCT version)::int AS versions FROM generated_document
          WHERE program_id = $1 AND (workflow_id = $2 OR workflow_id IS NULL)
          GROUP BY kind, rendition, subject ORDER BY kind, rendition`,
        [h.sop.programId, h.sop.allocationId(kec)],
      );
    const printed = new Set(papers.map((p) => `${p.kind}.${p.rendition}`));
    const expected = DOCUMENT_KIND_NAMES.flatMap((kind) =>
      renditionsOf(kind).map((rendition) => `${kind}.${rendition}`),
    );
    expect([...printed].sort()).toEqual(expected.sort());
    // Re-inspection makes a second BA Pemeriksaan; nothing else was printed twice.
    expect(papers.filter((p) => p.versions > 1).map((p) => p.kind)).toEqual(
      papers.filter((p) => p.versions > 1 && p.kind === 'ba_pemeriksaan').map((p) => p.kind),
    );

    const { attributes } = await h.sop.searchAttributes(kec);
    expect(attributes.get(SopStepAttr)).toBe('collection');
    expect(attributes.get(SopStepNoAttr)).toBe(17);
    expect(attributes.get(StuckAttr)).toBe(false);
  });

  it('refuses an out-of-order command with the current step and what is allowed', async () => {
    const fresh = await SopDriver.connect(h.config, h.dataSource);
    try {
      await fresh.startProgramme([{ kecamatanCode: '33.74.02', quota: 5 }]);
      const refused = await refusal(
        fresh.act('33.74.02', 'INSPECT', 'tim_pemeriksa', {
          inspectionId: 'BA-1',
          inspectedCount: 1,
          passedCount: 1,
        }),
      );
      expect(refused.type).toBe('TRANSITION_REFUSED');
      expect(refused.message).toMatch(/INSPECT/);
      expect(refused.details).toMatchObject({ stepNo: 1, step: 'quota-letter' });
      expect((refused.details.allowed as { type: string }[]).map((e) => e.type)).toEqual([
        'SEND_QUOTA_LETTER',
      ]);
    } finally {
      await fresh.close();
    }
  });
});
