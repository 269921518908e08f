import fc from 'fast-check';
import type { GeneratorValue } from 'fast-check';
import { transition } from 'xstate';
import { contextProblems, distributedTotal, orderedCount } from './context';
import type { SopContext, SopDocuments } from './context';
import { SOP_EVENT_TYPES } from '@salur/libs/sop/events';
import type { SopEvent, SopEventType } from '@salur/libs/sop/events';
import { ROLES } from '@salur/libs/sop/roles';
import type { Role } from '@salur/libs/sop/roles';
import { SopInputError, SopTransitionError, applyEvent, startSop } from './sop';
import { drawEvent, int, oneOf, weighted } from './sop-events.arbitrary';
import { sopMachine } from './sop.machine';
import type { SopSnapshot } from './sop.machine';
import { KECAMATAN, KELURAHAN, happyPathEvents, sampleOf, senderOf } from './sop.fixtures';
import { allowedEvents, checkEvent, publicStatus } from './sop-status';
import type { AllowedEvent, SopRefusalCode, SopStatus } from './sop-status';

const QUOTA = 100;

function run(events: SopEvent[], snapshot = startSop({ kecamatanCode: KECAMATAN, quota: QUOTA })) {
  return events.reduce(applyEvent, snapshot);
}

/** The happy path up to (not including) the first event of the given type. */
function runUntil(type: SopEventType, quota = QUOTA): SopSnapshot {
  const events = happyPathEvents(quota);
  const at = events.findIndex((e) => e.type === type);
  if (at < 0) throw new RangeError(`${type} is not on the happy path`);
  return run(events.slice(0, at), startSop({ kecamatanCode: KECAMATAN, quota }));
}

/** Asserts the event is refused (as its sender) and returns the reason. */
function refusal(snapshot: SopSnapshot, event: SopEvent, role: Role = senderOf(event.type)) {
  const verdict = checkEvent(snapshot, event, role);
  if (verdict.ok) throw new Error(`${event.type} was accepted`);
  return verdict;
}

describe('the happy path', () => {
  it('walks steps 1 to 17 in order and ends done', () => {
    let snapshot = startSop({ kecamatanCode: KECAMATAN, quota: QUOTA });
    const stepNos = [publicStatus(snapshot).stepNo];
    for (const event of happyPathEvents(QUOTA)) {
      expect(checkEvent(snapshot, event, senderOf(event.type))).toEqual({ ok: true });
      snapshot = applyEvent(snapshot, event);
      stepNos.push(publicStatus(snapshot).stepNo);
    }
    const distinct = stepNos.filter((n, i) => n !== stepNos[i - 1]);
    expect(distinct).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));

    const status = publicStatus(snapshot);
    expect(status).toMatchObject({
      stepNo: 17,
      step: 'collection',
      phase: 'completed',
      done: true,
      actors: [],
      allowedEvents: [],
      kecamatanCode: KECAMATAN,
    });
    expect(status.counts).toEqual({
      quota: 100,
      proposed: 100,
      accepted: 100,
      rejected: 0,
      withdrawn: 0,
      packed: 100,
      inspected: 100,
      passedInspection: 100,
      handedOver: 100,
      delivered: 100,
      distributed: 100,
    });
    expect(status.kelurahan).toEqual({
      total: 3,
      listed: [...KELURAHAN],
      distributed: [...KELURAHAN],
      bastCollected: [...KELURAHAN],
    });
    expect(Object.keys(status.documents).sort()).toEqual(
      [
        'monevReportNo',
        'proposalBatchId',
        'quotaLetterNo',
        'requestLetterNo',
        'skDraftId',
        'skNo',
        'spkNo',
      ].sort(),
    );
    expect(status.vervalRounds).toBe(1);
    expect(status.deliveryDate).toBe('2021-07-24');
  });

  it('starts at the quota letter, waiting for the programme', () => {
    const status = publicStatus(startSop({ kecamatanCode: KECAMATAN, quota: QUOTA }));
    expect(status).toMatchObject({ stepNo: 1, step: 'quota-letter', phase: 'quota-letter' });
    expect(status.actors).toEqual(['programme']);
    expect(status.allowedEvents).toEqual([
      { type: 'SEND_QUOTA_LETTER', roles: ['programme'], cityWide: true },
    ]);
  });

  it('refuses an invalid input', () => {
    expect(() => startSop({ kecamatanCode: '33.74', quota: 10 })).toThrow(SopInputError);
    expect(() => startSop({ kecamatanCode: KECAMATAN, quota: 0 })).toThrow('quota');
    expect(() => startSop({ kecamatanCode: KECAMATAN, quota: 2.5 })).toThrow('quota');
  });
});

describe('steps 2 and 3: the request and the proposals', () => {
  it('needs the Camat to acknowledge the request letter', () => {
    const snapshot = runUntil('SUBMIT_REQUEST_LETTER');
    const event = { ...sampleOf('SUBMIT_REQUEST_LETTER'), acknowledgedByCamat: false };
    expect(refusal(snapshot, event)).toMatchObject({
      code: 'GUARD_FAILED',
      reason: expect.stringContaining('acknowledged by the Camat'),
      step: { stepNo: 2, step: 'request-letter' },
    });
  });

  it('needs at least one proposed recipient', () => {
    const snapshot = runUntil('SUBMIT_PROPOSALS');
    const event = { type: 'SUBMIT_PROPOSALS', batchId: 'b-1', proposedCount: 0 } as const;
    expect(refusal(snapshot, event).reason).toBe('proposedCount must be at least 1');
  });
});

