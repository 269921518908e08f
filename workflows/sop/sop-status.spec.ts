import { SopInputError, applyEvent, restoreSnapshot, serializeSnapshot, startSop } from './sop';
import { stepInfo } from '@salur/libs/sop/steps';
import type { SopStep } from '@salur/libs/sop/steps';
import type { PersistedSop } from './sop';
import type { SopEvent } from '@salur/libs/sop/events';
import type { Role } from '@salur/libs/sop/roles';
import type { SopSnapshot } from './sop.machine';
import { KECAMATAN, happyPathEvents, sampleOf } from './sop.fixtures';
import { STEPS, allowedEvents, checkEvent, publicStatus } from './sop-status';

const INPUT = { kecamatanCode: KECAMATAN, quota: 12 };

/** Snapshots along a run that takes every way back, to persist at each point. */
function detourEvents(): SopEvent[] {
  const happy = happyPathEvents(INPUT.quota);
  const at = (type: SopEvent['type']) => happy.findIndex((e) => e.type === type);
  return [
    ...happy.slice(0, at('SUBMIT_PROPOSALS')),
    { type: 'SUBMIT_PROPOSALS', batchId: 'usulan-1', proposedCount: 14 },
    { type: 'VERVAL_COMPLETED', vervalRunId: 'vv-1', accepted: 10, rejected: 4 },
    { type: 'RESUBMIT_CORRECTIONS', batchId: 'fix-1', resubmitted: 2, withdrawn: 2 },
    { type: 'VERVAL_COMPLETED', vervalRunId: 'vv-2', accepted: 2, rejected: 0 },
    { type: 'DRAFT_SK', skDraftId: 'draft-1' },
    { type: 'REJECT_SK', reason: 'wrong annex' },
    ...happy.slice(at('DRAFT_SK'), at('INSPECT')),
    { type: 'INSPECT', inspectionId: 'i-1', inspectedCount: 12, passedCount: 10, reason: 'torn' },
    { type: 'REPORT_PACKING', packedCount: 2 },
    { type: 'DECLARE_PACKED' },
    ...happy.slice(at('COORDINATE_READINESS'), at('INSPECT')),
    { type: 'INSPECT', inspectionId: 'i-2', inspectedCount: 2, passedCount: 2 },
    ...happy.slice(at('HAND_OVER'), at('CONFIRM_DELIVERY')),
    { type: 'CONFIRM_DELIVERY', deliveredCount: 11 },
    { type: 'RESOLVE_DISCREPANCY', resolution: 'recount', deliveredCount: 12 },
    ...happy.slice(at('RECORD_DISTRIBUTION'), at('SIGN_OFF_MONEV')),
    { type: 'RECORD_COMPLAINT', complaintId: 'aduan-1', needsAction: true },
    { type: 'RESOLVE_COMPLAINT', complaintId: 'aduan-1', followUp: 'replaced' },
    ...happy.slice(at('SIGN_OFF_MONEV')),
  ];
}

/** The error `act` throws; fails the test when it throws nothing. */
function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

function snapshotsAlong(events: SopEvent[]): SopSnapshot[] {
  const all = [startSop(INPUT)];
  for (const event of events) all.push(applyEvent(all[all.length - 1], event));
  return all;
}

