import fc from 'fast-check';
import { contextProblems } from './context';
import type { SopEvent, SopEventType } from '../../libs/sop/events';
import { ROLES } from '../../libs/sop/roles';
import type { Role } from '../../libs/sop/roles';
import { SopInputError, SopTransitionError, applyEvent, startSop } from './sop';
import type { SopSnapshot } from './sop.machine';
import {
  KECAMATAN,
  KELURAHAN,
  happyPathEvents,
  sampleEvents,
  sampleOf,
  senderOf,
} from './sop.fixtures';
import { allowedEvents, checkEvent, publicStatus } from './sop-status';

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

describe('random walks (property)', () => {
  const input = { kecamatanCode: KECAMATAN, quota: 3 };

  it('keep every invariant, whatever the order of events and senders', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ROLES)), { maxLength: 120 }),
        (choices) => {
          let snapshot = startSop(input);
          for (const [pick, role] of choices) {
            const samples = sampleEvents(snapshot);
            if (samples.length === 0) break;
            const event = samples[pick % samples.length];
            const before = publicStatus(snapshot);
            const verdict = checkEvent(snapshot, event, role);
            const allowedRole = before.allowedEvents.some(
              (e) => e.type === event.type && e.roles.includes(role),
            );
            if (!allowedRole) expect(verdict).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
            if (!verdict.ok) continue;
            snapshot = applyEvent(snapshot, event);
            const after = publicStatus(snapshot);
            expect(contextProblems(snapshot.context)).toEqual([]);
            expect(after.counts.accepted).toBeLessThanOrEqual(input.quota);
            expect(after.counts.distributed).toBeLessThanOrEqual(after.counts.delivered);
            expect(after.stepNo >= before.stepNo || event.type === 'INSPECT').toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
