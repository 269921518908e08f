import { ValidationFailed } from './errors';
import { allocationWorkflowId, parseStartAllocation } from './allocation';

describe('parseStartAllocation', () => {
  it('accepts a well-formed command', () => {
    expect(
      parseStartAllocation({ programId: 'jps-2021', kecamatanCode: '33.74.01', quota: 5000 }),
    ).toEqual({ programId: 'jps-2021', kecamatanCode: '33.74.01', quota: 5000 });
  });

  it('names every bad field with its reason', () => {
    try {
      parseStartAllocation({ programId: 'JPS 2021', kecamatanCode: '3374', quota: -1 });
      throw new Error('expected ValidationFailed');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      const fields = (error as ValidationFailed).problems.map((p) => p.field);
      expect(fields).toEqual(['programId', 'kecamatanCode', 'quota']);
    }
  });

  it('refuses a body that is not an object', () => {
    expect(() => parseStartAllocation('quota=5')).toThrow('body: must be a JSON object');
  });

  it('refuses a fractional quota', () => {
    expect(() =>
      parseStartAllocation({ programId: 'jps-2021', kecamatanCode: '33.74.01', quota: 2.5 }),
    ).toThrow('quota');
  });
});

describe('allocationWorkflowId', () => {
  it('is built from programme and kecamatan only', () => {
    expect(allocationWorkflowId('jps-2021', '33.74.01')).toBe('allocation-jps-2021-33.74.01');
  });
});
