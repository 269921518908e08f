import { SopInputError, applyEvent, restoreSnapshot, serializeSnapshot, startSop } from './sop';
import type { PersistedSop } from './sop';
import type { SopEvent } from '../../libs/sop/events';
import type { SopSnapshot } from './sop.machine';
import { KECAMATAN, happyPathEvents } from './sop.fixtures';
import { STEPS, allowedEvents, publicStatus } from './sop-status';

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
