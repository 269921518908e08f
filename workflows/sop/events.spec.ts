import fc from 'fast-check';
import {
  EVENT_RULES,
  SOP_EVENT_TYPES,
  isCalendarDate,
  validateEventPayload,
} from '../../libs/sop/events';
import type { SopEventType } from '../../libs/sop/events';
import { ALL_SAMPLES, sampleOf } from './sop.fixtures';

const problemsOf = (event: unknown) => {
  const result = validateEventPayload(event);
  return result.ok ? [] : result.problems;
};

/** Every count field of every event, so the count property covers them all. */
const COUNT_FIELDS: [SopEventType, string][] = [
  ['SUBMIT_PROPOSALS', 'proposedCount'],
  ['VERVAL_COMPLETED', 'accepted'],
  ['VERVAL_COMPLETED', 'rejected'],
  ['RESUBMIT_CORRECTIONS', 'resubmitted'],
  ['RESUBMIT_CORRECTIONS', 'withdrawn'],
  ['REPORT_PACKING', 'packedCount'],
  ['INSPECT', 'inspectedCount'],
  ['INSPECT', 'passedCount'],
  ['HAND_OVER', 'handedOverCount'],
  ['CONFIRM_DELIVERY', 'deliveredCount'],
  ['RESOLVE_DISCREPANCY', 'deliveredCount'],
  ['RECORD_DISTRIBUTION', 'distributedCount'],
];

describe('the event catalogue', () => {
  it('has one rule for each event type', () => {
    expect(Object.keys(EVENT_RULES).sort()).toEqual([...SOP_EVENT_TYPES].sort());
  });

  it('lets city-wide events come only from the programme, and others never from it', () => {
    for (const type of SOP_EVENT_TYPES) {
      const { roles, cityWide } = EVENT_RULES[type];
      expect(roles.includes('programme')).toBe(cityWide);
      expect(roles.length).toBeGreaterThan(0);
      if (cityWide) expect(roles).toEqual(['programme']);
    }
  });

  it('lists every count field of every event in the property below', () => {
    for (const event of ALL_SAMPLES) {
      for (const [field, value] of Object.entries(event)) {
        if (typeof value === 'number') expect(COUNT_FIELDS).toContainEqual([event.type, field]);
      }
    }
  });
});

