import type { AuthUser } from './auth';
import { DomainError, ValidationFailed, type FieldProblem } from './errors';
import { parseListQuery } from './listing';
import {
  parseNewUser,
  parsePasswordReset,
  passwordProblems,
  refuseSelfDeactivation,
  regionCodesOf,
  regionProblems,
  USER_LIST,
} from './user-admin';

const PASSWORD = 'correct-horse-battery';

/** The fields ValidationFailed names, or [] when the call passes. */
function problemsOf(call: () => unknown): FieldProblem[] {
  try {
    call();
    return [];
  } catch (error) {
    if (error instanceof ValidationFailed) return [...error.problems];
    throw error;
  }
}
const fieldsOf = (call: () => unknown) => problemsOf(call).map((p) => p.field);

describe('parseNewUser', () => {
  it('accepts each role with exactly the fields it takes', () => {
    expect(
      parseNewUser({ username: 'ana.tim-data', password: PASSWORD, role: 'tim_data' }),
    ).toStrictEqual({ username: 'ana.tim-data', password: PASSWORD, role: 'tim_data' });
    expect(
      parseNewUser({
        username: 'kel-33.74.01.1001',
        password: PASSWORD,
        role: 'kelurahan_operator',
        kecamatanCode: '33.74.01',
        kelurahanCode: '33.74.01.1001',
      }),
    ).toMatchObject({ kecamatanCode: '33.74.01', kelurahanCode: '33.74.01.1001' });
    expect(
      parseNewUser({
        username: 'cv-a',
        password: PASSWORD,
        role: 'rekanan',
        vendorId: 'rekanan-1',
      }),
    ).toMatchObject({ vendorId: 'rekanan-1' });
    // null is as good as absent for a field the role does not take.
    expect(
      parseNewUser({ username: 'auditor2', password: PASSWORD, role: 'auditor', vendorId: null }),
    ).toStrictEqual({ username: 'auditor2', password: PASSWORD, role: 'auditor' });
  });

  it('tells which roles take an area or vendor field, and what it must look like', () => {
    const base = { username: 'op-two', password: PASSWORD };
    expect(
      problemsOf(() =>
        parseNewUser({ ...base, role: 'tim_data', kecamatanCode: '33.74.01', vendorId: 'v' }),
      ),
    ).toEqual([
      {
        field: 'kecamatanCode',
        reason: 'is only for kecamatan_operator and kelurahan_operator, not for tim_data',
      },
      { field: 'vendorId', reason: 'is only for rekanan, not for tim_data' },
    ]);
    expect(problemsOf(() => parseNewUser({ ...base, role: 'kelurahan_operator' }))).toEqual([
      {
        field: 'kecamatanCode',
        reason: 'is required for kelurahan_operator: a kecamatan code like 33.74.01',
      },
      {
        field: 'kelurahanCode',
        reason: 'is required for kelurahan_operator: a kelurahan code like 33.74.01.1001',
      },
    ]);
    expect(problemsOf(() => parseNewUser({ ...base, role: 'rekanan', vendorId: '-v' }))).toEqual([
      {
        field: 'vendorId',
        reason:
          'is required for rekanan: the vendor id SIGN_SPK names: 1-100 letters, digits, space, . _ / : -',
      },
    ]);
    // A bad kecamatan is named once, not again as the kelurahan's parent.
    expect(
      fieldsOf(() =>
        parseNewUser({
          ...base,
          role: 'kelurahan_operator',
          kecamatanCode: '33.74.1',
          kelurahanCode: '33.74.01.1001',
        }),
      ),
    ).toEqual(['kecamatanCode']);
  });

  it('says what a body and a username must be', () => {
    expect(problemsOf(() => parseNewUser('ana'))).toContainEqual({
      field: 'body',
      reason: 'must be a JSON object',
    });
    expect(
      problemsOf(() => parseNewUser({ username: 'Ana', password: PASSWORD, role: 'tim_data' })),
    ).toEqual([
      {
        field: 'username',
        reason:
          '3-100 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
      },
    ]);
  });

  it('names every bad field at once', () => {
    expect(fieldsOf(() => parseNewUser({ username: 'A b', password: 'short', role: 'x' }))).toEqual(
      ['username', 'password', 'role'],
    );
    expect(fieldsOf(() => parseNewUser(undefined))).toEqual([
      'body',
      'username',
      'password',
      'role',
    ]);
    expect(fieldsOf(() => parseNewUser([]))).toContain('body');
  });

  it('refuses fields it does not know instead of ignoring them', () => {
    const problems = problemsOf(() =>
      parseNewUser({ username: 'ana', password: PASSWORD, role: 'tim_data', active: false }),
    );
    expect(problems).toEqual([{ field: 'active', reason: expect.stringContaining('not a field') }]);
  });

  it('takes usernames of lower-case letters, digits, dot, underscore and dash', () => {
    for (const username of ['tim_data', 'kec-33.74.01', 'a12']) {
      expect(
        fieldsOf(() => parseNewUser({ username, password: PASSWORD, role: 'tim_data' })),
      ).toEqual([]);
    }
    for (const username of ['Ana', 'ab', '-ana', 'ana budi', 'x'.repeat(101), 42]) {
      expect(
        fieldsOf(() => parseNewUser({ username, password: PASSWORD, role: 'tim_data' })),
      ).toEqual(['username']);
    }
  });

  it('requires the area exactly for area roles, the kelurahan inside the kecamatan', () => {
    const base = { username: 'op-one', password: PASSWORD };
    expect(fieldsOf(() => parseNewUser({ ...base, role: 'kecamatan_operator' }))).toEqual([
      'kecamatanCode',
    ]);
    expect(
      fieldsOf(() =>
        parseNewUser({ ...base, role: 'kecamatan_operator', kecamatanCode: '33.74.1' }),
      ),
    ).toEqual(['kecamatanCode']);
    expect(
      fieldsOf(() =>
        parseNewUser({
          ...base,
          role: 'kecamatan_operator',
          kecamatanCode: '33.74.01',
          kelurahanCode: '33.74.01.1001',
        }),
      ),
    ).toEqual(['kelurahanCode']);
    expect(
      fieldsOf(() =>
        parseNewUser({ ...base, role: 'kelurahan_operator', kecamatanCode: '33.74.01' }),
      ),
    ).toEqual(['kelurahanCode']);
    const outside = problemsOf(() =>
      parseNewUser({
        ...base,
        role: 'kelurahan_operator',
        kecamatanCode: '33.74.01',
        kelurahanCode: '33.74.02.1001',
      }),
    );
    expect(outside).toEqual([
      { field: 'kelurahanCode', reason: 'must be a kelurahan of kecamatan 33.74.01' },
    ]);
    expect(
      fieldsOf(() =>
        parseNewUser({
          ...base,
          role: 'tim_data',
          kecamatanCode: '33.74.01',
          kelurahanCode: '33.74.01.1001',
        }),
      ),
    ).toEqual(['kecamatanCode', 'kelurahanCode']);
  });

  it('requires a vendor id for a rekanan, and only for a rekanan', () => {
    const base = { username: 'cv-b', password: PASSWORD };
    expect(fieldsOf(() => parseNewUser({ ...base, role: 'rekanan' }))).toEqual(['vendorId']);
    expect(fieldsOf(() => parseNewUser({ ...base, role: 'rekanan', vendorId: '' }))).toEqual([
      'vendorId',
    ]);
    expect(fieldsOf(() => parseNewUser({ ...base, role: 'tim_data', vendorId: 'v-1' }))).toEqual([
      'vendorId',
    ]);
  });
});

