import { ValidationFailed } from '../domain/errors';
import {
  formatOf,
  parseAllocationTarget,
  parseExclusionVersion,
  parseRequestLetter,
} from './target';

const problemsIn = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.problems;
    throw error;
  }
  return [];
};
const problemsOf = (run: () => unknown) => problemsIn(run).map((p) => p.field);

describe('import targets', () => {
  it('takes programme and kecamatan from the allocation workflow id, and shows its form', () => {
    expect(parseAllocationTarget('allocation-jps-2021-33.74.01')).toEqual({
      workflowId: 'allocation-jps-2021-33.74.01',
      programId: 'jps-2021',
      kecamatanCode: '33.74.01',
    });
    expect(problemsIn(() => parseAllocationTarget('programme-jps-2021'))).toEqual([
      {
        field: 'allocationId',
        reason:
          'must look like allocation-<programId>-<kecamatanCode>, e.g. allocation-jps-2021-33.74.01',
      },
    ]);
  });

  it('checks the request letter fields together, saying what each must be', () => {
    expect(
      parseRequestLetter({
        letterNo: ' 470/12 ',
        letterDate: '2021-07-12',
        acknowledgedByCamat: 'true',
        submittedBy: 'operator-1',
      }),
    ).toEqual({
      letterNo: '470/12',
      letterDate: '2021-07-12',
      acknowledgedByCamat: true,
      submittedBy: 'operator-1',
    });
    expect(
      problemsIn(() => parseRequestLetter({ letterDate: '12-07-2021', acknowledgedByCamat: 'no' })),
    ).toEqual([
      { field: 'letterNo', reason: 'is required, 1-100 characters' },
      { field: 'letterDate', reason: 'must be a date YYYY-MM-DD' },
      {
        field: 'acknowledgedByCamat',
        reason: 'must be true: the request letter must be acknowledged by the Camat',
      },
      { field: 'submittedBy', reason: 'is required, 1-120 characters' },
    ]);
  });

  it('checks the exclusion register and its version fields', () => {
    expect(
      parseExclusionVersion('pkh', {
        versionLabel: '2021-06',
        validOn: '2021-06-30',
        source: 'Kemensos',
      }),
    ).toMatchObject({ register: 'PKH' });
    expect(problemsOf(() => parseExclusionVersion('XYZ', { validOn: '2021-02-30' }))).toEqual([
      'register',
      'versionLabel',
      'validOn',
      'source',
    ]);
  });

  it('knows the two formats', () => {
    expect(formatOf('Usulan.XLSX')).toBe('xlsx');
    expect(formatOf('usulan.csv')).toBe('csv');
    expect(problemsOf(() => formatOf('usulan.xls'))).toEqual(['file']);
  });

  const letter = {
    letterNo: '470/12',
    letterDate: '2021-07-12',
    acknowledgedByCamat: 'true',
    submittedBy: 'operator-1',
  };

  it('takes the Camat’s acknowledgement as docs/import.md lists it, in any case', () => {
    for (const yes of [true, 'true', ' TRUE ', '1', 'yes', 'Ya']) {
      expect(parseRequestLetter({ ...letter, acknowledgedByCamat: yes }).acknowledgedByCamat).toBe(
        true,
      );
    }
    for (const no of [false, 'false', '0', 'no', '', 1, undefined]) {
      expect(problemsOf(() => parseRequestLetter({ ...letter, acknowledgedByCamat: no }))).toEqual([
        'acknowledgedByCamat',
      ]);
    }
  });

  it('takes text fields up to their maximum length, and text only', () => {
    const version = { versionLabel: 'Juli 2021', validOn: '2021-07-01', source: 'Kemensos DTKS' };
    for (const [field, max] of [
      ['letterNo', 100],
      ['submittedBy', 120],
    ] as const) {
      expect(parseRequestLetter({ ...letter, [field]: 'x'.repeat(max) })[field]).toHaveLength(max);
      expect(
        problemsOf(() => parseRequestLetter({ ...letter, [field]: 'x'.repeat(max + 1) })),
      ).toEqual([field]);
      expect(problemsOf(() => parseRequestLetter({ ...letter, [field]: 470 }))).toEqual([field]);
    }
    for (const [field, max] of [
      ['versionLabel', 60],
      ['source', 200],
    ] as const) {
      expect(
        parseExclusionVersion('BST', { ...version, [field]: 'x'.repeat(max) })[field],
      ).toHaveLength(max);
      expect(
        problemsOf(() =>
          parseExclusionVersion('BST', { ...version, [field]: 'x'.repeat(max + 1) }),
        ),
      ).toEqual([field]);
    }
    expect(parseExclusionVersion(' isoman ', { ...version, validOn: ' 2021-07-01 ' })).toEqual({
      register: 'ISOMAN',
      ...version,
    });
    expect(problemsOf(() => parseRequestLetter({ ...letter, letterDate: 20210712 }))).toEqual([
      'letterDate',
    ]);
  });
});
