import { ProposalRepository } from '@salur/libs/persistence';
import { outsiderNik, semarangNik } from '../support/factories';
import { refusal, type SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';

/** Every way back in the SOP, taken on a real Temporal server with real records. */
describe('ways back through the SOP', () => {
  const h = useSopHarness();
  const kec = '33.74.03';

  it('returns rejected persons to the kecamatan, refuses SK/inspection/delivery/monev/collection shortcuts, and completes', async () => {
    await h.sop.startProgramme([{ kecamatanCode: kec, quota: 6 }]);
    await h.sop.city('SEND_QUOTA_LETTER', 'dinsos_admin', { letterNo: 'SE-1' });

    // Verval: an outsider and a duplicate are returned; over-quota persons too.
    const dup = semarangNik(kec);
    await h.sop.propose(kec, 5, [
      { nik: outsiderNik(), kelurahanCode: '33.74.03.1001' },
      { nik: dup, kelurahanCode: '33.74.03.1001' },
      { nik: dup, kelurahanCode: '33.74.03.1001' },
    ]);
    let view = await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
    expect(view.counts).toMatchObject({ accepted: 6, rejected: 2 });
    const proposals = new ProposalRepository(h.dataSource);
    const returned = await proposals.listReturned(h.sop.allocationId(kec));
    expect(returned.map((r) => r.reasons).sort()).toEqual([
      ['DUPLICATE_IN_BATCH'],
      ['NOT_RESIDENT'],
    ]);
    const openRejections = await h.sop.client.workflow
      .getHandle(h.sop.allocationId(kec))
      .query<{ count: number; byReason: Record<string, number> }>('openRejections');
    expect(openRejections).toEqual({
      count: 2,
      byReason: { DUPLICATE_IN_BATCH: 1, NOT_RESIDENT: 1 },
    });

    // The kecamatan must deal with every returned person before resubmitting.
    await proposals.correct(returned[0].recipientId, { nik: semarangNik(kec) });
    const partial = await refusal(h.sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator'));
    expect(partial.type).toBe('TRANSITION_REFUSED');
    await proposals.withdraw(returned[1].recipientId);
    view = await h.sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator');
    expect(view.step).toBe('verval');

    // Quota 6 is full: the corrected person is returned again as over quota.
    view = await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
    expect(view.counts).toMatchObject({ accepted: 6, rejected: 1 });
    expect((await proposals.listReturned(h.sop.allocationId(kec)))[0].reasons).toEqual([
      'OVER_QUOTA',
    ]);
    await proposals.withdraw(
      (await proposals.listReturned(h.sop.allocationId(kec)))[0].recipientId,
    );
    view = await h.sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator');
    expect(view).toMatchObject({ step: 'sk', vervalRounds: 2 });

    // SK rejected by the approver goes back to the data team with the reason.
    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-1' });
    const wrongRole = await refusal(h.sop.city('APPROVE_SK', 'tim_data', { skNo: 'SK-1' }));
    expect(wrongRole.message).toMatch(/sk_approver/);
    await h.sop.city('REJECT_SK', 'sk_approver', { reason: 'Lampiran BNBA belum lengkap' });
    view = await h.sop.status(kec);
    expect(view.phase).toBe('sk.drafting');
    expect(view.skRejections).toEqual([{ reason: 'Lampiran BNBA belum lengkap' }]);
    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-2' });
    await h.sop.city('APPROVE_SK', 'sk_approver', { skNo: 'SK-463/2021' });

    // No packing before the SPK is signed.
    await h.sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    const early = await refusal(h.sop.act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: 6 }));
    expect(early.details).toMatchObject({ step: 'contract' });
    await h.sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-1', vendorId: 'vendor-1' });

    // Inspection finds 2 damaged: back to packing for the shortfall, then re-inspection.
    await h.sop.act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: 6 });
    await h.sop.act(kec, 'DECLARE_PACKED', 'rekanan');
    await h.sop.act(kec, 'COORDINATE_READINESS', 'tim_pemeriksa', { readyDate: '2021-07-20' });
    await h.sop.act(kec, 'VENDOR_READY', 'rekanan');
    view = await h.sop.act(kec, 'INSPECT', 'tim_pemeriksa', {
      inspectionId: 'BA-1',
      inspectedCount: 6,
      passedCount: 4,
      reason: '2 paket rusak',
    });
    expect(view).toMatchObject({
      step: 'packing',
      inspectionFailures: [{ shortfall: 2, reason: '2 paket rusak' }],
    });
    await h.sop.act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: 2 });
    await h.sop.act(kec, 'DECLARE_PACKED', 'rekanan');
    await h.sop.act(kec, 'COORDINATE_READINESS', 'tim_pemeriksa', { readyDate: '2021-07-21' });
    await h.sop.act(kec, 'VENDOR_READY', 'rekanan');
    view = await h.sop.act(kec, 'INSPECT', 'tim_pemeriksa', {
      inspectionId: 'BA-2',
      inspectedCount: 2,
      passedCount: 2,
    });
    expect(view.counts.passedInspection).toBe(6);
    await h.sop.act(kec, 'HAND_OVER', 'tim_pemeriksa', { handedOverCount: 6 });

    // A short delivery blocks distribution until the discrepancy is resolved.
    await h.sop.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-24' });
    view = await h.sop.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 5 });
    expect(view).toMatchObject({
      phase: 'delivery.discrepancy',
      discrepancy: { expected: 6, delivered: 5 },
    });
    const blocked = await refusal(
      h.sop.act(kec, 'RECORD_DISTRIBUTION', 'kecamatan_operator', {
        kelurahanCode: '33.74.03.1001',
        distributedCount: 1,
      }),
    );
    expect(blocked.type).toBe('TRANSITION_REFUSED');
    view = await h.sop.act(kec, 'RESOLVE_DISCREPANCY', 'tim_distribusi', {
      resolution: 'Satu paket tertinggal di truk, dikirim susulan',
      deliveredCount: 6,
    });
    expect(view.step).toBe('distribution');

    // A complaint that needs action keeps monev open until it is followed up.
    const kelurahan = view.kelurahan.total;
    expect(kelurahan).toBeGreaterThan(1);
    await distributeAll(h.sop, kec);
    await h.sop.act(kec, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: 'ADUAN-7',
      needsAction: true,
    });
    const monevBlocked = await refusal(
      h.sop.act(kec, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-1' }),
    );
    expect(monevBlocked.message).toMatch(/ADUAN-7/);
    await h.sop.act(kec, 'RESOLVE_COMPLAINT', 'tim_monev', {
      complaintId: 'ADUAN-7',
      followUp: 'Paket diganti',
    });
    await h.sop.act(kec, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-1' });

    // Collection completes only with every listed kelurahan's signed BAST.
    const codes = (await h.sop.status(kec)).kelurahan.listed;
    await h.sop.collectSignedBast(kec, codes[0]);
    const incomplete = await refusal(
      h.sop.act(kec, 'COMPLETE_COLLECTION', 'tim_data', { recapId: 'R-1' }),
    );
    expect(incomplete.type).toBe('TRANSITION_REFUSED');
    for (const code of codes.slice(1)) {
      await h.sop.collectSignedBast(kec, code, 'tim_distribusi');
    }
    view = await h.sop.act(kec, 'COMPLETE_COLLECTION', 'tim_data', { recapId: 'R-1' });
    expect(view.done).toBe(true);
    await h.sop.client.workflow.getHandle(h.sop.programmeId).result();
    h.sop.saveHistories('ways-back', [kec]);
  });
});

async function distributeAll(sop: SopDriver, kec: string): Promise<void> {
  const status = await sop.status(kec);
  const allowed = status.allowedEvents.map((e) => e.type);
  expect(allowed).toContain('RECORD_DISTRIBUTION');
  // In every kelurahan one family has moved away: its parcel goes back, with the reason, and
  // the delivered total is still accounted for.
  const moved = { returned: 1, reason: 'pindah' } as const;
  const view = await sop.distribute(kec, moved);
  expect(view.step).toBe('monev');
  // Recorded again, the receipts change nothing; their counts say what went back.
  const counts = [...(await sop.recordReceipts(kec, moved)).values()];
  const returned = counts.reduce((sum, c) => sum + c.returnedCount, 0);
  expect(returned).toBe(counts.length);
  expect(view.counts.distributed).toBe(status.counts.delivered - returned);
}
