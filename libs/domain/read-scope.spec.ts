import type { AuthUser } from './auth';
import { CITY_WIDE, readScopeOf, scopeIncludesAllocation } from './read-scope';

const user = (role: AuthUser['role'], extra: Partial<AuthUser> = {}): AuthUser => ({
  id: `u-${role}`,
  role,
  ...extra,
});
const operator01 = user('kecamatan_operator', { kecamatanCode: '33.74.01' });
const rekanan = user('rekanan', { vendorId: 'vendor-a' });
const A01 = 'allocation-jps-2021-33.74.01';
const A02 = 'allocation-jps-2021-33.74.02';

describe('readScopeOf', () => {
  it('keeps kecamatan operators to their kecamatan, kelurahan operators also to their kelurahan', () => {
    expect(readScopeOf(operator01)).toEqual({ kind: 'kecamatan', kecamatanCode: '33.74.01' });
    const kelurahanOperator = user('kelurahan_operator', {
      kecamatanCode: '33.74.02',
      kelurahanCode: '33.74.02.1001',
    });
    expect(readScopeOf(kelurahanOperator)).toEqual({
      kind: 'kecamatan',
      kecamatanCode: '33.74.02',
      kelurahanCode: '33.74.02.1001',
    });
    // The allocation itself is the kecamatan's: the kelurahan operator acts on it.
    expect(scopeIncludesAllocation(readScopeOf(kelurahanOperator), A02)).toBe(true);
    expect(() => readScopeOf(user('kelurahan_operator', { kecamatanCode: '33.74.02' }))).toThrow(
      /without a kelurahan/,
    );
  });

  it('lets city-wide roles and the auditor read every kecamatan', () => {
    for (const role of ['tim_data', 'dinsos_admin', 'auditor', 'tim_pengadaan'] as const) {
      expect(readScopeOf(user(role))).toBe(CITY_WIDE);
    }
  });

  it('keeps a rekanan to the allocations of its contracts', () => {
    expect(readScopeOf(rekanan, [A01])).toEqual({ kind: 'contracts', allocationIds: [A01] });
    expect(readScopeOf(rekanan, [])).toEqual({ kind: 'contracts', allocationIds: [] });
  });

  it('refuses to make a scope without what it rests on', () => {
    expect(() => readScopeOf(user('kecamatan_operator'))).toThrow(/without a kecamatan/);
    expect(() => readScopeOf(rekanan)).toThrow(/contracted allocations/);
  });
});

describe('scopeIncludesAllocation', () => {
  it('lets an area role see only its own kecamatan, and no id it cannot read', () => {
    const scope = readScopeOf(operator01);
    expect(scopeIncludesAllocation(scope, A01)).toBe(true);
    expect(scopeIncludesAllocation(scope, A02)).toBe(false);
    expect(scopeIncludesAllocation(scope, 'allocation-x-33.74.05/../33.74.01')).toBe(false);
  });

  it('lets a rekanan see only its contracted allocations', () => {
    expect(scopeIncludesAllocation(readScopeOf(rekanan, [A02]), A02)).toBe(true);
    expect(scopeIncludesAllocation(readScopeOf(rekanan, [A02]), A01)).toBe(false);
    expect(scopeIncludesAllocation(readScopeOf(rekanan, []), A01)).toBe(false);
  });

  it('lets city-wide roles see every allocation', () => {
    expect(scopeIncludesAllocation(CITY_WIDE, A02)).toBe(true);
  });
});
