import fc from 'fast-check';
import {
  EVENT_RULES,
  SOP_EVENT_TYPES,
  isCalendarDate,
  isSopEventType,
  validateEventPayload,
} from '@salur/libs/sop/events';
import { ROLES, isRole } from '@salur/libs/sop/roles';
import type { SopEventType } from '@salur/libs/sop/events';
import { ALL_SAMPLES, sampleOf } from './sop.fixtures';

const problemsOf = (event: unknown) => {
  const result = validateEventPayload(event, 'command');
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

/** Every amount of rupiah: whole rupiah, at least 1. */
const RUPIAH_FIELDS: [SopEventType, string][] = [
  ['DRAFT_SK', 'amountPerKpm'],
  ['SIGN_SPK', 'parcelValue'],
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
        if (typeof value === 'number') {
          expect([...COUNT_FIELDS, ...RUPIAH_FIELDS]).toContainEqual([event.type, field]);
        }
      }
    }
  });
});

describe('validateEventPayload', () => {
  it('accepts a well-formed event of every type and returns a copy', () => {
    for (const event of ALL_SAMPLES) {
      const result = validateEventPayload(event, 'command');
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
      { field: 'camat', reason: 'must be the official who signs: { name, nip? }' },
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
    const complaint = sampleOf('RECORD_COMPLAINT');
    expect(problemsOf({ ...complaint, complaintId: nik })).toEqual([
      { field: 'complaintId', reason: 'must not contain a NIK or KK number (16 digits)' },
    ]);
    expect(problemsOf({ ...complaint, description: `warga NIK ${nik} tidak menerima` })).toEqual([
      { field: 'description', reason: 'must not contain a NIK or KK number (16 digits)' },
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
    // An invalid code listed twice is one mistake a line, not also a duplicate.
    expect(
      problemsOf({ type: 'PRINT_BAST_BNBA', kelurahanCodes: ['33.74.01', '33.74.01'] }),
    ).toEqual([
      { field: 'kelurahanCodes[0]', reason: 'must be a kelurahan code like 33.74.01.1001' },
      { field: 'kelurahanCodes[1]', reason: 'must be a kelurahan code like 33.74.01.1001' },
    ]);
    for (const kelurahanCode of ['33.74.1.1001', 'kel 33.74.01.1001', '33.74.01.10012']) {
      expect(problemsOf({ type: 'RECORD_SIGNED_BAST', kelurahanCode })).toEqual([
        { field: 'kelurahanCode', reason: 'must be a kelurahan code like 33.74.01.1001' },
      ]);
    }
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

describe('the shape of ids, dates, text and kelurahan lists', () => {
  const spk = (spkNo: unknown) => problemsOf({ ...sampleOf('SIGN_SPK'), spkNo });
  const idReason = 'must be an id or document number: 1-100 letters, digits, spaces or . _ / : -';

  it('takes a document number of 1 to 100 characters starting with a letter or digit', () => {
    for (const ok of ['7', 'SPK/027/2021', 'no. 027_b:2021-07 A', `S${'p'.repeat(99)}`]) {
      expect([ok, spk(ok)]).toEqual([ok, []]);
    }
    for (const bad of [
      '',
      `S${'p'.repeat(100)}`,
      '-SPK/027',
      ' SPK/027',
      'SPK/027 ',
      'SPK#027',
      'SPK 027, 028',
      'SPK\n027',
      7,
    ]) {
      expect([bad, spk(bad)]).toEqual([bad, [{ field: 'spkNo', reason: idReason }]]);
    }
  });

  it('keeps NIK and KK numbers out, but not shorter numbers', () => {
    expect(spk('SPK-337401010101000')).toEqual([]);
    const reject = (reason: string) => problemsOf({ type: 'REJECT_SK', reason });
    expect(reject('phone 081234567890123 asked about the list')).toEqual([]);
    for (const nik of ['3374010101010001', '33740101010100012']) {
      expect(reject(`remove ${nik} from the annex`)).toEqual([
        { field: 'reason', reason: 'must not contain a NIK or KK number (16 digits)' },
      ]);
    }
  });

  it('takes free text of up to 500 characters', () => {
    const reject = (reason: unknown) => problemsOf({ type: 'REJECT_SK', reason });
    expect(reject('x'.repeat(500))).toEqual([]);
    for (const bad of ['', 'x'.repeat(501), ['totals differ']]) {
      expect(reject(bad)).toEqual([
        { field: 'reason', reason: 'must be text of 1-500 characters' },
      ]);
    }
  });

  it('lets the inspection reason be left out, also as an explicit undefined', () => {
    const inspect = sampleOf('INSPECT');
    expect(validateEventPayload({ ...inspect, reason: undefined }, 'command')).toEqual({
      ok: true,
      event: inspect,
    });
  });

  it('prints lists of up to 200 kelurahan', () => {
    const codes = (n: number) => Array.from({ length: n }, (_, i) => `33.74.01.${1000 + i}`);
    expect(problemsOf({ type: 'PRINT_BAST_BNBA', kelurahanCodes: codes(200) })).toEqual([]);
    for (const bad of [codes(201), '33.74.01.1001', undefined]) {
      expect(problemsOf({ type: 'PRINT_BAST_BNBA', kelurahanCodes: bad })).toEqual([
        { field: 'kelurahanCodes', reason: 'must be a list of 1-200 kelurahan codes' },
      ]);
    }
  });

  it('reads a date only as YYYY-MM-DD of a real day, leap days included', () => {
    for (const ok of ['2021-01-01', '2021-12-31', '2021-02-28', '2000-02-29', '2024-02-29']) {
      expect([ok, isCalendarDate(ok)]).toEqual([ok, true]);
    }
    for (const bad of [
      '2021-00-10',
      '2021-07-00',
      '2021-06-31',
      '2023-02-29',
      '1900-02-29',
      '02021-07-01',
      '20210-07-01',
      '2021-007-01',
      '2021-07-001',
      ' 2021-07-01',
      'on 2021-07-01',
      '2021/07/01',
      'YYYY-MM-DD',
    ]) {
      expect([bad, isCalendarDate(bad)]).toEqual([bad, false]);
    }
  });

  it('lists the SOP events when the type is not one of them', () => {
    const [problem] = problemsOf({ type: 'SKIP_TO_DELIVERY' });
    expect(problem.reason).toBe(`must be one of the SOP events (${SOP_EVENT_TYPES.join(', ')})`);
    expect(problem.reason).toContain('(SEND_QUOTA_LETTER, SUBMIT_REQUEST_LETTER, ');
    expect(problemsOf('SIGN_SPK')).toEqual([
      { field: 'type', reason: 'the event must be an object' },
    ]);
  });

  it('knows the SOP events and roles by name, and nothing else', () => {
    for (const type of SOP_EVENT_TYPES) expect(isSopEventType(type)).toBe(true);
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const other of [
      '',
      'sign_spk',
      'TIM_DATA',
      'toString',
      7,
      null,
      undefined,
      ['SIGN_SPK'],
    ]) {
      expect([other, isSopEventType(other), isRole(other)]).toEqual([other, false, false]);
    }
  });
});

describe('document facts', () => {
  it('are required of a new command, each missing one named with what it must be', () => {
    expect(problemsOf({ type: 'SIGN_SPK', spkNo: 'SPK/027/2021', vendorId: 'vendor-7' })).toEqual([
      { field: 'vendorName', reason: 'must be text of 1-500 characters' },
      { field: 'items', reason: 'must be a list of 1-30 items { name, quantity, unit }' },
      { field: 'parcelValue', reason: 'must be a whole number of rupiah from 1 to 1000000000' },
      { field: 'startDate', reason: 'must be a calendar date written YYYY-MM-DD' },
      { field: 'endDate', reason: 'must be a calendar date written YYYY-MM-DD' },
    ]);
    expect(problemsOf({ type: 'SIGN_OFF_MONEV', reportNo: 'BA-MONEV-1' })).toEqual([
      {
        field: 'assessment',
        reason: 'must be the monev assessment: { onTime, onTarget, useful }, each true or false',
      },
      { field: 'reportedToTimPembinaOn', reason: 'must be a calendar date written YYYY-MM-DD' },
    ]);
    expect(
      problemsOf({ type: 'RECORD_COMPLAINT', complaintId: 'A-1', needsAction: false }).map(
        (p) => p.field,
      ),
    ).toEqual(['kelurahanCode', 'kind', 'source', 'description']);
  });

  it('may be absent from an event recorded before the documents existed', () => {
    for (const event of [
      { type: 'SIGN_SPK', spkNo: 'SPK/027/2021', vendorId: 'vendor-7' },
      { type: 'DRAFT_SK', skDraftId: 'draft-1' },
      {
        type: 'SUBMIT_REQUEST_LETTER',
        letterNo: 'K/1',
        letterDate: '2021-07-08',
        acknowledgedByCamat: true,
      },
      { type: 'RECORD_COMPLAINT', complaintId: 'A-1', needsAction: false },
      { type: 'SIGN_OFF_MONEV', reportNo: 'BA-MONEV-1' },
      { type: 'SCHEDULE_DELIVERY', deliveryDate: '2021-07-24' },
    ]) {
      expect(validateEventPayload(event, 'recorded')).toEqual({ ok: true, event });
      expect(validateEventPayload(event, 'command').ok).toBe(false);
    }
  });

  it('check each part: officials, items, amounts, kinds', () => {
    const letter = sampleOf('SUBMIT_REQUEST_LETTER');
    expect(
      problemsOf({ ...letter, camat: { name: 'Drs. H. Bambang, M.Si', nip: '1968' } }),
    ).toEqual([
      {
        field: 'camat.nip',
        reason:
          'must be an NIP: 18 digits (date of birth, appointment, sex, serial), like 19680512 199403 1 007',
      },
    ]);
    expect(problemsOf({ ...letter, camat: { name: '12 Camat' } })).toEqual([
      { field: 'camat.name', reason: "must be a name of 1-100 letters, spaces or . , ' -" },
    ]);
    expect(problemsOf({ ...letter, camat: { name: 'Ni Ketut Sri Rahayu' } })).toEqual([]);
    const spk = sampleOf('SIGN_SPK');
    expect(
      problemsOf({
        ...spk,
        items: [
          { name: 'Beras', quantity: 10.005, unit: 'kg' },
          { name: 'Gula', quantity: 0.25, unit: '1 kg' },
          { name: 'Minyak', quantity: 0, unit: 'liter' },
        ],
        parcelValue: 199_999.5,
      }),
    ).toEqual([
      {
        field: 'items[0].quantity',
        reason: 'must be a number above 0, at most 10000, with at most 2 decimals',
      },
      {
        field: 'items[1].unit',
        reason: 'must be a unit of 1-20 letters, like kg, liter or bungkus',
      },
      {
        field: 'items[2].quantity',
        reason: 'must be a number above 0, at most 10000, with at most 2 decimals',
      },
      { field: 'parcelValue', reason: 'must be a whole number of rupiah from 1 to 1000000000' },
    ]);
    const complaint = sampleOf('RECORD_COMPLAINT');
    expect(problemsOf({ ...complaint, kind: 'rusak', source: 'twitter' })).toEqual([
      {
        field: 'kind',
        reason:
          'must be one of tidak_menerima, kualitas_barang, jumlah_kurang, salah_sasaran, jadwal, lainnya',
      },
      {
        field: 'source',
        reason: 'must be one of warga, rt_rw, kelurahan, kecamatan, media, lainnya',
      },
    ]);
  });
});
