import { ValidationFailed } from './errors';
import {
  ALLOCATION_LIST,
  allocationRecordList,
  EVIDENCE_LIST,
  PROGRAMME_LIST,
  programmeRecordList,
  PROPOSAL_LIST,
  SK_LIST,
  SK_RECIPIENT_LIST,
  RECORD_LIST_KINDS,
} from './list-specs';
import {
  decodeCursor,
  encodeCursor,
  parseListQuery,
  type FilterDef,
  type ListSpec,
} from './listing';
import { USER_LIST } from './user-admin';

const EVERY_LIST: ListSpec<object>[] = [
  PROGRAMME_LIST,
  ALLOCATION_LIST,
  PROPOSAL_LIST,
  SK_LIST,
  SK_RECIPIENT_LIST,
  EVIDENCE_LIST,
  USER_LIST,
  ...RECORD_LIST_KINDS.flatMap((kind) => [programmeRecordList(kind), allocationRecordList(kind)]),
];

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.problems;
    throw error;
  }
  throw new Error('expected ValidationFailed');
};

describe('list filters', () => {
  it('read the allocation filters: programme (either id), kecamatan, step, stuck', () => {
    expect(
      parseListQuery(ALLOCATION_LIST, {
        programme: 'programme-jps-2021',
        kecamatan: '33.74.01',
        step: 'inspection',
        stuck: 'true',
      }).filters,
    ).toEqual({ programme: 'jps-2021', kecamatan: '33.74.01', step: 'inspection', stuck: true });
    expect(
      fieldsOf(() =>
        parseListQuery(ALLOCATION_LIST, { kecamatan: '3374', step: 'packed-up', stuck: '1' }),
      ),
    ).toEqual([
      { field: 'kecamatan', reason: 'must be a kecamatan code like 33.74.01' },
      { field: 'step', reason: expect.stringMatching(/^must be one of quota-letter, /) },
      { field: 'stuck', reason: 'must be true or false' },
    ]);
  });

  it('read proposal filters against the stored states and verval reason codes', () => {
    expect(
      parseListQuery(PROPOSAL_LIST, {
        status: 'rejected',
        reason: 'NOT_RESIDENT',
        kelurahan: '33.74.01.1001',
      }).filters,
    ).toEqual({ status: 'rejected', reason: 'NOT_RESIDENT', kelurahan: '33.74.01.1001' });
    expect(
      fieldsOf(() => parseListQuery(PROPOSAL_LIST, { status: 'REJECTED', reason: 'nope' })).map(
        (p) => p.field,
      ),
    ).toEqual(['status', 'reason']);
  });

  it('refuse a filter a list does not have', () => {
    expect(fieldsOf(() => parseListQuery(SK_LIST, { kecamatan: '33.74.01' }))).toEqual([
      { field: 'kecamatan', reason: expect.stringMatching(/^is not a parameter of this list/) },
    ]);
    expect(parseListQuery(programmeRecordList('complaints'), { kecamatan: '33.74.16' })).toEqual(
      expect.objectContaining({ list: 'records-complaints', filters: { kecamatan: '33.74.16' } }),
    );
  });
});

describe('every list', () => {
  it('keeps the name its cursors carry, so a cursor a client holds stays valid', () => {
    expect(EVERY_LIST.map((list) => list.name)).toEqual([
      'programmes',
      'allocations',
      'proposals',
      'sk',
      'sk-recipients',
      'evidence',
      'users',
      ...RECORD_LIST_KINDS.flatMap((kind) => [`records-${kind}`, `records-${kind}`]),
    ]);
  });

  it('takes back the cursors it writes, positions of the kinds it sorts by', () => {
    const sample = {
      integer: '42',
      uuid: '0b7e5c36-2f0d-4c8e-9a55-3f1f0d2f6a11',
      timestamp: '2021-07-20T03:15:00.123Z',
      code: '33.74.01',
      token: 'CgZhYmM=',
    };
    for (const list of EVERY_LIST) {
      const position = list.cursor.map((kind) => sample[kind]);
      expect(list.cursor.length).toBeGreaterThan(0);
      expect(decodeCursor(list.name, list.cursor, encodeCursor(list.name, position))).toEqual(
        position,
      );
    }
    expect(SK_RECIPIENT_LIST.cursor).toEqual(['code', 'code', 'uuid']);
    expect(PROPOSAL_LIST.cursor).toEqual(['integer']);
  });

  it('documents each filter with a description and an example its own parser takes', () => {
    for (const list of EVERY_LIST) {
      for (const [field, filter] of Object.entries(list.filters) as [
        string,
        FilterDef<unknown>,
      ][]) {
        expect([list.name, field, filter.description.length > 0]).toEqual([list.name, field, true]);
        expect(filter.parse(filter.example)).toHaveProperty('value');
        for (const value of filter.values ?? []) {
          expect(filter.parse(value)).toHaveProperty('value');
        }
      }
    }
  });

  it('takes the programme by its id, dropping only a leading "programme-"', () => {
    const programme = (text: string) =>
      parseListQuery(SK_LIST, { programme: text }).filters.programme;
    expect(programme('programme-jps-2021')).toBe('jps-2021');
    expect(programme('jps-programme-2021')).toBe('jps-programme-2021');
    expect(fieldsOf(() => parseListQuery(SK_LIST, { programme: 'x-programme-jps 2021' }))).toEqual([
      { field: 'programme', reason: expect.stringMatching(/^must be a programme id/) },
    ]);
  });
});
