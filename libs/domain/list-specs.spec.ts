import { ValidationFailed } from './errors';
import { ALLOCATION_LIST, programmeRecordList, PROPOSAL_LIST, SK_LIST } from './list-specs';
import { parseListQuery } from './listing';

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