describe('step 4: verval', () => {
  const proposed = (count: number) =>
    run([
      sampleOf('SEND_QUOTA_LETTER'),
      sampleOf('SUBMIT_REQUEST_LETTER'),
      { type: 'SUBMIT_PROPOSALS', batchId: 'usulan-1', proposedCount: count },
    ]);

  it('returns rejections to the kecamatan and loops until none are open (two rounds)', () => {
    let snapshot = proposed(120);
    expect(publicStatus(snapshot)).toMatchObject({
      stepNo: 4,
      phase: 'verval',
      actors: ['tim_data'],
    });

    snapshot = applyEvent(snapshot, {
      type: 'VERVAL_COMPLETED',
      vervalRunId: 'vv-1',
      accepted: 90,
      rejected: 30,
    });
    let status = publicStatus(snapshot);
    expect(status).toMatchObject({
      stepNo: 4,
      step: 'verval',
      phase: 'verval.returned-to-kecamatan',
      actors: ['kecamatan_operator'],
      openRejections: 30,
      vervalRounds: 1,
    });
    expect(status.counts).toMatchObject({
      proposed: 120,
      accepted: 90,
      rejected: 30,
      withdrawn: 0,
    });

    // The corrections must account for every returned person.
    const short = {
      type: 'RESUBMIT_CORRECTIONS',
      batchId: 'fix-1',
      resubmitted: 20,
      withdrawn: 5,
    } as const;
    expect(refusal(snapshot, short).reason).toContain('does not match the 30 rejected persons');

    snapshot = applyEvent(snapshot, { ...short, resubmitted: 25 });
    expect(publicStatus(snapshot)).toMatchObject({ phase: 'verval', openRejections: 0 });

    // Round two reviews only the 25 resubmitted persons.
    const round2 = {
      type: 'VERVAL_COMPLETED',
      vervalRunId: 'vv-2',
      accepted: 10,
      rejected: 10,
    } as const;
    expect(refusal(snapshot, round2).reason).toContain(
      'does not match the 25 persons under review',
    );
    expect(refusal(snapshot, { ...round2, vervalRunId: 'vv-1' }).reason).toContain(
      'already recorded',
    );
    snapshot = applyEvent(snapshot, { ...round2, rejected: 15 });
    status = publicStatus(snapshot);
    expect(status).toMatchObject({ phase: 'verval.returned-to-kecamatan', vervalRounds: 2 });
    expect(status.counts).toMatchObject({ accepted: 100, rejected: 15 });

    // Everyone still rejected is withdrawn: on to the SK.
    snapshot = applyEvent(snapshot, {
      type: 'RESUBMIT_CORRECTIONS',
      batchId: 'fix-2',
      resubmitted: 0,
      withdrawn: 15,
    });
    status = publicStatus(snapshot);
    expect(status).toMatchObject({ stepNo: 5, phase: 'sk.drafting', vervalRounds: 2 });
    expect(status.counts).toMatchObject({
      proposed: 120,
      accepted: 100,
      rejected: 0,
      withdrawn: 20,
    });
  });

  it('never lets accepted exceed the quota', () => {
    const snapshot = proposed(120);
    const event = {
      type: 'VERVAL_COMPLETED',
      vervalRunId: 'vv-1',
      accepted: 101,
      rejected: 19,
    } as const;
    const verdict = refusal(snapshot, event);
    expect(verdict.code).toBe('GUARD_FAILED');
    expect(verdict.reason).toBe(
      'accepting 101 would bring accepted to 101, above the quota of 100',
    );
    expect(() => applyEvent(snapshot, event)).toThrow(SopTransitionError);
  });

  it('refuses withdrawing everyone when nobody was accepted', () => {
    const snapshot = applyEvent(proposed(5), {
      type: 'VERVAL_COMPLETED',
      vervalRunId: 'vv-1',
      accepted: 0,
      rejected: 5,
    });
    const event = {
      type: 'RESUBMIT_CORRECTIONS',
      batchId: 'fix-1',
      resubmitted: 0,
      withdrawn: 5,
    } as const;
    expect(refusal(snapshot, event).reason).toContain('no accepted recipients');
    expect(refusal(snapshot, { ...event, batchId: 'usulan-1' }).reason).toContain(
      'already submitted',
    );
  });
});