describe('STEPS', () => {
  it('numbers the 17 SOP steps in order with unique slugs', () => {
    expect(STEPS.map((s) => s.stepNo)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(new Set(STEPS.map((s) => s.step)).size).toBe(17);
  });

  it('names each step in the words of the SOP', () => {
    const words = [
      'circular letter',
      'request letter',
      'Sidaksos',
      'verifies and validates',
      'Walikota decree (SK)',
      'BAST and BNBA lists per kelurahan',
      'Contract (SPK)',
      'Packing',
      'packed the ordered quantity',
      'readiness',
      'Inspect the parcels',
      'Hand inspected parcels',
      'Schedule the delivery',
      'Deliver from the vendor',
      'Distribute to the kelurahan',
      'monitoring and evaluation',
      'Collect the signed BAST',
    ];
    STEPS.forEach((s, i) =>
      expect([s.stepNo, s.stepName]).toEqual([i + 1, expect.stringContaining(words[i])]),
    );
  });

  it('knows no step by a slug outside the SOP', () => {
    expect(stepInfo('inspection')).toMatchObject({ stepNo: 11 });
    expect(() => stepInfo('payment' as SopStep)).toThrow(
      new RangeError('unknown SOP step payment'),
    );
  });
});

describe('serializeSnapshot and restoreSnapshot', () => {
  // Built inside each test, not when the file loads, so the mutation run sees which test reaches
  // which rule (load-time code belongs to no test).
  it('the detour run reaches completed', () => {
    const snapshots = snapshotsAlong(detourEvents());
    expect(publicStatus(snapshots[snapshots.length - 1])).toMatchObject({ done: true });
  });

  it('survive JSON at every point, with the same status, and the run continues identically', () => {
    const events = detourEvents();
    const snapshots = snapshotsAlong(events);
    const finalStatus = publicStatus(snapshots[snapshots.length - 1]);
    snapshots.forEach((snapshot, i) => {
      const json = JSON.stringify(serializeSnapshot(snapshot));
      const persisted: PersistedSop = JSON.parse(json);
      const restored = restoreSnapshot(persisted);
      expect(publicStatus(restored)).toEqual(publicStatus(snapshot));
      expect(allowedEvents(restored)).toEqual(allowedEvents(snapshot));
      const finished = events.slice(i).reduce(applyEvent, restored);
      expect(publicStatus(finished)).toEqual(finalStatus);
    });
  });

  it('keep every document, decision and reason of the run for the record', () => {
    const snapshots = snapshotsAlong(detourEvents());
    const { context } = serializeSnapshot(snapshots[snapshots.length - 1]);
    expect(context.documents).toEqual({
      quotaLetterNo: '460/1871/VII/2021',
      requestLetterNo: 'KEC/460/77',
      requestLetterDate: '2021-07-08',
      proposalBatchId: 'usulan-1',
      skDraftId: 'draft-1',
      skNo: '463/312/2021',
      spkNo: 'SPK/027/2021',
      vendorId: 'vendor-7',
      monevReportNo: 'BA-MONEV/33.74.01/2021',
      collectionRecapId: 'rekap-33.74.01',
    });
    expect(context).toMatchObject({
      vervalRunIds: ['vv-1', 'vv-2'],
      correctionBatchIds: ['fix-1'],
      skRejections: [{ reason: 'wrong annex' }],
      inspectionIds: ['i-1', 'i-2'],
      inspectionFailures: [{ shortfall: 2, reason: 'torn' }],
      readyDate: '2021-07-20',
      deliveryDate: '2021-07-24',
      discrepancyResolutions: ['recount'],
      complaints: [{ complaintId: 'aduan-1', needsAction: true, followUp: 'replaced' }],
    });
  });

  it('refuse a snapshot naming no state of the SOP, saying which', () => {
    const persisted = serializeSnapshot(startSop(INPUT));
    const caught = thrown(() => restoreSnapshot({ ...persisted, value: 'payment' }));
    expect(caught).toBeInstanceOf(SopInputError);
    expect(caught).toMatchObject({
      code: 'INVALID_INPUT',
      problems: [{ field: 'value', reason: expect.stringContaining('payment') }],
    });
    expect(() =>
      restoreSnapshot({ ...persisted, format: 'sop-snapshot/2' as PersistedSop['format'] }),
    ).toThrow('format must be sop-snapshot/1');
  });

  it('refuses a snapshot of another format, state or broken counts', () => {
    const persisted = serializeSnapshot(snapshotsAlong(detourEvents())[5]);
    const broken = (patch: Partial<PersistedSop>) => () =>
      restoreSnapshot({ ...persisted, ...patch });
    expect(broken({ format: 'sop-snapshot/0' as PersistedSop['format'] })).toThrow(SopInputError);
    expect(broken({ value: 'nowhere' })).toThrow(SopInputError);
    expect(broken({ value: 'verval' })).toThrow('must name a complete SOP state');
    expect(broken({ context: { ...persisted.context, accepted: 99 } })).toThrow(
      'accepted exceeds the quota',
    );
    expect(broken({ context: { ...persisted.context, proposed: -1 } })).toThrow(SopInputError);
    expect(thrown(broken({ context: { ...persisted.context, accepted: 99 } }))).toMatchObject({
      problems: [
        {
          field: 'context',
          reason: 'accepted, open, withdrawn and under review add up to 103, not 14',
        },
        { field: 'context', reason: 'accepted exceeds the quota' },
      ],
    });
  });
});

describe('publicStatus', () => {
  it('maps each phase to its step and actors', () => {
    const seen = new Map<string, { stepNo: number; step: string; actors: string[] }>();
    for (const snapshot of snapshotsAlong(detourEvents())) {
      const { phase, stepNo, step, actors } = publicStatus(snapshot);
      seen.set(phase, { stepNo, step, actors });
    }
    expect(Object.fromEntries(seen)).toEqual({
      'quota-letter': { stepNo: 1, step: 'quota-letter', actors: ['programme'] },
      'request-letter': { stepNo: 2, step: 'request-letter', actors: ['kecamatan_operator'] },
      'proposal-input': { stepNo: 3, step: 'proposal-input', actors: ['kecamatan_operator'] },
      verval: { stepNo: 4, step: 'verval', actors: ['tim_data'] },
      'verval.returned-to-kecamatan': { stepNo: 4, step: 'verval', actors: ['kecamatan_operator'] },
      'sk.drafting': { stepNo: 5, step: 'sk', actors: ['programme'] },
      'sk.approval': { stepNo: 5, step: 'sk', actors: ['programme'] },
      'bast-bnba': { stepNo: 6, step: 'bast-bnba', actors: ['tim_data'] },
      contract: { stepNo: 7, step: 'contract', actors: ['programme'] },
      packing: { stepNo: 8, step: 'packing', actors: ['rekanan'] },
      packed: { stepNo: 9, step: 'packed', actors: ['tim_pemeriksa'] },
      readiness: { stepNo: 10, step: 'readiness', actors: ['rekanan'] },
      inspection: { stepNo: 11, step: 'inspection', actors: ['tim_pemeriksa'] },
      handover: { stepNo: 12, step: 'handover', actors: ['tim_pemeriksa'] },
      scheduling: { stepNo: 13, step: 'scheduling', actors: ['tim_distribusi'] },
      delivery: { stepNo: 14, step: 'delivery', actors: ['tim_distribusi'] },
      'delivery.discrepancy': { stepNo: 14, step: 'delivery', actors: ['tim_distribusi'] },
      distribution: {
        stepNo: 15,
        step: 'distribution',
        actors: ['kecamatan_operator', 'kelurahan_operator'],
      },
      monev: { stepNo: 16, step: 'monev', actors: ['tim_monev'] },
      collection: {
        stepNo: 17,
        step: 'collection',
        actors: ['kecamatan_operator', 'kelurahan_operator', 'tim_distribusi', 'tim_data'],
      },
      completed: { stepNo: 17, step: 'collection', actors: [] },
    });
  });

  it('uses the step names of the STEPS table', () => {
    for (const snapshot of snapshotsAlong(happyPathEvents(INPUT.quota))) {
      const status = publicStatus(snapshot);
      expect(status.stepName).toBe(STEPS[status.stepNo - 1].stepName);
      expect(status.step).toBe(STEPS[status.stepNo - 1].step);
    }
  });

  it('is plain data: changing it does not change the snapshot', () => {
    const snapshot = snapshotsAlong(detourEvents())[20];
    const status = publicStatus(snapshot);
    status.skRejections.push({ reason: 'tampered' });
    status.allowedEvents[0]?.roles.push('auditor');
    expect(publicStatus(snapshot)).not.toEqual(status);
    expect(JSON.parse(JSON.stringify(publicStatus(snapshot)))).toEqual(publicStatus(snapshot));
  });
});

describe('startSop', () => {
  it('refuses a bad input naming every problem', () => {
    const caught = thrown(() => startSop({ kecamatanCode: '33.74', quota: 0 }));
    expect(caught).toBeInstanceOf(SopInputError);
    expect(caught).toMatchObject({
      name: 'SopInputError',
      code: 'INVALID_INPUT',
      message:
        'kecamatanCode must be a kecamatan code like 33.74.01; quota must be a whole number >= 1',
    });
  });
});

describe('what the status shows', () => {
  it('lists only the documents issued so far', () => {
    const [start, quotaLetter, requestLetter] = snapshotsAlong(detourEvents());
    expect(Object.keys(publicStatus(start).documents)).toEqual([]);
    expect(Object.keys(publicStatus(quotaLetter).documents)).toEqual(['quotaLetterNo']);
    expect(Object.keys(publicStatus(requestLetter).documents)).toEqual([
      'quotaLetterNo',
      'requestLetterNo',
    ]);
  });

  it('has no delivery date or discrepancy until there is one', () => {
    const snapshots = snapshotsAlong(detourEvents());
    const scheduledAt = snapshots.findIndex((s) => s.context.deliveryDate !== undefined);
    expect(publicStatus(snapshots[scheduledAt - 1])).not.toHaveProperty('deliveryDate');
    expect(publicStatus(snapshots[scheduledAt])).toHaveProperty('deliveryDate', '2021-07-24');
    for (const snapshot of snapshots) {
      const status = publicStatus(snapshot);
      if (status.phase !== 'delivery.discrepancy') expect(status).not.toHaveProperty('discrepancy');
    }
  });

  it('keeps other complaints open when one is followed up', () => {
    const happy = happyPathEvents(INPUT.quota);
    const monev = happy.slice(
      0,
      happy.findIndex((e) => e.type === 'SIGN_OFF_MONEV'),
    );
    const complaints: SopEvent[] = [
      { type: 'RECORD_COMPLAINT', complaintId: 'aduan-1', needsAction: true },
      { type: 'RECORD_COMPLAINT', complaintId: 'aduan-2', needsAction: true },
      { type: 'RESOLVE_COMPLAINT', complaintId: 'aduan-2', followUp: 'parcel replaced' },
    ];
    const snapshot = [...monev, ...complaints].reduce(applyEvent, startSop(INPUT));
    expect(publicStatus(snapshot).openComplaints).toEqual(['aduan-1']);
  });
});

describe('checkEvent refusals', () => {
  const along = () => snapshotsAlong(happyPathEvents(INPUT.quota));
  const at = (snapshots: SopSnapshot[], phase: string) => {
    const found = snapshots.find((s) => publicStatus(s).phase === phase);
    if (found === undefined) throw new RangeError(`no snapshot in ${phase}`);
    return found;
  };

  it('say which step the allocation is at and what it accepts now', () => {
    const snapshots = along();
    expect(checkEvent(at(snapshots, 'contract'), sampleOf('DECLARE_PACKED'), 'rekanan')).toEqual({
      ok: false,
      code: 'EVENT_NOT_ALLOWED',
      reason:
        'DECLARE_PACKED is not allowed at step 7 (contract: Contract (SPK) with the appointed ' +
        'vendor), phase contract; allowed now: SIGN_SPK',
      step: { stepNo: 7, step: 'contract', stepName: STEPS[6].stepName, actors: ['programme'] },
      allowed: [{ type: 'SIGN_SPK', roles: ['programme'], cityWide: true }],
    });
    expect(
      checkEvent(at(snapshots, 'collection'), sampleOf('SIGN_OFF_MONEV'), 'tim_monev'),
    ).toMatchObject({
      reason: expect.stringContaining('allowed now: RECORD_SIGNED_BAST, COMPLETE_COLLECTION'),
    });
    expect(
      checkEvent(at(snapshots, 'completed'), sampleOf('COMPLETE_COLLECTION'), 'tim_data'),
    ).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
      reason:
        'COMPLETE_COLLECTION is not allowed: the allocation is completed at step 17 ' +
        '(collection: Collect the signed BAST and BNBA lists); allowed now: none',
      allowed: [],
    });
  });

  it('name the roles that send the event instead', () => {
    const snapshots = along();
    const refusal = (phase: string, type: SopEvent['type'], role: Role) =>
      checkEvent(at(snapshots, phase), sampleOf(type), role);
    expect(refusal('inspection', 'INSPECT', 'rekanan')).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      reason: 'rekanan may not send INSPECT; it is sent by tim_pemeriksa',
      step: { stepNo: 11 },
    });
    expect(refusal('distribution', 'RECORD_DISTRIBUTION', 'tim_distribusi')).toMatchObject({
      reason:
        'tim_distribusi may not send RECORD_DISTRIBUTION; it is sent by kecamatan_operator or ' +
        'kelurahan_operator',
    });
    expect(refusal('sk.drafting', 'DRAFT_SK', 'tim_data')).toMatchObject({
      reason:
        'tim_data may not send DRAFT_SK: it is a city-wide decision sent by the programme workflow',
    });
  });

  it('carry the step and what is allowed also when a rule refuses', () => {
    const refused = checkEvent(
      at(along(), 'proposal-input'),
      { type: 'SUBMIT_PROPOSALS', batchId: 'usulan-1', proposedCount: 0 },
      'kecamatan_operator',
    );
    expect(refused).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      reason: 'proposedCount must be at least 1',
      step: expect.objectContaining({ stepNo: 3, actors: ['kecamatan_operator'] }),
      allowed: [{ type: 'SUBMIT_PROPOSALS', roles: ['kecamatan_operator'], cityWide: false }],
    });
  });
});