describe('validateEventPayload', () => {
  it('accepts a well-formed event of every type and returns a copy', () => {
    for (const event of ALL_SAMPLES) {
      const result = validateEventPayload(event);
      expect(result).toEqual({ ok: true, event });
      if (result.ok) expect(result.event).not.toBe(event);
    }
  });

  it('names the type when it is unknown or missing', () => {
    expect(problemsOf({ type: 'APPROVE_EVERYTHING' })).toEqual([
      { field: 'type', reason: expect.stringContaining('must be one of the SOP events') },
    ]);
    expect(problemsOf({ skNo: '1' })).toEqual([{ field: 'type', reason: expect.any(String) }]);
    expect(problemsOf(null)).toEqual([{ field: 'type', reason: 'the event must be an object' }]);
    expect(problemsOf(['SIGN_SPK'])).toEqual([
      { field: 'type', reason: 'the event must be an object' },
    ]);
  });

  it('names every bad field at once', () => {
    expect(
      problemsOf({
        type: 'SUBMIT_REQUEST_LETTER',
        letterNo: '',
        letterDate: '2021-02-29',
        acknowledgedByCamat: 'yes',
      }),
    ).toEqual([
      { field: 'letterNo', reason: expect.stringContaining('must be an id or document number') },
      { field: 'letterDate', reason: 'must be a calendar date written YYYY-MM-DD' },
      { field: 'acknowledgedByCamat', reason: 'must be true or false' },
    ]);
    expect(problemsOf({ type: 'REPORT_PACKING' })).toEqual([
      { field: 'packedCount', reason: 'must be a whole number >= 0' },
    ]);
  });

  it('refuses fields the event does not define, so lists of persons cannot ride along', () => {
    const event = { ...sampleOf('SUBMIT_PROPOSALS'), niks: ['3374010101010001'] };
    expect(problemsOf(event)).toEqual([
      { field: 'niks', reason: 'is not a field of SUBMIT_PROPOSALS' },
    ]);
    expect(problemsOf({ type: 'DECLARE_PACKED', packedCount: 3 })).toEqual([
      { field: 'packedCount', reason: 'is not a field of DECLARE_PACKED' },
    ]);
  });

  it('refuses NIK-like numbers in ids and free text', () => {
    const nik = '3374010101010001';
    expect(problemsOf({ type: 'REJECT_SK', reason: `remove ${nik}, already on PKH` })).toEqual([
      { field: 'reason', reason: 'must not contain a NIK or KK number (16 digits)' },
    ]);
    expect(problemsOf({ type: 'RECORD_COMPLAINT', complaintId: nik, needsAction: true })).toEqual([
      { field: 'complaintId', reason: 'must not contain a NIK or KK number (16 digits)' },
    ]);
  });

  it('checks free text and the optional inspection reason', () => {
    expect(problemsOf({ type: 'REJECT_SK', reason: '   ' })).toEqual([
      { field: 'reason', reason: 'must be text of 1-500 characters' },
    ]);
    expect(problemsOf({ type: 'REJECT_SK', reason: 'x'.repeat(501) })).toHaveLength(1);
    const inspect = sampleOf('INSPECT');
    expect(problemsOf({ ...inspect, reason: 'torn bags' })).toEqual([]);
    expect(problemsOf({ ...inspect, reason: 42 })).toEqual([
      { field: 'reason', reason: 'must be text of 1-500 characters' },
    ]);
  });

  it('checks kelurahan codes one by one', () => {
    expect(problemsOf({ type: 'PRINT_BAST_BNBA', kelurahanCodes: [] })).toEqual([
      { field: 'kelurahanCodes', reason: 'must be a list of 1-200 kelurahan codes' },
    ]);
    expect(
      problemsOf({
        type: 'PRINT_BAST_BNBA',
        kelurahanCodes: ['33.74.01.1001', '33.74.01', '33.74.01.1001', 7],
      }),
    ).toEqual([
      { field: 'kelurahanCodes[1]', reason: 'must be a kelurahan code like 33.74.01.1001' },
      { field: 'kelurahanCodes[2]', reason: 'lists 33.74.01.1001 twice' },
      { field: 'kelurahanCodes[3]', reason: 'must be a kelurahan code like 33.74.01.1001' },
    ]);
    expect(problemsOf({ type: 'RECORD_SIGNED_BAST', kelurahanCode: '33.74.1.1001' })).toEqual([
      { field: 'kelurahanCode', reason: 'must be a kelurahan code like 33.74.01.1001' },
    ]);
  });

  it('refuses a negative, fractional or non-numeric count in every count field (property)', () => {
    const badCount = fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 53, '3', null, true),
    );
    fc.assert(
      fc.property(fc.constantFrom(...COUNT_FIELDS), badCount, ([type, field], value) => {
        const event = { ...sampleOf(type), [field]: value };
        expect(problemsOf(event)).toEqual([{ field, reason: 'must be a whole number >= 0' }]);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts any whole count >= 0 in every count field (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COUNT_FIELDS),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        ([type, field], value) => {
          expect(problemsOf({ ...sampleOf(type), [field]: value })).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts exactly the real calendar dates (property)', () => {
    const day = fc.date({
      min: new Date('1900-01-01'),
      max: new Date('2199-12-31'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, (d) => {
        expect(isCalendarDate(d.toISOString().slice(0, 10))).toBe(true);
      }),
    );
    for (const bad of ['2021-13-01', '2021-04-31', '2021-7-1', '21-07-01', '2021-07-01T00:00']) {
      expect(isCalendarDate(bad)).toBe(false);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });
});
