import { contextProblems, validateSopInput } from './context';
import type { SopContext } from './context';
import type { SopEvent } from '@salur/libs/sop/events';
import { applyEvent, serializeSnapshot, startSop } from './sop';
import { KECAMATAN, KELURAHAN, happyPathEvents, sampleOf } from './sop.fixtures';

const INPUT = { kecamatanCode: KECAMATAN, quota: 100 };

const contextAfter = (events: SopEvent[]): SopContext =>
  events.reduce(applyEvent, startSop(INPUT)).context;

/** A completed allocation: accepted = quota, nothing left to pack, everything passed on. */
const completed = () => contextAfter(happyPathEvents(INPUT.quota));

describe('validateSopInput', () => {
  it('needs an object naming the kecamatan and its quota', () => {
    for (const input of [undefined, null, 'kecamatan 33.74.01', 5600]) {
      expect(validateSopInput(input)).toEqual([
        { field: 'input', reason: 'must be an object with kecamatanCode and quota' },
      ]);
    }
    expect(validateSopInput({})).toEqual([
      { field: 'kecamatanCode', reason: 'must be a kecamatan code like 33.74.01' },
      { field: 'quota', reason: 'must be a whole number >= 1' },
    ]);
    expect(validateSopInput({ kecamatanCode: 337401, quota: '5600' })).toHaveLength(2);
  });

  it('takes a quota of one parcel, but not none', () => {
    expect(validateSopInput({ kecamatanCode: KECAMATAN, quota: 1 })).toEqual([]);
    expect(validateSopInput({ kecamatanCode: KECAMATAN, quota: 0 })).toEqual([
      { field: 'quota', reason: 'must be a whole number >= 1' },
    ]);
    for (const kecamatanCode of ['33.74.01.1001', 'kec 33.74.01', '33.74.1']) {
      expect(validateSopInput({ kecamatanCode, quota: 1 })).toEqual([
        { field: 'kecamatanCode', reason: 'must be a kecamatan code like 33.74.01' },
      ]);
    }
  });
});

describe('a new allocation', () => {
  it('has recorded nothing yet: no documents, empty lists, zero counts but the quota', () => {
    const { context } = serializeSnapshot(startSop(INPUT));
    for (const [field, value] of Object.entries(context)) {
      if (field === 'kecamatanCode') expect(value).toBe(KECAMATAN);
      else if (field === 'quota') expect(value).toBe(100);
      else if (field === 'documents') expect(value).toEqual({});
      else if (Array.isArray(value)) expect([field, value]).toEqual([field, []]);
      else expect([field, value]).toEqual([field, 0]);
    }
  });
});

describe('contextProblems', () => {
  // Rounds of verval put persons in every pot at least once: accepted, open, withdrawn, review.
  const vervalRounds: SopEvent[] = [
    sampleOf('SEND_QUOTA_LETTER'),
    sampleOf('SUBMIT_REQUEST_LETTER'),
    { type: 'SUBMIT_PROPOSALS', batchId: 'usulan-1', proposedCount: 10 },
    { type: 'VERVAL_COMPLETED', vervalRunId: 'vv-1', accepted: 5, rejected: 5 },
    { type: 'RESUBMIT_CORRECTIONS', batchId: 'fix-1', resubmitted: 3, withdrawn: 2 },
    { type: 'VERVAL_COMPLETED', vervalRunId: 'vv-2', accepted: 1, rejected: 2 },
  ];

  it('finds nothing wrong along a run, even where every count sits at its limit', () => {
    for (let n = 0; n <= vervalRounds.length; n += 1) {
      expect(contextProblems(contextAfter(vervalRounds.slice(0, n)))).toEqual([]);
    }
    expect(contextProblems(completed())).toEqual([]);
  });

  it('counts every proposed person once: accepted, open, withdrawn or under review', () => {
    const underReview = contextAfter(vervalRounds.slice(0, 5));
    const allPots = contextAfter(vervalRounds);
    expect(contextProblems({ ...underReview, underReview: 2 })).toEqual([
      'accepted, open, withdrawn and under review add up to 9, not 10',
    ]);
    expect(contextProblems({ ...allPots, openRejections: 3 })).toEqual([
      'accepted, open, withdrawn and under review add up to 11, not 10',
    ]);
    expect(contextProblems({ ...allPots, withdrawn: 1 })).toEqual([
      'accepted, open, withdrawn and under review add up to 9, not 10',
    ]);
  });

  it('names each broken rule of a completed allocation', () => {
    const done = completed();
    const elsewhere = '33.74.01.1009';
    const broken: [Partial<SopContext>, string][] = [
      [{ quota: 99 }, 'accepted exceeds the quota'],
      [{ packedThisRound: 1 }, 'packed exceeds ordered'],
      [{ inspected: 99 }, 'passed exceeds inspected'],
      [{ handedOver: 101 }, 'handed over exceeds passed'],
      [{ delivered: 99 }, 'distributed and returned exceed delivered'],
      [
        {
          distributions: done.distributions.map((d, i) =>
            i === 0 ? { ...d, distributedCount: d.distributedCount - 1, returnedCount: 2 } : d,
          ),
        },
        'distributed and returned exceed delivered',
      ],
      [
        {
          distributions: done.distributions.map((d, i) =>
            i === 1 ? { ...d, kelurahanCode: elsewhere } : d,
          ),
        },
        'a distribution names a kelurahan outside the BAST/BNBA lists',
      ],
      [
        { bastCollected: [KELURAHAN[0], elsewhere] },
        'a collected BAST names a kelurahan outside the BAST/BNBA lists',
      ],
    ];
    for (const [patch, problem] of broken) {
      expect(contextProblems({ ...done, ...patch })).toEqual([problem]);
    }
  });

  it('refuses a context of the wrong shape before reading any count', () => {
    const done = completed();
    const lists = [
      'vervalRunIds',
      'correctionBatchIds',
      'skRejections',
      'kelurahanCodes',
      'inspectionIds',
      'inspectionFailures',
      'discrepancyResolutions',
      'distributions',
      'complaints',
      'bastCollected',
    ];
    for (const field of lists) {
      // The broken list would also break the counts' rules; the shape is reported alone.
      const shape = { ...done, [field]: 'not a list', accepted: 101 };
      expect(contextProblems(shape)).toEqual([`${field} is not a list`]);
    }
    const counts = [
      'quota',
      'proposed',
      'underReview',
      'accepted',
      'openRejections',
      'withdrawn',
      'vervalRounds',
      'packedThisRound',
      'inspected',
      'passedInspection',
      'handedOver',
      'delivered',
    ];
    for (const field of counts) {
      for (const value of [-1, 2.5, '3', undefined]) {
        const shape = { ...done, [field]: value };
        expect(contextProblems(shape)).toEqual([`${field} is not a whole number >= 0`]);
      }
    }
    for (const documents of [null, 'SK 463/312/2021']) {
      expect(contextProblems({ ...done, documents } as unknown as SopContext)).toEqual([
        'documents is not an object',
      ]);
    }
    for (const kecamatanCode of ['33.74', 337401]) {
      expect(contextProblems({ ...done, kecamatanCode } as unknown as SopContext)).toEqual([
        'kecamatanCode is not a kecamatan code',
      ]);
    }
  });
});
