import type { AuthUser } from './auth';
import { fullNikRefusal, mayReadDocument, parseNikDisplay } from './documents';
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

describe("which of an allocation's papers a user reads", () => {
  const lurah: AuthUser = {
    id: 'k',
    role: 'kelurahan_operator',
    kecamatanCode: '33.74.01',
    kelurahanCode: '33.74.01.1001',
  };
  const paper = (kelurahanCode: string | null, personalData: boolean) => ({
    kelurahanCode,
    personalData,
  });

  it("keeps a kelurahan operator to its own kelurahan's papers and to papers listing nobody", () => {
    expect(mayReadDocument(lurah, paper('33.74.01.1001', true))).toBe(true);
    expect(mayReadDocument(lurah, paper('33.74.01.1002', true))).toBe(false);
    expect(mayReadDocument(lurah, paper('33.74.01.1002', false))).toBe(false);
    // The kecamatan's and programme's papers: the counts yes, the SK's list of persons no.
    expect(mayReadDocument(lurah, paper(null, false))).toBe(true);
    expect(mayReadDocument(lurah, paper(null, true))).toBe(false);
  });

  it('lets the other roles the route admits read every paper of the allocation', () => {
    for (const role of ['kecamatan_operator', 'dinsos_admin', 'tim_data', 'auditor'] as const) {
      const reader: AuthUser = { id: 'r', role, kecamatanCode: '33.74.01' };
      expect(mayReadDocument(reader, paper('33.74.01.1002', true))).toBe(true);
      expect(mayReadDocument(reader, paper(null, true))).toBe(true);
    }
  });
});