describe('step 5: the SK', () => {
  it('goes back to drafting when rejected, keeping the reason, then on when approved', () => {
    let snapshot = runUntil('DRAFT_SK');
    expect(refusal(snapshot, sampleOf('APPROVE_SK')).code).toBe('EVENT_NOT_ALLOWED');
    snapshot = run([{ type: 'DRAFT_SK', skDraftId: 'draft-1' }], snapshot);
    expect(publicStatus(snapshot)).toMatchObject({ stepNo: 5, phase: 'sk.approval' });

    snapshot = applyEvent(snapshot, { type: 'REJECT_SK', reason: 'totals differ from the recap' });
    expect(publicStatus(snapshot)).toMatchObject({
      stepNo: 5,
      phase: 'sk.drafting',
      skRejections: [{ reason: 'totals differ from the recap' }],
    });

    snapshot = run([{ type: 'DRAFT_SK', skDraftId: 'draft-2' }, sampleOf('APPROVE_SK')], snapshot);
    const status = publicStatus(snapshot);
    expect(status).toMatchObject({ stepNo: 6, step: 'bast-bnba' });
    expect(status.documents).toMatchObject({ skDraftId: 'draft-2', skNo: '463/312/2021' });
    expect(status.skRejections).toHaveLength(1);
  });

  it('is city-wide: only the programme workflow may send SK events', () => {
    const snapshot = runUntil('DRAFT_SK');
    const verdict = refusal(snapshot, sampleOf('DRAFT_SK'), 'sk_approver');
    expect(verdict.code).toBe('ROLE_NOT_ALLOWED');
    expect(verdict.reason).toContain('city-wide');
    expect(checkEvent(snapshot, sampleOf('DRAFT_SK'), 'programme')).toEqual({ ok: true });
  });
});

describe('steps 6 to 8: lists, contract, packing', () => {
  it('prints lists only for kelurahan of this kecamatan', () => {
    const snapshot = runUntil('PRINT_BAST_BNBA');
    const event: SopEvent = {
      type: 'PRINT_BAST_BNBA',
      kelurahanCodes: ['33.74.01.1001', '33.74.02.1001'],
    };
    expect(refusal(snapshot, event).reason).toBe(
      'kelurahan 33.74.02.1001 not in kecamatan 33.74.01',
    );
  });

  it('cannot pack before the SPK is signed', () => {
    for (const snapshot of [runUntil('PRINT_BAST_BNBA'), runUntil('SIGN_SPK')]) {
      expect(refusal(snapshot, { type: 'REPORT_PACKING', packedCount: 10 }).code).toBe(
        'EVENT_NOT_ALLOWED',
      );
    }
  });

  it('packs in parts up to the ordered quantity and declares packed only when complete', () => {
    let snapshot = runUntil('REPORT_PACKING');
    expect(publicStatus(snapshot)).toMatchObject({ stepNo: 8, actors: ['rekanan'] });
    snapshot = applyEvent(snapshot, { type: 'REPORT_PACKING', packedCount: 60 });
    expect(refusal(snapshot, { type: 'DECLARE_PACKED' }).reason).toBe(
      'packedCount 60 is less than the 100 parcels ordered',
    );
    expect(refusal(snapshot, { type: 'REPORT_PACKING', packedCount: 50 }).reason).toBe(
      'packing 50 more would bring packed to 110, above the 100 parcels ordered',
    );
    expect(refusal(snapshot, { type: 'REPORT_PACKING', packedCount: 0 }).reason).toBe(
      'packedCount must be at least 1',
    );
    snapshot = run(
      [{ type: 'REPORT_PACKING', packedCount: 40 }, { type: 'DECLARE_PACKED' }],
      snapshot,
    );
    expect(publicStatus(snapshot)).toMatchObject({
      stepNo: 9,
      step: 'packed',
      counts: { packed: 100 },
    });
  });
});

describe('step 11: inspection', () => {
  it('sends a shortfall back to packing and re-inspects only the shortfall', () => {
    let snapshot = runUntil('INSPECT');
    expect(publicStatus(snapshot)).toMatchObject({ stepNo: 11, actors: ['tim_pemeriksa'] });
    const failing = {
      type: 'INSPECT',
      inspectionId: 'insp-1',
      inspectedCount: 100,
      passedCount: 92,
    } as const;
    expect(refusal(snapshot, failing).reason).toContain('a reason is required');
    expect(refusal(snapshot, { ...failing, inspectedCount: 101 }).reason).toContain(
      'more than the 100 parcels packed',
    );
    expect(refusal(snapshot, { ...failing, passedCount: 101 }).reason).toContain(
      'passedCount 101 is more than the 100 inspected',
    );

    snapshot = applyEvent(snapshot, { ...failing, reason: '8 bags of rice torn' });
    let status = publicStatus(snapshot);
    expect(status).toMatchObject({
      stepNo: 8,
      step: 'packing',
      inspectionFailures: [{ shortfall: 8, reason: '8 bags of rice torn' }],
    });
    expect(status.counts).toMatchObject({ packed: 92, inspected: 100, passedInspection: 92 });

    // The vendor re-packs the 8 only.
    expect(refusal(snapshot, { type: 'REPORT_PACKING', packedCount: 9 }).reason).toContain(
      'above the 8 parcels ordered',
    );
    snapshot = run(
      [
        { type: 'REPORT_PACKING', packedCount: 8 },
        { type: 'DECLARE_PACKED' },
        sampleOf('COORDINATE_READINESS'),
        { type: 'VENDOR_READY' },
      ],
      snapshot,
    );
    const again = {
      type: 'INSPECT',
      inspectionId: 'insp-2',
      inspectedCount: 100,
      passedCount: 100,
    } as const;
    expect(refusal(snapshot, again).reason).toContain('more than the 8 parcels packed');
    expect(refusal(snapshot, { ...again, inspectionId: 'insp-1' }).reason).toContain(
      'already recorded',
    );
    snapshot = applyEvent(snapshot, { ...again, inspectedCount: 8, passedCount: 8 });
    status = publicStatus(snapshot);
    expect(status).toMatchObject({ stepNo: 12, step: 'handover' });
    expect(status.counts).toMatchObject({ packed: 100, inspected: 108, passedInspection: 100 });

    expect(refusal(snapshot, { type: 'HAND_OVER', handedOverCount: 92 }).reason).toBe(
      'handedOverCount 92 does not match the 100 parcels that passed inspection',
    );
    snapshot = applyEvent(snapshot, { type: 'HAND_OVER', handedOverCount: 100 });
    expect(publicStatus(snapshot)).toMatchObject({ stepNo: 13, counts: { handedOver: 100 } });
  });
});