describe('password policy', () => {
  it('wants 12 to 200 characters, not the username, not the published demo password', () => {
    expect(passwordProblems(PASSWORD, 'ana')).toEqual([]);
    expect(passwordProblems('x'.repeat(12), 'ana')).toEqual([]);
    expect(passwordProblems('x'.repeat(200), 'ana')).toEqual([]);
    expect(passwordProblems('x'.repeat(12), undefined)).toEqual([]);
    expect(passwordProblems('x'.repeat(11), 'ana')[0]?.reason).toMatch(/12-200/);
    expect(passwordProblems('x'.repeat(201), 'ana')[0]?.reason).toMatch(/12-200/);
    expect(passwordProblems('ANA.TIM-DATA', 'ana.tim-data')).toEqual([
      { field: 'password', reason: 'must not be the username' },
    ]);
    expect(passwordProblems('salur-demo-2021', 'ana')[0]?.reason).toMatch(/demo password/);
    expect(passwordProblems(undefined, 'ana')[0]?.reason).toMatch(/required/);
  });

  it('checks a reset against the user, and refuses other fields', () => {
    expect(parsePasswordReset({ password: PASSWORD }, 'ana')).toBe(PASSWORD);
    expect(
      fieldsOf(() => parsePasswordReset({ password: 'ana-the-admin' }, 'ana-the-admin')),
    ).toEqual(['password']);
    expect(fieldsOf(() => parsePasswordReset({ password: PASSWORD, role: 'x' }, 'ana'))).toEqual([
      'role',
    ]);
    expect(fieldsOf(() => parsePasswordReset('text', 'ana'))).toEqual(['body', 'password']);
  });
});

