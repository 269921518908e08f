import type { Activities, TransitionContext } from '@salur/activities';
import { ALLOCATION_COMMANDS } from '@salur/libs/temporal/names';
import { SOP_EVENT_TYPES, publicStatus, startSop, type SopEvent, type SopEventType } from '../sop';
import { KECAMATAN, KELURAHAN, READY_DATE, sampleOf } from '../sop/sop.fixtures';
import { EFFECTS, RECORDED_BY_ENRICHMENT, runEffect, type EffectFacts } from './effects';
import { ENRICHERS, enrichmentOf } from './enrichment';

const ctx: TransitionContext = {
  workflowId: `allocation-p1-${KECAMATAN}`,
  programId: 'p1',
  kecamatanCode: KECAMATAN,
  transitionId: 'update-1',
  actorId: 'user-1',
  role: 'tim_data',
};

const initial = publicStatus(startSop({ kecamatanCode: KECAMATAN, quota: 120 }));
const facts: EffectFacts = {
  quota: 120,
  status: {
    ...initial,
    counts: { ...initial.counts, accepted: 100, handedOver: 98 },
    complaintsRecorded: 2,
  },
};

/** Activities that only note which one was called, and with what. */
function fakeActivities() {
  const calls: [string, ...unknown[]][] = [];
  const acts = new Proxy({} as Activities, {
    get:
      (_target, name: string) =>
      (...args: unknown[]) => {
        calls.push([name, ...args]);
        return Promise.resolve({});
      },
  });
  return { acts, calls };
}

/**
 * The activity each event's sample is recorded with. These calls are in the recorded
 * histories (test/fixtures/histories): what the workflow's switch did before the table.
 */
const EXPECTED: Record<Exclude<SopEventType, keyof typeof ENRICHERS>, [string, unknown]> = {
  SEND_QUOTA_LETTER: ['recordQuotaLetter', { letterNo: '460/1871/VII/2021', quota: 120 }],
  SUBMIT_REQUEST_LETTER: ['recordRequestLetter', sampleOf('SUBMIT_REQUEST_LETTER')],
  SUBMIT_PROPOSALS: ['recordProposalBatch', sampleOf('SUBMIT_PROPOSALS')],
  DRAFT_SK: ['recordSkDraft', { skDraftId: 'draft-x', accepted: 100, amountPerKpm: 200_000 }],
  APPROVE_SK: ['recordSkDecision', { decision: 'approved', skNo: '463/312/2021' }],
  REJECT_SK: [
    'recordSkDecision',
    { decision: 'rejected', reason: 'recipient totals do not match the verval recap' },
  ],
  SIGN_SPK: ['recordContract', { ...sampleOf('SIGN_SPK'), ordered: 100 }],
  REPORT_PACKING: [
    'recordPacking',
    { type: 'REPORT_PACKING', packedCount: 1, event: 'REPORT_PACKING' },
  ],
  DECLARE_PACKED: ['recordPacking', { type: 'DECLARE_PACKED', event: 'DECLARE_PACKED' }],
  COORDINATE_READINESS: [
    'recordReadiness',
    { type: 'COORDINATE_READINESS', readyDate: READY_DATE, event: 'COORDINATE_READINESS' },
  ],
  VENDOR_READY: ['recordReadiness', { type: 'VENDOR_READY', event: 'VENDOR_READY' }],
  INSPECT: ['recordInspection', sampleOf('INSPECT')],
  HAND_OVER: ['recordHandover', sampleOf('HAND_OVER')],
  SCHEDULE_DELIVERY: [
    'recordSchedule',
    {
      deliveryDate: '2021-07-24',
      rescheduled: false,
      agreedByKecamatan: sampleOf('SCHEDULE_DELIVERY').agreedByKecamatan,
    },
  ],
  RESCHEDULE_DELIVERY: [
    'recordSchedule',
    {
      deliveryDate: '2021-07-26',
      rescheduled: true,
      agreedByKecamatan: sampleOf('RESCHEDULE_DELIVERY').agreedByKecamatan,
    },
  ],
  CONFIRM_DELIVERY: ['recordDelivery', { deliveredCount: 1, expected: 98 }],
  RESOLVE_DISCREPANCY: ['recordDelivery', { ...sampleOf('RESOLVE_DISCREPANCY'), expected: 98 }],
  RECORD_DISTRIBUTION: [
    'recordDistribution',
    { type: 'RECORD_DISTRIBUTION', kelurahanCode: KELURAHAN[0], distributedCount: 1 },
  ],
  RECORD_COMPLAINT: ['recordComplaint', sampleOf('RECORD_COMPLAINT')],
  RESOLVE_COMPLAINT: ['recordComplaint', sampleOf('RESOLVE_COMPLAINT')],
  SIGN_OFF_MONEV: [
    'recordMonevSignOff',
    {
      reportNo: 'BA-MONEV/33.74.01/2021',
      complaints: 2,
      assessment: { onTime: true, onTarget: true, useful: true },
      reportedToTimPembinaOn: '2021-08-09',
    },
  ],
  RECORD_SIGNED_BAST: ['recordSignedBast', sampleOf('RECORD_SIGNED_BAST')],
  COMPLETE_COLLECTION: ['recordCollectionComplete', sampleOf('COMPLETE_COLLECTION')],
};