describe('steps 13 and 14: scheduling and delivery', () => {
  it('schedules no earlier than the ready date and reschedules only to a new date', () => {
    let snapshot = runUntil('SCHEDULE_DELIVERY');
    expect(
      refusal(snapshot, { type: 'SCHEDULE_DELIVERY', deliveryDate: '2021-07-19' }).reason,
    ).toBe("deliveryDate 2021-07-19 is before the vendor's ready date 2021-07-20");
    snapshot = applyEvent(snapshot, { type: 'SCHEDULE_DELIVERY', deliveryDate: '2021-07-24' });
    expect(
      refusal(snapshot, { type: 'RESCHEDULE_DELIVERY', deliveryDate: '2021-07-24' }).reason,
    ).toBe('delivery is already scheduled for 2021-07-24');
    snapshot = applyEvent(snapshot, { type: 'RESCHEDULE_DELIVERY', deliveryDate: '2021-07-27' });
    expect(publicStatus(snapshot)).toMatchObject({ stepNo: 14, deliveryDate: '2021-07-27' });
  });

  it('holds distribution back until a delivery discrepancy is resolved', () => {
    let snapshot = runUntil('CONFIRM_DELIVERY');
    snapshot = applyEvent(snapshot, { type: 'CONFIRM_DELIVERY', deliveredCount: 97 });
    let status = publicStatus(snapshot);
    expect(status).toMatchObject({
      stepNo: 14,
      phase: 'delivery.discrepancy',
      discrepancy: { expected: 100, delivered: 97 },
      counts: { delivered: 97 },
    });
    expect(status.allowedEvents.map((e) => e.type)).toEqual(['RESOLVE_DISCREPANCY']);
    const distribute = {
      type: 'RECORD_DISTRIBUTION',
      kelurahanCode: KELURAHAN[0],
      distributedCount: 30,
    } as const;
    expect(refusal(snapshot, distribute)).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
      reason: expect.stringContaining('allowed now: RESOLVE_DISCREPANCY'),
    });
    expect(refusal(snapshot, sampleOf('RESCHEDULE_DELIVERY')).code).toBe('EVENT_NOT_ALLOWED');

    // A recount that still differs keeps the hold, with the new numbers.
    snapshot = applyEvent(snapshot, {
      type: 'RESOLVE_DISCREPANCY',
      resolution: 'recounted: 1 more found in the truck',
      deliveredCount: 98,
    });
    expect(publicStatus(snapshot)).toMatchObject({
      phase: 'delivery.discrepancy',
      discrepancy: { expected: 100, delivered: 98 },
    });

    snapshot = applyEvent(snapshot, {
      type: 'RESOLVE_DISCREPANCY',
      resolution: 'vendor delivered the missing 2',
      deliveredCount: 100,
    });
    status = publicStatus(snapshot);
    expect(status).toMatchObject({ stepNo: 15, step: 'distribution', counts: { delivered: 100 } });
    expect(status.discrepancy).toBeUndefined();
    expect(checkEvent(snapshot, distribute, 'kelurahan_operator')).toEqual({ ok: true });
  });
});

describe('step 15: distribution', () => {
  it('records each listed kelurahan once and must distribute exactly what was delivered', () => {
    let snapshot = runUntil('RECORD_DISTRIBUTION');
    const record = (kelurahanCode: string, distributedCount: number) =>
      ({ type: 'RECORD_DISTRIBUTION', kelurahanCode, distributedCount }) as const;
    expect(refusal(snapshot, record('33.74.02.1001', 10)).reason).toBe(
      'kelurahan 33.74.02.1001 is not in kecamatan 33.74.01',
    );
    expect(refusal(snapshot, record('33.74.01.1009', 10)).reason).toBe(
      'kelurahan 33.74.01.1009 is not on the BAST/BNBA lists printed at step 6',
    );
    expect(refusal(snapshot, record(KELURAHAN[0], 101)).reason).toContain(
      'above the 100 delivered',
    );

    snapshot = run([record(KELURAHAN[0], 40), record(KELURAHAN[1], 40)], snapshot);
    expect(publicStatus(snapshot)).toMatchObject({ stepNo: 15, counts: { distributed: 80 } });
    expect(refusal(snapshot, record(KELURAHAN[0], 5)).reason).toContain('already recorded');
    expect(refusal(snapshot, record(KELURAHAN[2], 19)).reason).toContain(
      'is the last kelurahan, but the total would be 99 of the 100 delivered',
    );
    snapshot = applyEvent(snapshot, record(KELURAHAN[2], 20));
    expect(publicStatus(snapshot)).toMatchObject({
      stepNo: 16,
      kelurahan: { distributed: [...KELURAHAN] },
    });
  });
});