describe('region checks', () => {
  it('names each area code that is not a region', () => {
    const request = parseNewUser({
      username: 'kel-x',
      password: PASSWORD,
      role: 'kelurahan_operator',
      kecamatanCode: '33.74.99',
      kelurahanCode: '33.74.99.1001',
    });
    expect(regionCodesOf(request)).toEqual(['33.74.99', '33.74.99.1001']);
    expect(regionProblems(request, new Set()).map((p) => p.field)).toEqual([
      'kecamatanCode',
      'kelurahanCode',
    ]);
    expect(regionProblems(request, new Set(regionCodesOf(request)))).toEqual([]);
    const cityWide = parseNewUser({ username: 'tim-x', password: PASSWORD, role: 'tim_data' });
    expect(regionCodesOf(cityWide)).toEqual([]);
    expect(regionProblems(cityWide, new Set())).toEqual([]);
    expect(regionProblems(request, new Set())).toEqual([
      { field: 'kecamatanCode', reason: 'no kecamatan 33.74.99' },
      { field: 'kelurahanCode', reason: 'no kelurahan 33.74.99.1001' },
    ]);
  });
});

describe('refuseSelfDeactivation', () => {
  const admin: AuthUser = { id: 'admin-1', role: 'system_admin' };
  it('refuses a system_admin deactivating itself, with the reason', () => {
    expect(() => refuseSelfDeactivation(admin, 'admin-1')).toThrow(DomainError);
    expect(() => refuseSelfDeactivation(admin, 'admin-1')).toThrow(
      /another system_admin must do it/,
    );
    try {
      refuseSelfDeactivation(admin, 'admin-1');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'TRANSITION_REFUSED',
        details: { reason: 'SELF_DEACTIVATION' },
      });
    }
    expect(() => refuseSelfDeactivation(admin, 'someone-else')).not.toThrow();
  });
});

describe('USER_LIST', () => {
  it('filters by role, kecamatan and active, naming a bad value', () => {
    expect(
      parseListQuery(USER_LIST, { role: 'rekanan', kecamatan: '33.74.01', active: 'false' })
        .filters,
    ).toEqual({ role: 'rekanan', kecamatan: '33.74.01', active: false });
    expect(fieldsOf(() => parseListQuery(USER_LIST, { role: 'programme', active: 'no' }))).toEqual([
      'role',
      'active',
    ]);
  });
});
