import {
  fromClaims,
  kecamatanOfAllocationId,
  mayAccessKecamatan,
  toClaims,
  type AuthUser,
} from './auth';

const operator: AuthUser = { id: 'u-1', role: 'kecamatan_operator', kecamatanCode: '33.74.01' };

describe('token claims', () => {
  it('round-trips a user through its claims', () => {
    const kelurahan: AuthUser = {
      id: 'u-2',
      role: 'kelurahan_operator',
      kecamatanCode: '33.74.01',
      kelurahanCode: '33.74.01.1001',
    };
    expect(toClaims(kelurahan)).toEqual({
      sub: 'u-2',
      role: 'kelurahan_operator',
      kec: '33.74.01',
      kel: '33.74.01.1001',
    });
    expect(fromClaims(toClaims(kelurahan))).toEqual(kelurahan);
    expect(fromClaims(toClaims({ id: 'u-3', role: 'auditor' }))).toEqual({
      id: 'u-3',
      role: 'auditor',
    });
  });

  it('refuses claims that are not a user: unknown role, programme, an area role without area', () => {
    expect(fromClaims({ sub: 'u', role: 'programme' })).toBeUndefined();
    expect(fromClaims({ sub: 'u', role: 'root' })).toBeUndefined();
    expect(fromClaims({ sub: '', role: 'tim_data' })).toBeUndefined();
    expect(fromClaims({ sub: 'u', role: 'kecamatan_operator' })).toBeUndefined();
    expect(
      fromClaims({ sub: 'u', role: 'kelurahan_operator', kec: '33.74.01', kel: '33.74.02.1001' }),
    ).toBeUndefined();
    expect(fromClaims(null)).toBeUndefined();
  });
});

describe('area scope', () => {
  it('lets an area role see only its own kecamatan', () => {
    expect(mayAccessKecamatan(operator, '33.74.01')).toBe(true);
    expect(mayAccessKecamatan(operator, '33.74.02')).toBe(false);
    expect(mayAccessKecamatan(operator, undefined)).toBe(false);
    expect(
      mayAccessKecamatan(
        {
          id: 'k',
          role: 'kelurahan_operator',
          kecamatanCode: '33.74.01',
          kelurahanCode: '33.74.01.1001',
        },
        '33.74.01',
      ),
    ).toBe(true);
  });

  it('lets city-wide roles see every kecamatan', () => {
    expect(mayAccessKecamatan({ id: 't', role: 'tim_data' }, '33.74.02')).toBe(true);
    expect(mayAccessKecamatan({ id: 'a', role: 'auditor' }, '33.74.16')).toBe(true);
  });

  it('reads the kecamatan from an allocation id', () => {
    expect(kecamatanOfAllocationId('allocation-jps-2021-33.74.05')).toBe('33.74.05');
    expect(kecamatanOfAllocationId('allocation-t-1a2b-33.74.16')).toBe('33.74.16');
    expect(kecamatanOfAllocationId('programme-jps-2021')).toBeUndefined();
    expect(kecamatanOfAllocationId('allocation-x-33.74.05/../33.74.01')).toBeUndefined();
  });
});