describe('step 16: monev', () => {
  it('blocks the sign-off while a complaint needing action is open', () => {
    let snapshot = runUntil('SIGN_OFF_MONEV');
    snapshot = run(
      [
        { type: 'RECORD_COMPLAINT', complaintId: 'aduan-1', needsAction: true },
        { type: 'RECORD_COMPLAINT', complaintId: 'aduan-2', needsAction: false },
      ],
      snapshot,
    );
    expect(publicStatus(snapshot)).toMatchObject({
      openComplaints: ['aduan-1'],
      complaintsRecorded: 2,
    });
    expect(refusal(snapshot, sampleOf('SIGN_OFF_MONEV')).reason).toBe(
      '1 complaint still needs follow-up: aduan-1',
    );
    expect(
      refusal(snapshot, { type: 'RECORD_COMPLAINT', complaintId: 'aduan-2', needsAction: true })
        .reason,
    ).toBe('complaint aduan-2 was already recorded');
    const resolve = {
      type: 'RESOLVE_COMPLAINT',
      complaintId: 'aduan-2',
      followUp: 'explained',
    } as const;
    expect(refusal(snapshot, resolve).reason).toContain('not an open complaint');

    snapshot = applyEvent(snapshot, { ...resolve, complaintId: 'aduan-1' });
    expect(publicStatus(snapshot)).toMatchObject({ openComplaints: [], complaintsRecorded: 2 });
    snapshot = applyEvent(snapshot, sampleOf('SIGN_OFF_MONEV'));
    expect(publicStatus(snapshot)).toMatchObject({
      stepNo: 17,
      phase: 'collection',
      documents: { monevReportNo: 'BA-MONEV/33.74.01/2021' },
    });
  });
});

describe('step 17: collection', () => {
  it('refuses to complete until every kelurahan has its signed BAST in', () => {
    let snapshot = runUntil('RECORD_SIGNED_BAST');
    const bast = (kelurahanCode: string) =>
      ({ type: 'RECORD_SIGNED_BAST', kelurahanCode }) as const;
    expect(refusal(snapshot, sampleOf('COMPLETE_COLLECTION')).reason).toBe(
      `signed BAST and BNBA still missing for kelurahan ${KELURAHAN.join(', ')}`,
    );
    snapshot = run([bast(KELURAHAN[0]), bast(KELURAHAN[2])], snapshot);
    expect(refusal(snapshot, bast(KELURAHAN[0])).reason).toContain('already collected');
    expect(refusal(snapshot, bast('33.74.05.1001')).reason).toContain('not in kecamatan');
    expect(refusal(snapshot, sampleOf('COMPLETE_COLLECTION')).reason).toBe(
      `signed BAST and BNBA still missing for kelurahan ${KELURAHAN[1]}`,
    );
    expect(publicStatus(snapshot).kelurahan.bastCollected).toEqual([KELURAHAN[0], KELURAHAN[2]]);

    snapshot = run([bast(KELURAHAN[1]), sampleOf('COMPLETE_COLLECTION')], snapshot);
    expect(publicStatus(snapshot)).toMatchObject({ stepNo: 17, done: true, phase: 'completed' });
    expect(refusal(snapshot, sampleOf('COMPLETE_COLLECTION'))).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
      reason: expect.stringContaining('completed'),
    });
  });
});

describe('roles', () => {
  it('lets the auditor and the system admin send nothing, anywhere', () => {
    let snapshot = startSop({ kecamatanCode: KECAMATAN, quota: QUOTA });
    for (const event of happyPathEvents(QUOTA)) {
      for (const role of ['auditor', 'system_admin'] as const) {
        expect(allowedEvents(snapshot, role)).toEqual([]);
        expect(refusal(snapshot, event, role).code).toBe('ROLE_NOT_ALLOWED');
      }
      snapshot = applyEvent(snapshot, event);
    }
  });

  it('filters allowed events by role', () => {
    const snapshot = runUntil('RECORD_SIGNED_BAST');
    expect(allowedEvents(snapshot, 'tim_data').map((e) => e.type)).toEqual(['COMPLETE_COLLECTION']);
    expect(allowedEvents(snapshot, 'kelurahan_operator').map((e) => e.type)).toEqual([
      'RECORD_SIGNED_BAST',
    ]);
    expect(allowedEvents(snapshot).map((e) => e.type)).toEqual([
      'RECORD_SIGNED_BAST',
      'COMPLETE_COLLECTION',
    ]);
  });
});

describe('malformed events', () => {
  it('are refused with the payload problem, never handed to a rule', () => {
    const snapshot = runUntil('REPORT_PACKING');
    const bad = { type: 'REPORT_PACKING', packedCount: -3 } as const;
    const verdict = refusal(snapshot, bad);
    expect(verdict).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'invalid REPORT_PACKING payload: packedCount must be a whole number >= 0',
    });
    expect(() => applyEvent(snapshot, bad)).toThrow(verdict.reason);
  });

  it('of a type the SOP does not know are simply not allowed', () => {
    const snapshot = runUntil('SIGN_SPK');
    const unknown = JSON.parse('{"type":"SKIP_TO_DELIVERY"}') as SopEvent;
    expect(refusal(snapshot, unknown, 'programme')).toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
      reason: expect.stringContaining('SKIP_TO_DELIVERY is not allowed at step 7'),
    });
    expect(() => applyEvent(snapshot, unknown)).toThrow(SopTransitionError);
  });

  it('throw a SopTransitionError carrying the code, step and allowed events', () => {
    const snapshot = runUntil('SIGN_SPK');
    let caught: unknown;
    try {
      applyEvent(snapshot, { type: 'DECLARE_PACKED' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SopTransitionError);
    expect(caught).toMatchObject({
      name: 'SopTransitionError',
      code: 'EVENT_NOT_ALLOWED',
      eventType: 'DECLARE_PACKED',
      step: { stepNo: 7, step: 'contract' },
      allowed: [{ type: 'SIGN_SPK', roles: ['programme'], cityWide: true }],
    });
  });
});

