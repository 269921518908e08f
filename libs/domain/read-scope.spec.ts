import type { AuthUser } from './auth';
import { CITY_WIDE, readScopeOf } from './read-scope';

const user = (role: AuthUser['role'], extra: Partial<AuthUser> = {}): AuthUser => ({
  id: `u-${role}`,
  role,
  ...extra,
});

describe('readScopeOf', () => {
  it('keeps kecamatan and kelurahan operators to their kecamatan', () => {
    expect(readScopeOf(user('kecamatan_operator', { kecamatanCode: '33.74.01' }))).toEqual({
      kind: 'kecamatan',
      kecamatanCode: '33.74.01',
    });
    expect(
      readScopeOf(
        user('kelurahan_operator', { kecamatanCode: '33.74.02', kelurahanCode: '33.74.02.1001' }),
      ),
    ).toEqual({ kind: 'kecamatan', kecamatanCode: '33.74.02' });
  });

  it('lets city-wide roles and the auditor read every kecamatan', () => {
    for (const role of ['tim_data', 'dinsos_admin', 'auditor', 'rekanan'] as const) {
      expect(readScopeOf(user(role))).toBe(CITY_WIDE);
    }
  });

  it('refuses to make a scope for an area role without its kecamatan', () => {
    expect(() => readScopeOf(user('kecamatan_operator'))).toThrow(/without a kecamatan/);
  });
});
