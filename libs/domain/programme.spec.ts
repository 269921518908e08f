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

describe('parseStartProgramme and NIKs', () => {
  it.each(['3374011203850002', 'jps-3374-0112-0385-0002'])(
    'refuses a programme id holding a NIK (%s): it would be in every workflow id',
    (programId) => {
      const parse = () =>
        parseStartProgramme({ programId, allocations: [{ kecamatanCode: '33.74.01', quota: 1 }] });
      expect(fieldsOf(parse)).toEqual(['programId']);
      expect(parse).toThrow(/NIK/);
    },
  );

  it('takes a programme id with a year and a number', () => {
    expect(
      parseStartProgramme({
        programId: 'jps-2021-1765100000',
        allocations: [{ kecamatanCode: '33.74.01', quota: 1 }],
      }).programId,
    ).toBe('jps-2021-1765100000');
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

  it.each(['3374 0112 0385 0002', '3374.0112.0385.0002', '33-74-01-12-03-85-0002'])(
    'refuses a follow-up holding a NIK written as %s, naming the field and not the value',
    (nik) => {
      const parse = () =>
        parseCommandBody({ payload: { complaintId: 'C-1', followUp: `called ${nik} again` } });
      expect(fieldsOf(parse)).toEqual(['payload.followUp']);
      expect(parse).toThrow(/NIK/);
      try {
        parse();
      } catch (error) {
        expect(JSON.stringify((error as ValidationFailed).details)).not.toContain(nik);
        expect((error as Error).message).not.toContain(nik);
      }
    },
  );

  it('names a NIK in a nested field or a field name by its path, never repeating it', () => {
    const nik = '3374 0112 0385 0002';
    expect(
      fieldsOf(() =>
        parseCommandBody({ payload: { notes: ['ok', { text: nik }], [nik]: 'x', reason: 'ok' } }),
      ),
    ).toEqual(['payload.notes[1].text', 'payload']);
  });

  it('lets free text without a NIK through unchanged', () => {
    const payload = { complaintId: 'C-1', followUp: 'parcel 12 replaced on 2021-07-14' };
    expect(parseCommandBody({ payload })).toEqual({ payload });
  });
});
