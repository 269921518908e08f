import { setTimeout as delay } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { createWorkerActivities } from '@salur/activities';
import { ProposalRepository, VervalRepository } from '@salur/libs/persistence';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { outsiderNik, semarangNik } from '../support/factories';
import { LostResults } from '../support/lost-results';
import { useSopHarness } from '../support/sop-harness';

type Item = Record<string, unknown>;

/**
 * Every activity of a whole allocation walk finishes its first attempt (its writes commit)
 * and then loses its result, as when a worker dies or the network drops between the commit
 * and the completion reaching Temporal. Temporal retries each with the same input: the
 * walk must still leave one record per transition and count nobody twice.
 */
describe('activities retried after their writes committed', () => {
  const lost = new LostResults();
  const h = useSopHarness({}, [lost.interceptor]);
  const kec = '33.74.16'; // Tugu: 7 kelurahan
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApi(h.config);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('walks the whole SOP with every result lost once, and records everything exactly once', async () => {
    const { sop, dataSource } = h;
    const allocationId = sop.allocationId(kec);
    const run = async <T>(work: Promise<T>): Promise<T> => {
      try {
        return await lost.guard(work);
      } catch (error) {
        // A retry failed and the command still waits on its further attempts: end the
        // workflows, so it stops waiting before the test closes its connection.
        await Promise.allSettled(
          [allocationId, sop.programmeId].map((id) =>
            sop.client.workflow.getHandle(id).terminate('a retried activity failed'),
          ),
        );
        await Promise.race([work.catch(() => undefined), delay(10_000, undefined, { ref: false })]);
        throw error;
      }
    };
    const kelurahan = await sop.kelurahanOf(kec);
    expect(kelurahan).toHaveLength(7);

    await run(sop.startProgramme([{ kecamatanCode: kec, quota: 9 }]));
    await run(sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-retry/2021' }));

    // Step 4, two rounds: an outsider and a repeated NIK are returned, the outsider is
    // corrected, the repeat withdrawn, and the corrected person accepted in round 2.
    const repeated = semarangNik(kec);
    await run(
      sop.propose(kec, 7, [
        { nik: outsiderNik(), kelurahanCode: kelurahan[0] },
        { nik: repeated, kelurahanCode: kelurahan[1] },
        { nik: repeated, kelurahanCode: kelurahan[1] },
      ]),
    );
    let view = await run(sop.act(kec, 'RUN_VERVAL', 'tim_data'));
    expect(view.counts).toMatchObject({ accepted: 8, rejected: 2 });
    const proposals = new ProposalRepository(dataSource);
    const returned = await proposals.listReturned(allocationId);
    expect(returned.map((r) => r.reasons)).toEqual([['NOT_RESIDENT'], ['DUPLICATE_IN_BATCH']]);
    await proposals.correct(returned[0].recipientId, { nik: semarangNik(kec) });
    await proposals.withdraw(returned[1].recipientId);
    view = await run(sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator'));
    expect(view).toMatchObject({ step: 'verval', counts: { withdrawn: 1 } });
    view = await run(sop.act(kec, 'RUN_VERVAL', 'tim_data'));
    expect(view).toMatchObject({ step: 'sk', vervalRounds: 2, counts: { accepted: 9 } });

    // Step 5: a draft rejected, a second one signed.
    await run(sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-RETRY-1' }));
    await run(sop.city('REJECT_SK', 'sk_approver', { reason: 'Lampiran belum lengkap' }));
    await run(sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-RETRY-2' }));
    await run(sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/RETRY/2021' }));

    // Steps 6-12.
    view = await run(sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data'));
    expect(view.kelurahan.listed).toHaveLength(7);
    await run(sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-RETRY', vendorId: 'vendor-r' }));
    view = await run(sop.packAndInspect(kec));
    expect(view.step).toBe('scheduling');

    // Steps 13-14: rescheduled, then delivered one short and resolved.
    await run(sop.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' }));
    await run(
      sop.act(kec, 'RESCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-26' }),
    );
    view = await run(sop.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 8 }));
    expect(view.phase).toBe('delivery.discrepancy');
    view = await run(
      sop.act(kec, 'RESOLVE_DISCREPANCY', 'tim_distribusi', {
        resolution: 'Satu paket dikirim susulan',
        deliveredCount: 9,
      }),
    );
    expect(view.step).toBe('distribution');

    // Steps 15-17: distribution, a complaint followed up, monev, every signed BAST.
    await run(sop.distribute(kec));
    await run(
      sop.act(kec, 'RECORD_COMPLAINT', 'tim_monev', { complaintId: 'ADUAN-R', needsAction: true }),
    );
    await run(
      sop.act(kec, 'RESOLVE_COMPLAINT', 'tim_monev', {
        complaintId: 'ADUAN-R',
        followUp: 'Paket diganti',
      }),
    );
    await run(sop.act(kec, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-RETRY' }));
    for (const code of kelurahan) {
      await sop.uploadSignedScan(kec, code);
      await run(sop.act(kec, 'RECORD_SIGNED_BAST', 'kelurahan_operator', { kelurahanCode: code }));
    }
    view = await run(sop.act(kec, 'COMPLETE_COLLECTION', 'tim_data', { recapId: 'RECAP-R' }));
    expect(view).toMatchObject({
      done: true,
      stepNo: 17,
      counts: { accepted: 9, delivered: 9, distributed: 9 },
    });
    const programme = await run(sop.client.workflow.getHandle(sop.programmeId).result());
    expect(programme.completed).toBe(1);

    // One step record per transition (BAST/BNBA, distribution and signed BAST: per kelurahan).
    const steps: { step: string; n: number }[] = await dataSource.query(
      `SELECT step, count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 GROUP BY step`,
      [allocationId],
    );
    expect(Object.fromEntries(steps.map((s) => [s.step, s.n]))).toEqual({
      'quota-letter': 1,
      'request-letter': 1,
      'proposal-input': 1,
      verval: 2,
      'verval-corrections': 1,
      'sk-draft': 2,
      'sk-decision': 2,
      'bast-bnba': 7,
      contract: 1,
      packing: 2,
      readiness: 2,
      inspection: 1,
      handover: 1,
      schedule: 2,
      delivery: 2,
      distribution: 7,
      'monev-complaint': 2,
      'monev-sign-off': 1,
      'bast-collected': 7,
      'collection-complete': 1,
    });

    // The allocation's step history as its users read it: no entry twice.
    const auditor = as(app, await loginAs(app, 'auditor'));
    const list = async (kind: string): Promise<Item[]> =>
      (await auditor.get(`/allocations/${allocationId}/${kind}`).expect(200)).body.items;
    expect((await list('packing')).map((i) => [i.event, i.packedCount])).toEqual([
      ['REPORT_PACKING', 9],
      ['DECLARE_PACKED', undefined],
    ]);
    expect((await list('inspections')).map((i) => [i.inspectedCount, i.passedCount])).toEqual([
      [9, 9],
    ]);
    expect((await list('delivery-schedules')).map((i) => [i.deliveryDate, i.rescheduled])).toEqual([
      ['2031-07-25', false],
      ['2031-07-26', true],
    ]);
    expect((await list('deliveries')).map((i) => [i.deliveredCount, i.expected])).toEqual([
      [8, 9],
      [9, 9],
    ]);
    expect((await list('complaints')).map((i) => [i.type, i.complaintId])).toEqual([
      ['RECORD_COMPLAINT', 'ADUAN-R'],
      ['RESOLVE_COMPLAINT', 'ADUAN-R'],
    ]);

    // Verval judged each person once per round; nobody is counted twice.
    const runs: { round: number; underReview: number; accepted: number; results: number }[] =
      await dataSource.query(
        `SELECT r.round, r.under_review AS "underReview", r.accepted,
                (SELECT count(*)::int FROM verval_result v WHERE v.verval_run_id = r.id) AS results
           FROM verval_run r WHERE r.workflow_id = $1 ORDER BY r.round`,
        [allocationId],
      );
    expect(runs).toEqual([
      { round: 1, underReview: 10, accepted: 8, results: 10 },
      { round: 2, underReview: 1, accepted: 1, results: 1 },
    ]);
    expect(await new VervalRepository(dataSource).proposalCounts(allocationId)).toEqual({
      proposed: 0,
      resubmitted: 0,
      withdrawn: 1,
      rejected: 0,
      accepted: 9,
    });

    // The SK drafts list each accepted person once; the signed one verifies.
    const tim = as(app, await loginAs(app, 'tim_data'));
    const documents: Item[] = (await tim.get(`/programmes/${sop.programId}/sk`).expect(200)).body;
    expect(documents.map((d) => [d.draftId, d.status, d.recipientCount])).toEqual([
      ['SK-RETRY-1', 'rejected', 9],
      ['SK-RETRY-2', 'signed', 9],
    ]);
    const signed = documents[1];
    const sk = (await tim.get(`/sk/${signed.id as string}`).expect(200)).body as {
      sections: { recipientCount: number }[];
      recipients: { recipientId: string }[];
    };
    expect(sk.sections).toEqual([expect.objectContaining({ recipientCount: 9 })]);
    expect(new Set(sk.recipients.map((r) => r.recipientId)).size).toBe(9);
    expect(sk.recipients).toHaveLength(9);
    expect((await tim.get(`/sk/${signed.id as string}/verify`).expect(200)).body.valid).toBe(true);

    // One contract: the vendor sees this allocation once.
    const vendors: { vendorId: string; spkNo: string }[] = await dataSource.query(
      `SELECT vendor_id AS "vendorId", spk_no AS "spkNo" FROM allocation_vendor WHERE workflow_id = $1`,
      [allocationId],
    );
    expect(vendors).toEqual([{ vendorId: 'vendor-r', spkNo: 'SPK-RETRY' }]);

    // Every activity the worker registers lost its first result, once per execution, and
    // each retry answered what the lost attempt had answered.
    expect(lost.failedRetries).toEqual([]);
    expect(lost.changedAnswers).toEqual([]);
    expect([...lost.lost.keys()].sort()).toEqual(
      Object.keys(createWorkerActivities(dataSource, h.config)).sort(),
    );
    expect(Object.fromEntries(lost.lost)).toEqual({
      recordQuotaLetter: 1,
      recordRequestLetter: 1,
      recordProposalBatch: 1,
      runVerval: 2,
      countCorrections: 1,
      recordSkDraft: 2,
      recordSkDecision: 2,
      prepareBastBnba: 1,
      recordContract: 1,
      recordPacking: 2,
      recordReadiness: 2,
      recordInspection: 1,
      recordHandover: 1,
      recordSchedule: 2,
      recordDelivery: 2,
      recordDistribution: 7,
      recordComplaint: 2,
      recordMonevSignOff: 1,
      recordSignedBast: 7,
      recordCollectionComplete: 1,
    });
  }, 600_000);
});
