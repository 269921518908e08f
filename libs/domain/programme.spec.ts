import { ValidationFailed } from './errors';
import {
  parseCommandBody,
  parseCommandName,
  parseStartProgramme,
  programmeWorkflowId,
} from './programme';

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
    ).toEqual({
      programId: 'jps-2021',
      kotaCode: '33.74',
      allocations: [{ kecamatanCode: '33.74.01', quota: 4200 }],
      settings: {},
    });
  });

  it("belongs to the kabupaten/kota it names, and takes only that kota's kecamatan", () => {
    const bandung = (kecamatanCode: string, kotaCode: unknown = '32.73') =>
      parseStartProgramme({
        programId: 'bansos-bdg',
        kotaCode,
        allocations: [{ kecamatanCode, quota: 10 }],
      });
    expect(bandung('32.73.01').kotaCode).toBe('32.73');
    expect(fieldsOf(() => bandung('33.74.01'))).toEqual(['allocations[0].kecamatanCode']);
    expect(fieldsOf(() => bandung('32.73.01', 'Bandung'))).toEqual(['kotaCode']);
    try {
      bandung('33.74.01');
    } catch (error) {
      expect((error as ValidationFailed).problems[0].reason).toBe(
        '33.74.01 is not a kecamatan of kabupaten/kota 32.73',
      );
    }
  });

  it('takes the settings it knows, checked, and names every bad one', () => {
    const start = (settings: unknown) =>
      parseStartProgramme({
        programId: 'jps-2021',
        allocations: [{ kecamatanCode: '33.74.01', quota: 1 }],
        settings,
      });
    expect(
      start({
        stepSla: '48h',
        slaByStep: { inspection: '4h' },
        deliveryGrace: '2d',
        amountPerKpm: 600_000,
        exclusionRegisters: ['PKH', 'BST'],
      }).settings,
    ).toEqual({
      stepSlaMs: 48 * 3_600_000,
      slaByStepMs: { inspection: 4 * 3_600_000 },
      deliveryGraceMs: 2 * 86_400_000,
      amountPerKpm: 600_000,
      exclusionRegisters: ['PKH', 'BST'],
    });
    expect(
      fieldsOf(() =>
        start({
          stepSla: 48,
          slaByStep: { inspektion: '4h', verval: '0h' },
          deliveryGrace: 'soon',
          amountPerKpm: 0.5,
          exclusionRegisters: ['PKH', 'PKH'],
          quota: 1,
        }),
      ),
    ).toEqual([
      'settings.quota',
      'settings.stepSla',
      'settings.deliveryGrace',
      'settings.slaByStep.inspektion',
      'settings.slaByStep.verval',
      'settings.amountPerKpm',
      'settings.exclusionRegisters',
    ]);
    expect(fieldsOf(() => start([]))).toEqual(['settings']);
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

describe('parseStartProgramme limits', () => {
  const start = (programId: unknown, quota: unknown = 1) =>
    fieldsOf(() =>
      parseStartProgramme({ programId, allocations: [{ kecamatanCode: '33.74.01', quota }] }),
    );
  const accepted = (programId: unknown, quota: unknown = 1) => {
    expect(() =>
      parseStartProgramme({ programId, allocations: [{ kecamatanCode: '33.74.01', quota }] }),
    ).not.toThrow();
  };

  it('takes a programme id of 2 to 63 lower-case letters, digits and dashes', () => {
    accepted('j2');
    accepted(`j${'-'.repeat(62)}`);
    for (const bad of ['j', `j${'x'.repeat(63)}`, '-jps', 'Jps-2021', 'jps_2021', 42]) {
      expect(start(bad)).toEqual(['programId']);
    }
  });

  it('takes a quota of 1 to 1,000,000 parcels', () => {
    accepted('jps', 1);
    accepted('jps', 1_000_000);
    for (const bad of [0, 1_000_001, '10', Number.NaN]) {
      expect(start('jps', bad)).toEqual(['allocations[0].quota']);
    }
  });

  it('names an allocation that is not an object, and keeps only the fields it knows', () => {
    expect(
      fieldsOf(() => parseStartProgramme({ programId: 'jps', allocations: ['33.74.01', null] })),
    ).toEqual(['allocations[0]', 'allocations[1]']);
    expect(
      parseStartProgramme({
        programId: 'jps',
        allocations: [{ kecamatanCode: '33.74.01', quota: 3, vendor: 'x' }],
      }),
    ).toStrictEqual({
      programId: 'jps',
      kotaCode: '33.74',
      allocations: [{ kecamatanCode: '33.74.01', quota: 3 }],
      settings: {},
    });
  });
});

describe('command names and workflow ids', () => {
  it('takes only a command the workflow knows, listing them otherwise', () => {
    expect(parseCommandName(['SIGN_SK', 'APPROVE_SK'], 'APPROVE_SK')).toBe('APPROVE_SK');
    expect(() => parseCommandName(['SIGN_SK', 'APPROVE_SK'], 'approve_sk')).toThrow(
      'command: must be one of SIGN_SK, APPROVE_SK',
    );
  });

  it('names a programme workflow after the programme only', () => {
    expect(programmeWorkflowId('jps-2021')).toBe('programme-jps-2021');
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
    expect(parseCommandBody(null)).toEqual({ payload: {} });
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