// Random walks. At every step the walk draws candidate events for what the state allows, with
// payloads on and around the rules' edges (sop-events.arbitrary.ts), asks the machine which of
// them it accepts, and mostly sends one of those; now and then it sends one the SOP must refuse
// (a payload a rule forbids, the wrong role, the wrong step). After every accepted event the
// SOP's invariants are checked; across all walks the coverage is asserted, so a change that
// makes walks stall again fails the test instead of passing it with nothing explored.

/** Events a walk may send before it counts as stalled; a complete walk sends about 40. */
const MAX_EVENTS = 200;

/** Moves between phases of one step, as `EVENT: from -> to`. */
const FORWARD_WITHIN_STEP = [
  'VERVAL_COMPLETED: verval -> verval.returned-to-kecamatan',
  'DRAFT_SK: sk.drafting -> sk.approval',
  'CONFIRM_DELIVERY: delivery -> delivery.discrepancy',
  'COMPLETE_COLLECTION: collection -> completed',
];
/** The SOP's ways back: the only moves to an earlier phase or step. */
const WAYS_BACK = [
  'RESUBMIT_CORRECTIONS: verval.returned-to-kecamatan -> verval',
  'REJECT_SK: sk.approval -> sk.drafting',
  'INSPECT: inspection -> packing',
];

/** Each step's outcome is on file from the step after it on. */
const DOCUMENT_FROM_STEP: [number, keyof SopDocuments][] = [
  [2, 'quotaLetterNo'],
  [3, 'requestLetterNo'],
  [4, 'proposalBatchId'],
  [6, 'skNo'],
  [8, 'spkNo'],
  [17, 'monevReportNo'],
];

/** The allocation's history: lists that only ever grow at the end. */
const APPEND_ONLY = [
  'vervalRunIds',
  'correctionBatchIds',
  'skRejections',
  'inspectionIds',
  'inspectionFailures',
  'discrepancyResolutions',
  'distributions',
  'bastCollected',
] as const satisfies readonly (keyof SopContext)[];

/** Counts that never go down. */
const MONOTONE = [
  'accepted',
  'withdrawn',
  'vervalRounds',
  'inspected',
  'passedInspection',
] as const satisfies readonly (keyof SopContext)[];

const grows = (before: readonly unknown[], after: readonly unknown[]) =>
  after === before ||
  (after.length >= before.length &&
    JSON.stringify(after.slice(0, before.length)) === JSON.stringify(before));

const machineState = (s: SopSnapshot) => JSON.stringify([s.value, s.status, s.context]);

/** A move of the SOP: a step forward, a phase forward within a step, or a way back. */
function moveProblem(from: SopStatus, to: SopStatus, type: SopEventType): string | null {
  const move = `${type}: ${from.phase} -> ${to.phase}`;
  const allowed =
    to.phase === from.phase ||
    to.stepNo === from.stepNo + 1 ||
    FORWARD_WITHIN_STEP.includes(move) ||
    WAYS_BACK.includes(move);
  return allowed ? null : `${move} (step ${from.stepNo} -> ${to.stepNo}) is not a move of the SOP`;
}

/**
 * What must hold after any accepted event, written from the SOP rather than read from the
 * guards: the counts' bounds, history that only grows, and what each step needs behind it.
 */
