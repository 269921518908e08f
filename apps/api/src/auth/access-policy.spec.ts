import type { AuthUser } from '../../../../libs/domain/auth';
import { commandActors, decideAccess, type RouteAccess } from './access-policy';

const user = (role: AuthUser['role'], extra: Partial<AuthUser> = {}): AuthUser => ({
  id: `u-${role}`,
  role,
  ...extra,
});
const operator01 = user('kecamatan_operator', { kecamatanCode: '33.74.01' });
const kelurahan01 = user('kelurahan_operator', {
  kecamatanCode: '33.74.01',
  kelurahanCode: '33.74.01.1001',
});
const allocation01 = { id: 'allocation-jps-2021-33.74.01' };
const allocation02 = { id: 'allocation-jps-2021-33.74.02' };
const post = (params: Record<string, string>, body?: unknown) => ({ method: 'POST', params, body });
const get = (params: Record<string, string>) => ({ method: 'GET', params });

describe('decideAccess', () => {
  const command: RouteAccess = { command: 'allocation', scope: 'allocation' };

  it('lets only the SOP actor of a step send its command', () => {
    expect(
      decideAccess(user('tim_data'), command, post({ ...allocation01, command: 'RUN_VERVAL' })),
    ).toEqual({ allow: true });
    expect(
      decideAccess(user('rekanan'), command, post({ ...allocation01, command: 'RUN_VERVAL' })),
    ).toMatchObject({ allow: false, code: 'ROLE_NOT_ALLOWED' });
    expect(commandActors('programme', 'APPROVE_SK')).toEqual(['sk_approver']);
    expect(commandActors('allocation', 'RUN_VERVAL')).toEqual(['tim_data']);
    expect(commandActors('allocation', 'NOPE')).toBeUndefined();
  });

  it('answers an area role outside its kecamatan as if the object did not exist', () => {
    const params = { ...allocation02, command: 'SUBMIT_REQUEST_LETTER' };
    expect(decideAccess(operator01, command, post(params))).toMatchObject({
      allow: false,
      code: 'NOT_FOUND',
    });
    expect(
      decideAccess(
        operator01,
        command,
        post({ ...allocation01, command: 'SUBMIT_REQUEST_LETTER' }),
      ),
    ).toEqual({ allow: true });
    expect(decideAccess(kelurahan01, { scope: 'allocation' }, get(allocation02))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps a kelurahan operator to its own kelurahan inside its kecamatan', () => {
    const params = { ...allocation01, command: 'RECORD_DISTRIBUTION' };
    expect(
      decideAccess(
        kelurahan01,
        command,
        post(params, { payload: { kelurahanCode: '33.74.01.1002' } }),
      ),
    ).toMatchObject({ allow: false, code: 'ROLE_NOT_ALLOWED' });
    expect(
      decideAccess(
        kelurahan01,
        command,
        post(params, { payload: { kelurahanCode: '33.74.01.1001' } }),
      ),
    ).toEqual({ allow: true });
  });

  it('refuses area roles on routes that do not declare their scope', () => {
    expect(decideAccess(operator01, {}, get({}))).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(decideAccess(operator01, { scope: 'city' }, get({}))).toEqual({ allow: true });
    // A list lets them in; its read scope (@ListQuery) narrows it to their kecamatan.
    expect(decideAccess(kelurahan01, { scope: 'list' }, get({}))).toEqual({ allow: true });
    expect(decideAccess(operator01, { scope: 'list', roles: ['tim_data'] }, get({}))).toMatchObject(
      { code: 'ROLE_NOT_ALLOWED' },
    );
  });

  it('lets the auditor read everything and change nothing', () => {
    const auditor = user('auditor');
    expect(decideAccess(auditor, { roles: ['tim_data'] }, get(allocation02))).toEqual({
      allow: true,
    });
    expect(decideAccess(auditor, {}, post({}))).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(
      decideAccess(auditor, command, post({ ...allocation01, command: 'RUN_VERVAL' })),
    ).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('applies @Roles, and keeps system_admin out of everything not listing it', () => {
    expect(decideAccess(user('rekanan'), { roles: ['tim_data'] }, get({}))).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(decideAccess(user('tim_data'), { roles: ['tim_data'] }, get({}))).toEqual({
      allow: true,
    });
    expect(decideAccess(user('system_admin'), {}, get({}))).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(decideAccess(user('system_admin'), { roles: ['system_admin'] }, get({}))).toEqual({
      allow: true,
    });
  });
});
