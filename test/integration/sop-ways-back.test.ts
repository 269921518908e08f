import type { DataSource } from 'typeorm';
import { ProposalRepository } from '../../libs/persistence';
import { outsiderNik, semarangNik } from '../support/factories';
import { refusal, SopDriver } from '../support/sop-driver';
import { openTestDataSource, startTestWorker, testConfig } from '../support/test-app';

/** Every way back in the SOP, taken on a real Temporal server with real records. */
describe('ways back through the SOP', () => {
  const config = testConfig();
  const kec = '33.74.03';
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let sop: SopDriver;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    sop = await SopDriver.connect(config, dataSource);
  });
  afterAll(async () => {
    await sop?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('returns rejected persons to the kecamatan, refuses SK/inspection/delivery/monev/collection shortcuts, and completes', async () => {
    await sop.startProgramme([{ kecamatanCode: kec, quota: 6 }]);
    await sop.city('SEND_QUOTA_LETTER', 'dinsos_admin', { letterNo: 'SE-1' });

    // Verval: an outsider and a duplicate are returned; over-quota persons too.
    const dup = semarangNik(kec);
    await sop.propose(kec, 5, [
      { nik: outsiderNik(), kelurahanCode: '33.74.03.1001' },
      { nik: dup, kelurahanCode: '33.74.03.1001' },
      { nik: dup, kelurahanCode: '33.74.03.1001' },
    ]);
    let view = await sop.act(kec, 'RUN_VERVAL', 'tim_data');
    expect(view.counts).toMatchObject({ accepted: 6, rejected: 2 });
    const proposals = new ProposalRepository(dataSource);
    const returned = await proposals.listReturned(sop.allocationId(kec));
    expect(returned.map((r) => r.reasons).sort()).toEqual([
      ['DUPLICATE_IN_BATCH'],
      ['NOT_RESIDENT'],
    ]);
    const openRejections = await sop.client.workflow
      .getHandle(sop.allocationId(kec))
      .query<{ count: number; byReason: Record<string, number> }>('openRejections');
    expect(openRejections).toEqual({
      count: 2,
      byReason: { DUPLICATE_IN_BATCH: 1, NOT_RESIDENT: 1 },
    });

    // The kecamatan must deal with every returned person before resubmitting.
    await proposals.correct(returned[0].recipientId, { nik: semarangNik(kec) });
    const partial = await refusal(sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator'));
    expect(partial.type).toBe('TRANSITION_REFUSED');
    await proposals.withdraw(returned[1].recipientId);
    view = await sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator');
    expect(view.step).toBe('verval');

    // Quota 6 is full: the corrected person is returned again as over quota.
    view = await sop.act(kec, 'RUN_VERVAL', 'tim_data');
    expect(view.counts).toMatchObject({ accepted: 6, rejected: 1 });
    expect((await proposals.listReturned(sop.allocationId(kec)))[0].reasons).toEqual([
      'OVER_QUOTA',
    ]);
    await proposals.withdraw((await proposals.listReturned(sop.allocationId(kec)))[0].recipientId);
    view = await sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator');
    expect(view).toMatchObject({ step: 'sk', vervalRounds: 2 });

    // SK rejected by the approver goes back to the data team with the reason.
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-1' });
    const wrongRole = await refusal(sop.city('APPROVE_SK', 'tim_data', { skNo: 'SK-1' }));
    expect(wrongRole.message).toMatch(/sk_approver/);
    await sop.city('REJECT_SK', 'sk_approver', { reason: 'Lampiran BNBA belum lengkap' });
    view = await sop.status(kec);
    expect(view.phase).toBe('sk.drafting');
    expect(view.skRejections).toEqual([{ reason: 'Lampiran BNBA belum lengkap' }]);
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-2' });
    await sop.city('APPROVE_SK', 'sk_approver', { skNo: 'SK-463/2021' });

    // No packing before the SPK is signed.
    await sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    const early = await refusal(sop.act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: 6 }));
    expect(early.details).toMatchObject({ step: 'contract' });
    await sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-1', vendorId: 'vendor-1' });

    // Inspection finds 2 damaged: back to packing for the shortfall, then re-inspection.
    await sop.act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: 6 });
    await sop.act(kec, 'DECLARE_PACKED', 'rekanan');
    await sop.act(kec, 'COORDINATE_READINESS', 'tim_pemeriksa', { readyDate: '2021-07-20' });
    await sop.act(kec, 'VENDOR_READY', 'rekanan');
    view = await sop.act(kec, 'INSPECT', 'tim_pemeriksa', {
      inspectionId: 'BA-1',
      inspectedCount: 6,
      passedCount: 4,
      reason: '2 paket rusak',
    });
    expect(view).toMatchObject({
      step: 'packing',
      inspectionFailures: [{ shortfall: 2, reason: '2 paket rusak' }],
    });
    await sop.act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: 2 });
    await sop.act(kec, 'DECLARE_PACKED', 'rekanan');
    await sop.act(kec, 'COORDINATE_READINESS', 'tim_pemeriksa', { readyDate: '2021-07-21' });
    await sop.act(kec, 'VENDOR_READY', 'rekanan');
    view = await sop.act(kec, 'INSPECT', 'tim_pemeriksa', {
      inspectionId: 'BA-2',
      inspectedCount: 2,
      passedCount: 2,
    });
    expect(view.counts.passedInspection).toBe(6);
    await sop.act(kec, 'HAND_OVER', 'tim_pemeriksa', { handedOverCount: 6 });

    // A short delivery blocks distribution until the discrepancy is resolved.
    await sop.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-24' });
    view = await sop.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 5 });
    expect(view).toMatchObject({
      phase: 'delivery.discrepancy',
      discrepancy: { expected: 6, delivered: 5 },
    });
    const blocked = await refusal(
      sop.act(kec, 'RECORD_DISTRIBUTION', 'kecamatan_operator', {
        kelurahanCode: '33.74.03.1001',
        distributedCount: 1,
      }),
    );
    expect(blocked.type).toBe('TRANSITION_REFUSED');
    view = await sop.act(kec, 'RESOLVE_DISCREPANCY', 'tim_distribusi', {
      resolution: 'Satu paket tertinggal di truk, dikirim susulan',
      deliveredCount: 6,
    });
    expect(view.step).toBe('distribution');

    // A complaint that needs action keeps monev open until it is followed up.
    const kelurahan = view.kelurahan.total;
    expect(kelurahan).toBeGreaterThan(1);
    await distributeAll(sop, kec);
    await sop.act(kec, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: 'ADUAN-7',
      needsAction: true,
    });
    const monevBlocked = await refusal(
      sop.act(kec, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-1' }),
    );
    expect(monevBlocked.message).toMatch(/ADUAN-7/);
    await sop.act(kec, 'RESOLVE_COMPLAINT', 'tim_monev', {
      complaintId: 'ADUAN-7',
      followUp: 'Paket diganti',
    });
    await sop.act(kec, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-1' });

    // Collection completes only with every kelurahan's signed BAST.
    const codes = await dataSource.query<{ code: string }[]>(
      `SELECT code FROM region WHERE parent_code = $1 ORDER BY code`,
      [kec],
    );
    await sop.act(kec, 'RECORD_SIGNED_BAST', 'kelurahan_operator', {
      kelurahanCode: codes[0].code,
    });
    const incomplete = await refusal(
      sop.act(kec, 'COMPLETE_COLLECTION', 'tim_data', { recapId: 'R-1' }),
    );
    expect(incomplete.type).toBe('TRANSITION_REFUSED');
    for (const { code } of codes.slice(1)) {
      await sop.act(kec, 'RECORD_SIGNED_BAST', 'tim_distribusi', { kelurahanCode: code });
    }
    view = await sop.act(kec, 'COMPLETE_COLLECTION', 'tim_data', { recapId: 'R-1' });
    expect(view.done).toBe(true);
    await sop.client.workflow.getHandle(sop.programmeId).result();
    sop.saveHistories('ways-back', [kec]);
  });
});

async function distributeAll(sop: SopDriver, kec: string): Promise<void> {
  const status = await sop.status(kec);
  const allowed = status.allowedEvents.map((e) => e.type);
  expect(allowed).toContain('RECORD_DISTRIBUTION');
  const codes = await sop.kelurahanOf(kec);
  let left = status.counts.delivered;
  for (const [index, code] of codes.entries()) {
    const share = index === codes.length - 1 ? left : Math.min(1, left);
    left -= share;
    await sop.act(kec, 'RECORD_DISTRIBUTION', 'kelurahan_operator', {
      kelurahanCode: code,
      distributedCount: share,
    });
  }
}