function invariantProblems(before: SopContext, after: SopSnapshot, stepNo: number): string[] {
  const c = after.context;
  const problems = contextProblems(c);
  const check = (rule: string, holds: boolean) => {
    if (!holds) problems.push(`${rule} (at step ${stepNo})`);
  };
  check('accepted <= quota', c.accepted <= c.quota);
  // Parcels not received go back with their reason (issue 15): they are accounted for too.
  const accounted = c.distributions.reduce(
    (sum, d) => sum + d.distributedCount + (d.returnedCount ?? 0),
    0,
  );
  check('distributed <= delivered', distributedTotal(c) <= c.delivered);
  check('distributed + returned <= delivered', accounted <= c.delivered);
  check(
    'passed + awaiting inspection <= accepted',
    c.passedInspection + c.packedThisRound <= c.accepted,
  );
  check('passed <= inspected', c.passedInspection <= c.inspected);
  check('handed over <= passed', c.handedOver <= c.passedInspection);
  check(
    'every proposed person is accepted, rejected, withdrawn or under review',
    c.accepted + c.openRejections + c.withdrawn + c.underReview === c.proposed,
  );

  check(
    'proposed is fixed once submitted',
    before.proposed === 0 || c.proposed === before.proposed,
  );
  check(
    'the BAST/BNBA lists are fixed once printed',
    before.kelurahanCodes.length === 0 || grows(before.kelurahanCodes, c.kelurahanCodes),
  );
  for (const field of MONOTONE) check(`${field} never decreases`, c[field] >= before[field]);
  for (const field of APPEND_ONLY) check(`${field} is append-only`, grows(before[field], c[field]));
  const complaintIds = (x: SopContext) => x.complaints.map((k) => k.complaintId);
  check('complaints are append-only', grows(complaintIds(before), complaintIds(c)));
  for (const [key, value] of Object.entries(before.documents)) {
    // Only the SK draft is replaced, when a rejected SK is redrafted.
    const kept = c.documents[key as keyof SopDocuments];
    check(`document ${key} is kept`, key === 'skDraftId' ? kept !== undefined : kept === value);
  }

  for (const [from, document] of DOCUMENT_FROM_STEP) {
    check(`${document} is on file`, stepNo < from || c.documents[document] !== undefined);
  }
  if (stepNo >= 5) {
    check('verval is over', c.underReview === 0 && c.openRejections === 0 && c.accepted >= 1);
  }
  if (stepNo >= 7) check('the BAST/BNBA lists are printed', c.kelurahanCodes.length > 0);
  if (stepNo >= 9 && stepNo <= 11)
    check('the order is packed', c.packedThisRound === orderedCount(c));
  if (stepNo >= 12) {
    check('every accepted parcel passed inspection', c.passedInspection === c.accepted);
  }
  if (stepNo >= 13)
    check('every passed parcel is handed over', c.handedOver === c.passedInspection);
  if (stepNo >= 15) {
    check('the delivery matches the BAST', c.delivered === c.handedOver && !c.discrepancy);
  }
  if (stepNo >= 16) {
    check(
      'every delivered parcel is distributed or returned, in every listed kelurahan',
      accounted === c.delivered && c.distributions.length === c.kelurahanCodes.length,
    );
  }
  if (after.status === 'done') {
    check('every signed BAST is collected', c.bastCollected.length === c.kelurahanCodes.length);
  }
  return problems;
}

/** How applyEvent answers: the refusal's code, or null when it moves on. */
function applyRefusal(snapshot: SopSnapshot, event: SopEvent): string | null {
  try {
    applyEvent(snapshot, event);
    return null;
  } catch (error) {
    return error instanceof SopTransitionError ? error.code : String(error);
  }
}

/**
 * Why the event was not refused as `code` says it must be. Unless only the role is wrong (roles
 * are the API's fence; the machine has none), the machine must not move on it either.
 */
function refusalProblems(
  snapshot: SopSnapshot,
  event: SopEvent,
  role: Role,
  code: SopRefusalCode,
): string[] {
  const what = `${event.type} by ${role} at ${JSON.stringify(snapshot.value)}`;
  const verdict = checkEvent(snapshot, event, role);
  if (verdict.ok || verdict.code !== code) {
    return [`${what}: checkEvent answered ${verdict.ok ? 'ok' : verdict.code}, not ${code}`];
  }
  if (code === 'ROLE_NOT_ALLOWED') return [];
  const problems: string[] = [];
  if (snapshot.can(event)) problems.push(`${what}: the machine can take it`);
  const applied = applyRefusal(snapshot, event);
  if (applied !== code) problems.push(`${what}: applyEvent answered ${applied ?? 'ok'}`);
  if (machineState(transition(sopMachine, snapshot, event)[0]) !== machineState(snapshot)) {
    problems.push(`${what}: the machine changed`);
  }
  return problems;
}

interface WalkCoverage {
  runs: number;
  completed: number;
  sent: number;
  refused: Record<SopRefusalCode, number>;
  steps: Set<number>;
  /** Moves within a step and ways back, as `EVENT: from -> to`. */
  moves: Set<string>;
  /** Event types a rule or a payload check refused in some candidate. */
  guardRefused: Set<SopEventType>;
}

type Send =
  | { kind: 'accepted'; event: SopEvent }
  | { kind: 'refused'; event: SopEvent; role: Role; code: SopRefusalCode };

/** What to send now: mostly an event the machine accepts, sometimes one it must refuse. */
function drawSend(
  g: GeneratorValue,
  snapshot: SopSnapshot,
  allowed: AllowedEvent[],
  seen: WalkCoverage,
  problems: string[],
): Send {
  const candidates = allowed.flatMap(({ type, roles }) =>
    [1, 2].map(() => {
      const event = drawEvent(g, type, snapshot.context);
      const role = oneOf(g, roles);
      return { event, role, verdict: checkEvent(snapshot, event, role) };
    }),
  );
  for (const { event, verdict } of candidates) {
    // The API's verdict and the machine agree on every candidate sent by a right role.
    if (snapshot.can(event) !== verdict.ok) {
      problems.push(`${event.type}: checkEvent ok is ${verdict.ok}, the machine disagrees`);
    }
    if (!verdict.ok) {
      if (verdict.code !== 'GUARD_FAILED') problems.push(`${event.type}: ${verdict.code}`);
      seen.guardRefused.add(event.type);
    }
  }
  const accepted = candidates.filter((c) => c.verdict.ok);
  const refused = candidates.filter((c) => !c.verdict.ok);
  return weighted<Send>(g, [
    [accepted.length > 0 ? 85 : 0, () => ({ kind: 'accepted', ...oneOf(g, accepted) })],
    [
      refused.length > 0 ? 5 : 0,
      () => ({ kind: 'refused', ...oneOf(g, refused), code: 'GUARD_FAILED' }),
    ],
    [
      5,
      () => {
        const { type, roles } = oneOf(g, allowed);
        const role = oneOf(
          g,
          ROLES.filter((r) => !roles.includes(r)),
        );
        const event = drawEvent(g, type, snapshot.context);
        return { kind: 'refused', event, role, code: 'ROLE_NOT_ALLOWED' };
      },
    ],
    [
      5,
      () => {
        const type = oneOf(
          g,
          SOP_EVENT_TYPES.filter((t) => !allowed.some((e) => e.type === t)),
        );
        const event = drawEvent(g, type, snapshot.context);
        return { kind: 'refused', event, role: senderOf(type), code: 'EVENT_NOT_ALLOWED' };
      },
    ],
  ]);
}

