import { fromClaims, kecamatanOfAllocationId, toClaims, type AuthUser } from './auth';

describe('token claims', () => {
  it('round-trips a user through its claims', () => {
    const kelurahan: AuthUser = {
      id: 'u-2',
      role: 'kelurahan_operator',
      kecamatanCode: '33.74.01',
      kelurahanCode: '33.74.01.1001',
    };
    expect(toClaims(kelurahan)).toStrictEqual({
      sub: 'u-2',
      role: 'kelurahan_operator',
      kec: '33.74.01',
      kel: '33.74.01.1001',
    });
    expect(fromClaims(toClaims(kelurahan))).toStrictEqual(kelurahan);
    expect(fromClaims(toClaims({ id: 'u-3', role: 'auditor' }))).toStrictEqual({
      id: 'u-3',
      role: 'auditor',
    });
    const rekanan: AuthUser = { id: 'u-4', role: 'rekanan', vendorId: 'vendor-7' };
    expect(toClaims(rekanan)).toStrictEqual({ sub: 'u-4', role: 'rekanan', vendor: 'vendor-7' });
    expect(fromClaims(toClaims(rekanan))).toStrictEqual(rekanan);
  });

  it('refuses claims that are not a user: unknown role, programme, no area or vendor', () => {
    expect(fromClaims({ sub: 'u', role: 'programme' })).toBeUndefined();
    expect(fromClaims({ sub: 'u', role: 'root' })).toBeUndefined();
    expect(fromClaims({ sub: '', role: 'tim_data' })).toBeUndefined();
    expect(fromClaims({ sub: 'u', role: 'kecamatan_operator' })).toBeUndefined();
    expect(fromClaims({ sub: 'u', role: 'rekanan' })).toBeUndefined();
    expect(
      fromClaims({ sub: 'u', role: 'kelurahan_operator', kec: '33.74.01', kel: '33.74.02.1001' }),
    ).toBeUndefined();
    expect(fromClaims(null)).toBeUndefined();
  });

  it('refuses an area or vendor that is not text, and a kelurahan operator without its kelurahan', () => {
    expect(fromClaims({ sub: 'u', role: 'kecamatan_operator', kec: 3374 })).toBeUndefined();
    expect(fromClaims({ sub: 'u', role: 'rekanan', vendor: true })).toBeUndefined();
    expect(fromClaims({ sub: 'u', role: 'kelurahan_operator', kec: '33.74.01' })).toBeUndefined();
    expect(fromClaims({ sub: 42, role: 'tim_data' })).toBeUndefined();
  });
});

describe('allocation ids', () => {
  it('reads the kecamatan from an allocation id', () => {
    expect(kecamatanOfAllocationId('allocation-jps-2021-33.74.05')).toBe('33.74.05');
    expect(kecamatanOfAllocationId('allocation-t-1a2b-33.74.16')).toBe('33.74.16');
    expect(kecamatanOfAllocationId('programme-jps-2021')).toBeUndefined();
    expect(kecamatanOfAllocationId('x-allocation-jps-2021-33.74.05')).toBeUndefined();
    expect(kecamatanOfAllocationId('allocation-x-33.74.05/../33.74.01')).toBeUndefined();
  });
});
