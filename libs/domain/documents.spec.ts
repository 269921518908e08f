import type { AuthUser } from './auth';
import { fullNikRefusal, parseNikDisplay } from './documents';
import { ValidationFailed } from './errors';

const user = (role: AuthUser['role']): AuthUser => ({ id: 'u', role });

describe('printing NIKs', () => {
  it('masks unless full is asked for, and names the parameter when it is wrong', () => {
    expect(parseNikDisplay(undefined)).toBe('masked');
    expect(parseNikDisplay('masked')).toBe('masked');
    expect(parseNikDisplay('full')).toBe('full');
    for (const wrong of ['FULL', '', ['full', 'full'], 1]) {
      expect(() => parseNikDisplay(wrong)).toThrow(ValidationFailed);
      expect(() => parseNikDisplay(wrong)).toThrow(/^nik: /);
    }
  });

  it('lets only Dinsos staff print full NIKs', () => {
    expect(fullNikRefusal(user('dinsos_admin'))).toBeUndefined();
    expect(fullNikRefusal(user('tim_data'))).toBeUndefined();
    for (const role of [
      'kecamatan_operator',
      'kelurahan_operator',
      'auditor',
      'rekanan',
    ] as const) {
      expect(fullNikRefusal(user(role))).toMatch(`role ${role} may not print full NIKs`);
    }
  });
});