/**
 * One allocation from step 1 until it completes (or stalls), checked after every event. Returns
 * what went wrong, stopping at the first event that broke a rule. Problems are collected rather
 * than asserted one by one: a walk makes thousands of checks, and each expect() is costly.
 */
function walk(g: GeneratorValue, seen: WalkCoverage): string[] {
  const quota = int(g, 1, 6);
  let snapshot = startSop({ kecamatanCode: KECAMATAN, quota });
  let status = publicStatus(snapshot);
  let state = machineState(snapshot);
  const problems: string[] = [];
  seen.runs += 1;
  seen.steps.add(status.stepNo);
  for (let sent = 0; sent < MAX_EVENTS && !status.done; sent += 1) {
    if (status.allowedEvents.length === 0) return [`${status.phase} is a dead end, not done`];
    const send = drawSend(g, snapshot, status.allowedEvents, seen, problems);
    const sending = `${send.kind} ${JSON.stringify(send.event)} at ${status.phase} (quota ${quota})`;
    seen.sent += 1;
    if (send.kind === 'refused') {
      problems.push(...refusalProblems(snapshot, send.event, send.role, send.code));
      seen.refused[send.code] += 1;
    } else {
      const [before, from, stateBefore] = [snapshot, status, state];
      snapshot = applyEvent(snapshot, send.event);
      [status, state] = [publicStatus(snapshot), machineState(snapshot)];
      const move = moveProblem(from, status, send.event.type);
      if (move !== null) problems.push(move);
      problems.push(...invariantProblems(before.context, snapshot, status.stepNo));
      if (state === stateBefore)
        problems.push(`${send.event.type} was accepted but changed nothing`);
      seen.steps.add(status.stepNo);
      // Moves within a step and ways back, the phases a walk passes only if it is lucky.
      if (status.phase !== from.phase && status.stepNo <= from.stepNo) {
        seen.moves.add(`${send.event.type}: ${from.phase} -> ${status.phase}`);
      }
    }
    if (problems.length > 0) return [sending, ...problems];
  }
  if (!status.done) return problems;
  seen.completed += 1;
  // Completed is final: nothing is allowed any more, from anyone.
  if (status.allowedEvents.length > 0) problems.push('completed allows events');
  for (let tries = 0; tries < 3; tries += 1) {
    const type = oneOf(g, SOP_EVENT_TYPES);
    const event = drawEvent(g, type, snapshot.context);
    problems.push(...refusalProblems(snapshot, event, senderOf(type), 'EVENT_NOT_ALLOWED'));
  }
  return problems;
}

describe('random walks (property)', () => {
  it('follow the SOP to completion, keep every invariant and refuse what it forbids', () => {
    const seen: WalkCoverage = {
      runs: 0,
      completed: 0,
      sent: 0,
      refused: { GUARD_FAILED: 0, ROLE_NOT_ALLOWED: 0, EVENT_NOT_ALLOWED: 0 },
      steps: new Set(),
      moves: new Set(),
      guardRefused: new Set(),
    };
    fc.assert(
      fc.property(fc.gen(), (g) => {
        expect(walk(g, seen)).toEqual([]);
      }),
      // Passing walks take seconds; a failing one stops shrinking after a minute.
      { numRuns: 100, interruptAfterTimeLimit: 60_000 },
    );

    // The walks went everywhere: every step, every way back, both sides of every rule.
    expect([...seen.steps].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 17 }, (_, i) => i + 1),
    );
    expect([...seen.moves].sort()).toEqual([...FORWARD_WITHIN_STEP, ...WAYS_BACK].sort());
    // VENDOR_READY has neither fields nor a rule, so nothing can be wrong with it.
    expect([...seen.guardRefused].sort()).toEqual(
      SOP_EVENT_TYPES.filter((t) => t !== 'VENDOR_READY').sort(),
    );
    // Most walks complete, with a minority of refused events along the way.
    expect(seen.completed / seen.runs).toBeGreaterThan(0.9);
    expect(seen.sent / seen.runs).toBeGreaterThan(30);
    const refused = Object.values(seen.refused).reduce((a, b) => a + b, 0);
    expect(refused / seen.sent).toBeGreaterThan(0.05);
    expect(refused / seen.sent).toBeLessThan(0.3);
    for (const count of Object.values(seen.refused)) expect(count).toBeGreaterThan(0);
  });
});
