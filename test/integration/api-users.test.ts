import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request, { type Response } from 'supertest';
import { buildOpenApiDocument } from '@salur/apps/api/src/openapi';
import { USER_ROLES, type UserRole } from '@salur/libs/domain/auth';
import { as, loginAs, type Session } from '../support/auth';
import { readAllPages } from '../support/pages';
import { testConfig } from '../support/test-app';
import { createTestApi } from '../support/api-app';

const PASSWORD = 'correct-horse-battery';
// A kecamatan no other test file gives users of its own, so the filters can be counted.
const KECAMATAN = '33.74.12';
/** What a user looks like in every answer: no password, no hash. */
const VIEW_KEYS = [
  'active',
  'createdAt',
  'id',
  'kecamatanCode',
  'kelurahanCode',
  'role',
  'username',
  'vendorId',
];

interface UserBody {
  id: string;
  username: string;
  role: UserRole;
  active: boolean;
  kecamatanCode: string | null;
  kelurahanCode: string | null;
  vendorId: string | null;
  events?: { kind: string; actorUsername: string | null }[];
}

/**
 * User management through HTTP: the system_admin creates, deactivates, activates and
 * resets passwords; the auditor reads; everyone else is refused. Deactivation and a
 * password reset end the user's sessions at once. No answer carries a password or hash.
 */
