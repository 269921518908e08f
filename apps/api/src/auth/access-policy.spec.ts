import { USER_ROLES, type AuthUser } from '@salur/libs/domain/auth';
import { ALLOCATION_COMMANDS, PROGRAMME_COMMANDS } from '@salur/libs/temporal/names';
import { sopActors } from '@salur/test/support/sop-actors';
import { commandActors, decideAccess, needsContracts, type RouteAccess } from './access-policy';

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
const rekanan = user('rekanan', { vendorId: 'vendor-a' });
const post = (params: Record<string, string>, body?: unknown) => ({ method: 'POST', params, body });
const get = (params: Record<string, string>) => ({ method: 'GET', params });
/** A rekanan's request, with the allocations its vendor's signed SPKs name. */
const contracted = (
  request: { method: string; params: Record<string, string> },
  ...allocationIds: string[]
) => ({ ...request, contractedAllocations: allocationIds });

describe('decideAccess', () => {
  const command: RouteAccess = { command: 'allocation', scope: 'allocation' };

  it('lets exactly the SOP actors of each step send its command (every role × every command)', () => {
    // The SOP's actors come from test/support/sop-actors.ts, written from the SOP, not from
    // the policy's own tables. Users sit in their area (and a rekanan under its contract), so
    // only the role decides.
    const inArea = (role: AuthUser['role']): AuthUser =>
      role === 'kecamatan_operator'
        ? operator01
        : role === 'kelurahan_operator'
          ? kelurahan01
          : role === 'rekanan'
            ? rekanan
            : user(role);
    const targets = [
      ...PROGRAMME_COMMANDS.map((name) => ['programme', name] as const),
      ...ALLOCATION_COMMANDS.map((name) => ['allocation', name] as const),
    ];
    const allowed: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const [target, name] of targets) {
      expected[name] = [...(sopActors(target, name) ?? [])].sort();
      allowed[name] = USER_ROLES.filter(
        (role) =>
          decideAccess(
            inArea(role),
            // As the routes declare them: commands on an allocation are scoped to it; city-wide
            // ones declare no scope, so they are closed to area roles and the rekanan.
            target === 'allocation' ? command : { command: target },
            contracted(post({ ...allocation01, command: name }), allocation01.id),
          ).allow,
      ).sort();
    }
    expect(allowed).toEqual(expected);
    expect(
      decideAccess(user('rekanan'), command, post({ ...allocation01, command: 'RUN_VERVAL' })),
    ).toMatchObject({ allow: false, code: 'ROLE_NOT_ALLOWED' });
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
    // A route that lost its id finds nothing and names no made-up id.
    expect(decideAccess(operator01, { scope: 'allocation' }, get({}))).toEqual({
      allow: false,
      code: 'NOT_FOUND',
      message: 'No workflow with id ',
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

  it('lets a rekanan act and read only on allocations whose signed SPK names its vendor', () => {
    const packing = { ...allocation01, command: 'REPORT_PACKING' };
    expect(decideAccess(rekanan, command, contracted(post(packing), allocation01.id))).toEqual({
      allow: true,
    });
    expect(
      decideAccess(
        rekanan,
        { scope: 'allocation' },
        contracted(get(allocation01), allocation01.id),
      ),
    ).toEqual({ allow: true });
    // Another vendor's allocation, or one whose SPK is not signed yet: as if it did not exist.
    for (const request of [
      contracted(post(packing), allocation02.id),
      contracted(post(packing)),
      post(packing),
      contracted(get(allocation01), allocation02.id),
    ]) {
      expect(decideAccess(rekanan, command, request)).toMatchObject({
        allow: false,
        code: 'NOT_FOUND',
      });
    }
    // Not its step: the role answer comes first, whatever the contracts.
    expect(
      decideAccess(
        rekanan,
        command,
        contracted(post({ ...allocation01, command: 'INSPECT' }), allocation01.id),
      ),
    ).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('keeps a rekanan off routes that declare no scope, and loads its contracts elsewhere', () => {
    expect(decideAccess(rekanan, {}, get({}))).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(decideAccess(rekanan, { scope: 'list' }, contracted(get({})))).toEqual({ allow: true });
    expect(decideAccess(rekanan, { scope: 'city' }, contracted(get({})))).toEqual({ allow: true });
    expect(needsContracts(rekanan, { scope: 'allocation' })).toBe(true);
    expect(needsContracts(rekanan, { scope: 'list' })).toBe(true);
    expect(needsContracts(rekanan, {})).toBe(false);
    expect(needsContracts(operator01, { scope: 'allocation' })).toBe(false);
    expect(needsContracts(user('tim_pemeriksa'), { scope: 'allocation' })).toBe(false);
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

  it('lets the auditor call a POST that only reads (@ReadsOnly), and keeps @Roles for others', () => {
    const codec = { roles: ['auditor', 'dinsos_admin'] as const, readsOnly: true };
    expect(decideAccess(user('auditor'), codec, post({}))).toEqual({ allow: true });
    expect(decideAccess(user('dinsos_admin'), codec, post({}))).toEqual({ allow: true });
    expect(decideAccess(user('tim_data'), codec, post({}))).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(decideAccess(operator01, codec, post({}))).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
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

  it('counts only GET and HEAD as reads, however the method is spelled', () => {
    const auditor = user('auditor');
    for (const method of ['GET', 'HEAD', 'get', 'head']) {
      expect(decideAccess(auditor, {}, { method, params: {} })).toEqual({ allow: true });
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      expect(decideAccess(auditor, {}, { method, params: {} })).toEqual({
        allow: false,
        code: 'ROLE_NOT_ALLOWED',
        message: 'The auditor reads everything and changes nothing',
      });
    }
  });

  it('names the command and the roles that may send it when refusing a sender', () => {
    expect(
      decideAccess(rekanan, command, post({ ...allocation01, command: 'RUN_VERVAL' })),
    ).toEqual({
      allow: false,
      code: 'ROLE_NOT_ALLOWED',
      message: 'role rekanan may not send RUN_VERVAL; allowed: tim_data',
    });
    expect(
      decideAccess(
        user('tim_distribusi'),
        command,
        post({ ...allocation01, command: 'RECORD_DISTRIBUTION' }),
      ),
    ).toMatchObject({
      message:
        'role tim_distribusi may not send RECORD_DISTRIBUTION; allowed: kecamatan_operator, kelurahan_operator',
    });
  });

  it('takes city-wide decisions only from the roles the programme names for them', () => {
    const programme: RouteAccess = { command: 'programme' };
    const decide = (role: AuthUser['role'], name: string) =>
      decideAccess(user(role), programme, post({ id: 'programme-jps-2021', command: name }));
    expect(decide('dinsos_admin', 'SEND_QUOTA_LETTER')).toEqual({ allow: true });
    expect(decide('tim_data', 'SEND_QUOTA_LETTER')).toEqual({ allow: true });
    expect(decide('tim_pengadaan', 'SIGN_SPK')).toEqual({ allow: true });
    expect(decide('tim_data', 'APPROVE_SK')).toEqual({
      allow: false,
      code: 'ROLE_NOT_ALLOWED',
      message: 'role tim_data may not send APPROVE_SK; allowed: sk_approver',
    });
    expect(decide('rekanan', 'SEND_QUOTA_LETTER')).toMatchObject({
      message: 'role rekanan may not send SEND_QUOTA_LETTER; allowed: dinsos_admin, tim_data',
    });
    // An allocation's step is not a programme command, nor the reverse: the service answers 400.
    expect(commandActors('programme', 'RUN_VERVAL')).toBeUndefined();
    expect(commandActors('allocation', 'APPROVE_SK')).toBeUndefined();
    expect(commandActors('programme', undefined)).toBeUndefined();
    expect(commandActors('allocation', undefined)).toBeUndefined();
    expect(decide('tim_monev', 'APPROVE_EVERYTHING')).toEqual({ allow: true });
  });

  it('explains a refusal by @Roles or by a missing area scope', () => {
    expect(decideAccess(user('rekanan'), { roles: ['tim_data', 'dinsos_admin'] }, get({}))).toEqual(
      {
        allow: false,
        code: 'ROLE_NOT_ALLOWED',
        message: 'role rekanan may not call this endpoint; allowed: tim_data, dinsos_admin',
      },
    );
    expect(decideAccess(user('system_admin'), {}, get({}))).toMatchObject({
      message: 'role system_admin may not call this endpoint; allowed: every role but system_admin',
    });
    expect(decideAccess(user('tim_monev'), {}, get({}))).toEqual({ allow: true });
    expect(decideAccess(rekanan, {}, get({}))).toMatchObject({
      message: 'a rekanan works on its own contracts and may not call this endpoint',
    });
    expect(decideAccess(kelurahan01, {}, get({}))).toMatchObject({
      message: 'role kelurahan_operator works in one kecamatan and may not call this endpoint',
    });
  });

  it("answers an allocation outside the caller's area with the words of a missing id", () => {
    expect(decideAccess(operator01, { scope: 'allocation' }, get(allocation02))).toEqual({
      allow: false,
      code: 'NOT_FOUND',
      message: 'No workflow with id allocation-jps-2021-33.74.02',
    });
    expect(decideAccess(kelurahan01, { scope: 'allocation' }, get(allocation01))).toEqual({
      allow: true,
    });
  });

  it("names the kelurahan operator's own kelurahan, and lets its kecamatan operator name any", () => {
    const params = { ...allocation01, command: 'RECORD_SIGNED_BAST' };
    const other = { payload: { kelurahanCode: '33.74.01.1002' } };
    expect(decideAccess(kelurahan01, command, post(params, other))).toEqual({
      allow: false,
      code: 'ROLE_NOT_ALLOWED',
      message: 'a kelurahan operator acts only for kelurahan 33.74.01.1001',
    });
    expect(decideAccess(operator01, command, post(params, other))).toEqual({ allow: true });
  });

  it("keeps a kelurahan operator to its own kelurahan's path (its receipts)", () => {
    const route: RouteAccess = { scope: 'allocation', roles: ['kelurahan_operator'] };
    const at = (kelurahanCode: string) => post({ ...allocation01, kelurahanCode });
    expect(decideAccess(kelurahan01, route, at('33.74.01.1002'))).toEqual({
      allow: false,
      code: 'ROLE_NOT_ALLOWED',
      message: 'a kelurahan operator acts only for kelurahan 33.74.01.1001',
    });
    expect(decideAccess(kelurahan01, route, at('33.74.01.1001'))).toEqual({ allow: true });
    const kecamatanRoute: RouteAccess = { scope: 'allocation', roles: ['kecamatan_operator'] };
    expect(decideAccess(operator01, kecamatanRoute, at('33.74.01.1002'))).toEqual({
      allow: true,
    });
  });

  it("leaves a kelurahan operator's body without a kelurahan to the SOP's payload check", () => {
    const params = { ...allocation01, command: 'RECORD_SIGNED_BAST' };
    for (const body of [
      undefined,
      null,
      'RECORD_SIGNED_BAST',
      {},
      { payload: null },
      { payload: 'kelurahan 1002' },
      { payload: {} },
      { payload: { kelurahanCode: 1002 } },
    ]) {
      expect(decideAccess(kelurahan01, command, post(params, body))).toEqual({ allow: true });
    }
  });
});