describe('the effect table', () => {
  it('has an entry for every SOP event, and only for those', () => {
    expect(Object.keys(EFFECTS).sort()).toEqual([...SOP_EVENT_TYPES].sort());
  });

  it.each(Object.entries(EXPECTED))('records %s with one activity call', async (type, call) => {
    const { acts, calls } = fakeActivities();
    await runEffect(acts, ctx, sampleOf(type as SopEventType), facts);
    expect(calls).toEqual([[call[0], ctx, call[1]]]);
  });

  it('calls as the recorded histories did for an event without document facts', async () => {
    const before: [SopEvent, string, unknown][] = [
      [
        { type: 'DRAFT_SK', skDraftId: 'draft-x' },
        'recordSkDraft',
        { skDraftId: 'draft-x', accepted: 100 },
      ],
      [
        { type: 'SCHEDULE_DELIVERY', deliveryDate: '2021-07-24' },
        'recordSchedule',
        { deliveryDate: '2021-07-24', rescheduled: false },
      ],
      [
        { type: 'SIGN_OFF_MONEV', reportNo: 'M-1' },
        'recordMonevSignOff',
        { reportNo: 'M-1', complaints: 2 },
      ],
    ];
    for (const [event, activity, input] of before) {
      const { acts, calls } = fakeActivities();
      await runEffect(acts, ctx, event, facts);
      // As the payload converter writes it: absent facts leave no key behind.
      expect(JSON.parse(JSON.stringify(calls))).toEqual([[activity, ctx, input]]);
      expect(JSON.stringify(calls[0][2])).toBe(JSON.stringify(input));
    }
  });

  it('leaves the enriched events to the activity that established them', async () => {
    const enriched = SOP_EVENT_TYPES.filter((type) => EFFECTS[type] === RECORDED_BY_ENRICHMENT);
    expect(enriched.sort()).toEqual(Object.keys(ENRICHERS).sort());
    for (const type of enriched) {
      const { acts, calls } = fakeActivities();
      await runEffect(acts, ctx, sampleOf(type), facts);
      expect(calls).toEqual([]);
    }
  });
});

describe('enrichmentOf', () => {
  it('completes RUN_VERVAL, RESUBMIT_CORRECTIONS and PRINT_BAST_BNBA with an activity', () => {
    const enriched = ALLOCATION_COMMANDS.flatMap((command) => {
      const enrichment = enrichmentOf(command);
      return enrichment ? [[command, enrichment.event]] : [];
    });
    expect(enriched).toEqual([
      ['RUN_VERVAL', 'VERVAL_COMPLETED'],
      ['RESUBMIT_CORRECTIONS', 'RESUBMIT_CORRECTIONS'],
      ['PRINT_BAST_BNBA', 'PRINT_BAST_BNBA'],
    ]);
  });
});