describe('user management', () => {
  let app: INestApplication;
  let adminSession: Session;
  /** Every answer body of this file, checked at the end for passwords and hashes. */
  const answers: string[] = [];
  const prefix = `u${randomUUID().slice(0, 6)}`;
  const name = (suffix: string) => `${prefix}-${suffix}`;

  const keep = (res: Response) => {
    answers.push(res.text);
    return res;
  };
  const caller = (session: Session) => ({
    get: (path: string) => as(app, session).get(path).then(keep),
    post: (path: string, body?: object) =>
      as(app, session)
        .post(path)
        .send(body ?? {})
        .then(keep),
  });
  let admin: ReturnType<typeof caller>;
  let auditor: ReturnType<typeof caller>;
  let auditorSession: Session;

  const login = (username: string, password = PASSWORD) =>
    request(app.getHttpServer()).post('/auth/login').send({ username, password }).then(keep);
  /** Any endpoint the role may call: it answers 401 once the token is no longer good. */
  const useToken = (token: string) =>
    request(app.getHttpServer())
      .get(`/kecamatan/${KECAMATAN}/kelurahan`)
      .auth(token, { type: 'bearer' });

  async function createUser(body: Record<string, unknown>): Promise<UserBody> {
    const res = await admin.post('/users', { password: PASSWORD, ...body });
    expect([res.status, res.body]).toEqual([201, expect.objectContaining({ active: true })]);
    return res.body as UserBody;
  }

  beforeAll(async () => {
    app = await createTestApi(testConfig());
    adminSession = await loginAs(app, 'system_admin');
    admin = caller(adminSession);
    auditorSession = await loginAs(app, 'auditor');
    auditor = caller(auditorSession);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a user who can then log in, recording who created it', async () => {
    const created = await createUser({ username: name('ana'), role: 'tim_data' });
    expect(created).toEqual({
      id: expect.any(String),
      username: name('ana'),
      role: 'tim_data',
      kecamatanCode: null,
      kelurahanCode: null,
      vendorId: null,
      active: true,
      createdAt: expect.any(String),
    });
    const res = await login(name('ana'));
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: created.id, role: 'tim_data' });
    await useToken(res.body.accessToken).expect(200);

    const detail = await admin.get(`/users/${created.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.events).toEqual([
      {
        kind: 'created',
        actorId: adminSession.userId,
        actorUsername: 'system_admin',
        at: expect.any(String),
      },
    ]);

    const operator = await createUser({
      username: name('kel'),
      role: 'kelurahan_operator',
      kecamatanCode: KECAMATAN,
      kelurahanCode: `${KECAMATAN}.1001`,
    });
    expect(operator).toMatchObject({
      kecamatanCode: KECAMATAN,
      kelurahanCode: `${KECAMATAN}.1001`,
    });
    const operatorLogin = await login(name('kel'));
    expect(operatorLogin.body.user).toMatchObject({ role: 'kelurahan_operator' });
    const vendor = await createUser({ username: name('cv'), role: 'rekanan', vendorId: 'cv-1' });
    expect(vendor.vendorId).toBe('cv-1');
  });

  it('answers 400 naming each bad field, and 409 for a taken username', async () => {
    const fieldsOf = async (body: Record<string, unknown>) => {
      const res = await admin.post('/users', body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      return (res.body.fields as { field: string }[]).map((f) => f.field);
    };
    expect(await fieldsOf({ username: 'Not Valid', password: 'short', role: 'mayor' })).toEqual([
      'username',
      'password',
      'role',
    ]);
    expect(
      await fieldsOf({ username: name('same'), password: name('same'), role: 'tim_data' }),
    ).toEqual(['password']);
    expect(
      await fieldsOf({ username: name('op'), password: PASSWORD, role: 'kecamatan_operator' }),
    ).toEqual(['kecamatanCode']);
    expect(
      await fieldsOf({
        username: name('op'),
        password: PASSWORD,
        role: 'kelurahan_operator',
        kecamatanCode: KECAMATAN,
        kelurahanCode: '33.74.01.1001',
      }),
    ).toEqual(['kelurahanCode']);
    expect(
      await fieldsOf({ username: name('op'), password: PASSWORD, role: 'rekanan', extra: 1 }),
    ).toEqual(['extra', 'vendorId']);
    // Well formed, but no such region in Kota Semarang.
    expect(
      await fieldsOf({
        username: name('op'),
        password: PASSWORD,
        role: 'kelurahan_operator',
        kecamatanCode: '33.74.99',
        kelurahanCode: '33.74.99.1001',
      }),
    ).toEqual(['kecamatanCode', 'kelurahanCode']);

    await createUser({ username: name('dup'), role: 'tim_monev' });
    const duplicate = await admin.post('/users', {
      username: name('dup'),
      password: PASSWORD,
      role: 'auditor',
    });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'ALREADY_EXISTS']);
    const demo = await admin.post('/users', {
      username: 'tim_data',
      password: PASSWORD,
      role: 'tim_data',
    });
    expect(demo.status).toBe(409);
  });

  it('refuses every role but system_admin, and lets the auditor read only', async () => {
    const target = await createUser({ username: name('target'), role: 'tim_distribusi' });
    const refusedRoles = USER_ROLES.filter((r) => r !== 'system_admin' && r !== 'auditor');
    for (const role of refusedRoles) {
      const area =
        role === 'kecamatan_operator'
          ? '33.74.01'
          : role === 'kelurahan_operator'
            ? '33.74.01.1001'
            : undefined;
      const other = caller(await loginAs(app, role, area));
      const refusals = [
        await other.get('/users'),
        await other.get(`/users/${target.id}`),
        await other.post('/users', { username: name(role), password: PASSWORD, role }),
        await other.post(`/users/${target.id}/deactivate`),
        await other.post(`/users/${target.id}/activate`),
        await other.post(`/users/${target.id}/password`, { password: 'another-long-password' }),
      ];
      for (const res of refusals) {
        expect([role, res.status, res.body.code]).toEqual([role, 403, 'ROLE_NOT_ALLOWED']);
      }
    }

    expect((await auditor.get('/users')).status).toBe(200);
    expect((await auditor.get(`/users/${target.id}`)).body).toMatchObject({ id: target.id });
    for (const res of [
      await auditor.post('/users', { username: name('aud'), password: PASSWORD, role: 'auditor' }),
      await auditor.post(`/users/${target.id}/deactivate`),
      await auditor.post(`/users/${target.id}/activate`),
      await auditor.post(`/users/${target.id}/password`, { password: 'another-long-password' }),
    ]) {
      expect([res.status, res.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    }
    // Nothing changed: the target still logs in with its password.
    expect((await login(name('target'))).status).toBe(200);
  });

  it('ends the logins and tokens of a deactivated user at once; activation lets it log in again', async () => {
    const user = await createUser({ username: name('budi'), role: 'tim_pemeriksa' });
    const before = await login(name('budi'));
    const oldToken = before.body.accessToken as string;
    await useToken(oldToken).expect(200);

    const deactivated = await admin.post(`/users/${user.id}/deactivate`);
    expect([deactivated.status, deactivated.body.active]).toEqual([200, false]);
    expect((await login(name('budi'))).status).toBe(401);
    const refused = await useToken(oldToken);
    expect([refused.status, refused.body.code]).toEqual([401, 'UNAUTHORIZED']);
    // Again: nothing to change, nothing recorded.
    expect((await admin.post(`/users/${user.id}/deactivate`)).status).toBe(200);

    const activated = await admin.post(`/users/${user.id}/activate`);
    expect([activated.status, activated.body.active]).toEqual([200, true]);
    const after = await login(name('budi'));
    expect(after.status).toBe(200);
    await useToken(after.body.accessToken).expect(200);
    // A token from before the deactivation stays dead.
    await useToken(oldToken).expect(401);

    const detail = await admin.get(`/users/${user.id}`);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'deactivated',
      'activated',
    ]);
    expect(new Set(detail.body.events.map((e: { actorId: string }) => e.actorId))).toEqual(
      new Set([adminSession.userId]),
    );
  });

  it('refuses a system_admin deactivating itself, with the reason', async () => {
    const res = await admin.post(`/users/${adminSession.userId}/deactivate`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'TRANSITION_REFUSED', reason: 'SELF_DEACTIVATION' });
    expect(res.body.message).toMatch(/may not deactivate itself/);
    // The admin is still active and its token still works.
    expect((await admin.get('/users?limit=1')).status).toBe(200);
  });

  it('resets a password: the old one and the old tokens stop working', async () => {
    const user = await createUser({ username: name('citra'), role: 'tim_pengadaan' });
    const oldToken = (await login(name('citra'))).body.accessToken as string;

    const tooShort = await admin.post(`/users/${user.id}/password`, { password: 'short' });
    expect([tooShort.status, tooShort.body.fields]).toEqual([
      400,
      [{ field: 'password', reason: expect.stringContaining('12-200') }],
    ]);
    const sameAsName = await admin.post(`/users/${user.id}/password`, { password: name('citra') });
    expect(sameAsName.body.fields).toEqual([
      { field: 'password', reason: 'must not be the username' },
    ]);

    const reset = await admin.post(`/users/${user.id}/password`, {
      password: 'a-brand-new-password',
    });
    expect([reset.status, reset.body.id]).toEqual([200, user.id]);
    expect((await login(name('citra'))).status).toBe(401);
    expect((await login(name('citra'), 'a-brand-new-password')).status).toBe(200);
    await useToken(oldToken).expect(401);
    const detail = await admin.get(`/users/${user.id}`);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'password_reset',
    ]);
  });

  it('answers 404 for a user that does not exist', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect((await admin.get(`/users/${id}`)).status).toBe(404);
      expect((await admin.post(`/users/${id}/activate`)).status).toBe(404);
      expect((await admin.post(`/users/${id}/password`, { password: PASSWORD })).status).toBe(404);
    }
  });

  it('lists users page by page, filtered by role, kecamatan and active', async () => {
    const created: UserBody[] = [];
    for (const n of [1, 2, 3]) {
      created.push(
        await createUser({
          username: name(`list${n}`),
          role: 'kecamatan_operator',
          kecamatanCode: KECAMATAN,
        }),
      );
    }
    expect((await admin.post(`/users/${created[2].id}/deactivate`)).status).toBe(200);

    const path = `/users?role=kecamatan_operator&kecamatan=${KECAMATAN}`;
    const all = await readAllPages<UserBody>(as(app, adminSession), path, 2);
    for (const item of all.items) expect(Object.keys(item).sort()).toEqual(VIEW_KEYS);
    // The demo operator of the kecamatan (seeded by loginAs) comes first: created before.
    const mine = all.items.filter((u) => u.username.startsWith(prefix));
    expect(mine.map((u) => u.username)).toEqual([name('list1'), name('list2'), name('list3')]);
    expect(all.pages.length).toBeGreaterThanOrEqual(2);
    expect(all.items.every((u) => u.role === 'kecamatan_operator')).toBe(true);
    expect(all.items.every((u) => u.kecamatanCode === KECAMATAN)).toBe(true);

    const inactive = await readAllPages<UserBody>(
      as(app, adminSession),
      `${path}&active=false`,
      50,
    );
    expect(inactive.items.map((u) => u.id)).toEqual([created[2].id]);
    const active = await readAllPages<UserBody>(as(app, adminSession), `${path}&active=true`, 50);
    expect(active.items.map((u) => u.id)).toEqual(
      expect.arrayContaining([created[0].id, created[1].id]),
    );
    expect(active.items.map((u) => u.id)).not.toContain(created[2].id);

    // The auditor reads the same list.
    const audited = await readAllPages<UserBody>(as(app, auditorSession), path, 200);
    expect(audited.items.map((u) => u.id)).toEqual(all.items.map((u) => u.id));

    const bad = await admin.get('/users?role=programme&active=maybe&sort=name');
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual([
      'active',
      'role',
      'sort',
    ]);
  });

  it('documents every user endpoint with examples in the OpenAPI document', () => {
    const paths = buildOpenApiDocument(app).paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/users',
        '/users/{id}',
        '/users/{id}/deactivate',
        '/users/{id}/activate',
        '/users/{id}/password',
      ]),
    );
    const created = paths['/users'].post?.responses['201'] as {
      content: Record<string, { example: unknown }>;
    };
    expect(Object.keys(created.content['application/json'].example as object).sort()).toEqual(
      VIEW_KEYS,
    );
    expect(paths['/users'].get?.parameters?.map((p) => ('name' in p ? p.name : ''))).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'role', 'kecamatan', 'active']),
    );
    expect(paths['/users/{id}/deactivate'].post?.responses).toHaveProperty('409');
  });

  it('never answers with a password or a password hash', () => {
    expect(answers.length).toBeGreaterThan(40);
    for (const text of answers) {
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (isUser(body)) {
        expect(
          Object.keys(body)
            .filter((key) => key !== 'events')
            .sort(),
        ).toEqual(VIEW_KEYS);
      }
      expect(text).not.toMatch(/scrypt\$|password_?hash/i);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('a-brand-new-password');
    }
  });
});

/** A user answer (GET /users/:id adds its events). */
function isUser(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && 'username' in body && 'role' in body;
}
