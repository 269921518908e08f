import { ValidationFailed } from './errors';
import { parseCommandBody, parseStartProgramme } from './programme';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.problems.map((p) => p.field);
    throw error;
  }
  throw new Error('expected ValidationFailed');
};

describe('parseStartProgramme', () => {
  it('accepts a programme with its allocations', () => {
    expect(
      parseStartProgramme({
        programId: 'jps-2021',
        allocations: [{ kecamatanCode: '33.74.01', quota: 4200 }],
      }),
    ).toEqual({ programId: 'jps-2021', allocations: [{ kecamatanCode: '33.74.01', quota: 4200 }] });
  });

  it('names every bad field, with its index in the list', () => {
    expect(
      fieldsOf(() =>
        parseStartProgramme({
          programId: 'JPS 2021',
          allocations: [
            { kecamatanCode: '3374', quota: 10 },
            { kecamatanCode: '33.74.02', quota: 2.5 },
            { kecamatanCode: '33.74.02', quota: 5 },
          ],
        }),
      ),
    ).toEqual([
      'programId',
      'allocations[0].kecamatanCode',
      'allocations[1].quota',
      'allocations[2].kecamatanCode',
    ]);
  });

  it('refuses an empty list and a body that is not an object', () => {
    expect(fieldsOf(() => parseStartProgramme({ programId: 'jps-2021', allocations: [] }))).toEqual(
      ['allocations'],
    );
    expect(fieldsOf(() => parseStartProgramme('jps'))).toEqual(['body']);
  });
});

describe('parseCommandBody', () => {
  it('defaults the payload to an empty object, with or without a body', () => {
    expect(parseCommandBody({})).toEqual({ payload: {} });
    expect(parseCommandBody(undefined)).toEqual({ payload: {} });
  });

  it('ignores a role or actor sent in the body: the token says who acts', () => {
    expect(
      parseCommandBody({ role: 'tim_data', actorId: 'u-17', payload: { letterNo: 'SE-1' } }),
    ).toEqual({ payload: { letterNo: 'SE-1' } });
  });

  it('names a payload that is not an object', () => {
    expect(fieldsOf(() => parseCommandBody({ payload: [] }))).toEqual(['payload']);
    expect(fieldsOf(() => parseCommandBody('x'))).toEqual(['body']);
  });
});
