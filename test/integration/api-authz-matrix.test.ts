import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_VENDOR_ID } from '@salur/apps/cli/src/seed-demo-users';
import { USER_ROLES, type UserRole } from '@salur/libs/domain/auth';
import { ALLOCATION_COMMANDS, PROGRAMME_COMMANDS } from '@salur/libs/temporal';
import { as, loginAs, type Session } from '../support/auth';
import { recordContractFor } from '../support/contracts';
import {
  SOP_ALLOCATION_ACTORS,
  SOP_PROGRAMME_ACTORS,
  SOP_ROLES,
  sopActors,
} from '../support/sop-actors';
import { eventually } from '../support/sop-driver';
import {
  openTestDataSource,
  startTestWorker,
  TEST_JWT_SECRET,
  testConfig,
  testProgramId,
} from '../support/test-app';
import { createTestApi } from '../support/api-app';

const HOME = '33.74.01';
const OTHER = '33.74.02';
const UUID = '00000000-0000-4000-8000-000000000000';

/**
 * Who may do what, through the one guard: every role × every SOP transition endpoint,
 * area roles and the rekanan × objects that are not theirs, the auditor, and requests
 * without a valid token. The allocations stay at step 1, so no request here changes the
 * SOP's state: the step's actor as the SOP names it (test/support/sop-actors.ts) gets past
 * authorisation (a 400 or 409 from the workflow), everyone else gets 403. The demo rekanan's vendor holds HOME's contract (recorded as the
 * contract activity records a signed SPK), so it reaches HOME like every other actor.
 */
describe('authorisation matrix', () => {
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  const http = () => request(app.getHttpServer());
  const sessions = {} as Record<UserRole, Session>;
  const programId = testProgramId();
  const programme = `/programmes/programme-${programId}`;
  const allocation = (kec: string) => `/allocations/allocation-${programId}-${kec}`;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    app = await createTestApi(config);
    for (const role of USER_ROLES) {
      const area =
        role === 'kecamatan_operator'
          ? HOME
          : role === 'kelurahan_operator'
            ? `${HOME}.1001`
            : undefined;
      sessions[role] = await loginAs(app, role, area);
    }
    await as(app, sessions.dinsos_admin)
      .post('/programmes')
      .send({
        programId,
        allocations: [
          { kecamatanCode: HOME, quota: 5 },
          { kecamatanCode: OTHER, quota: 5 },
        ],
      })
      .expect(201);
    await eventually(async () => {
      const res = await as(app, sessions.tim_data).get(programme).expect(200);
      expect(res.body.allocations).toHaveLength(2);
    });
    await recordContractFor(
      dataSource,
      allocation(HOME).slice('/allocations/'.length),
      DEMO_VENDOR_ID,
    );
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  // Every command the API exposes, with the roles the SOP lets send it (test/support/sop-actors.ts,
  // written from the SOP, never from the product's own role tables).
  const transitions = [
    ...PROGRAMME_COMMANDS.map((command) => ({
      command,
      path: `${programme}/commands/${command}`,
      actors: sopActors('programme', command),
    })),
    ...ALLOCATION_COMMANDS.map((command) => ({
      command,
      path: `${allocation(HOME)}/commands/${command}`,
      actors: sopActors('allocation', command),
    })),
  ];

  it("states the SOP's actors of every command the API exposes, for every role", () => {
    const sorted = (names: readonly string[]) => [...names].sort();
    expect(sorted(Object.keys(SOP_PROGRAMME_ACTORS))).toEqual(sorted(PROGRAMME_COMMANDS));
    expect(sorted(Object.keys(SOP_ALLOCATION_ACTORS))).toEqual(sorted(ALLOCATION_COMMANDS));
    expect(sorted(SOP_ROLES)).toEqual(sorted(USER_ROLES));
    const empty = transitions.filter((t) => !t.actors?.length).map((t) => t.command);
    expect(empty).toEqual([]);
  });

  it('lets exactly the SOP actors of each step through (every role × every transition)', async () => {
    // Per command, the roles that got past the guard; compared at the end with the SOP, so a
    // failure lists every widened or narrowed command at once.
    const passed: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    const odd: unknown[] = [];
    for (const { command, path, actors = [] } of transitions) {
      expected[command] = [...actors].sort();
      passed[command] = [];
      for (const role of USER_ROLES) {
        // A role named in the body never counts: the token's role does.
        const res = await as(app, sessions[role])
          .post(path)
          .send({ role: actors[0] ?? 'tim_data', payload: {} });
        const code = (res.body as { code?: string }).code;
        if (res.status === 403 && code === 'ROLE_NOT_ALLOWED') continue;
        // Past the guard, the workflow answers: bad payload (400) or not this step (409).
        if ([200, 400, 409].includes(res.status)) passed[command].push(role);
        else odd.push({ command, role, status: res.status, code });
      }
      passed[command].sort();
    }
    expect(passed).toEqual(expected);
    expect(odd).toEqual([]);
  });

  it('refuses area roles every object of another kecamatan with 404, as if it did not exist', async () => {
    const kecamatan = as(app, sessions.kecamatan_operator);
    const kelurahan = as(app, sessions.kelurahan_operator);
    const other = allocation(OTHER);
    const refused = [
      await kecamatan.get(other),
      await kecamatan.get(`${other}/returned`),
      await kecamatan
        .post(`${other}/proposals`)
        .send({ persons: [{ nik: '3374021107850001', kelurahanCode: `${OTHER}.1001` }] }),
      await kecamatan.post(`${other}/returned/${UUID}/withdraw`),
      await kecamatan.post(`${other}/returned/${UUID}/correct`).send({}),
      await kecamatan.post(`${other}/commands/SUBMIT_REQUEST_LETTER`).send({ payload: {} }),
      await kecamatan.post(`${other}/proposals/import`).field('letterNo', 'L-1'),
      await kelurahan.get(other),
      await kelurahan.get(`${other}/returned`),
      await kelurahan.post(`${other}/commands/RECORD_DISTRIBUTION`).send({ payload: {} }),
      await kecamatan.get(`${other}/proposals`),
      await kelurahan.get(`${other}/proposals/${UUID}`),
      await kelurahan.get(`${other}/complaints`),
    ];
    for (const res of refused) expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    // Same answer as an allocation that does not exist at all.
    const missing = await kecamatan.get(allocation(HOME).replace(programId, testProgramId()));
    expect(missing.body.code).toBe('NOT_FOUND');

    // Their own kecamatan answers; the programme's view shows only their allocation.
    await kecamatan.get(allocation(HOME)).expect(200);
    await kelurahan.get(allocation(HOME)).expect(200);
    for (const session of [kecamatan, kelurahan]) {
      const view = await session.get(programme).expect(200);
      expect(view.body.allocations.map((a: { kecamatanCode: string }) => a.kecamatanCode)).toEqual([
        HOME,
      ]);
    }
    // Lists hold their own kecamatan only (test/integration/api-lists.test.ts goes further).
    await eventually(async () => {
      for (const session of [kecamatan, kelurahan]) {
        const list = await session.get(`/allocations?programme=${programId}`).expect(200);
        expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([
          allocation(HOME).slice('/allocations/'.length),
        ]);
      }
    });
    // City-wide documents are not for area roles; the verval look-up answers a kecamatan
    // operator for its own kecamatan only (verval-why.test.ts), not a kelurahan operator.
    await kecamatan.get(`${programme}/sk`).expect(403);
    await kecamatan.get('/sk').expect(403);
    await kelurahan.get('/programmes').expect(403);
    await kelurahan.post('/verval/why').send({ nik: '3374021107850001' }).expect(403);
  });

  it('refuses the rekanan every allocation its vendor holds no contract of, with 404', async () => {
    const rekanan = as(app, sessions.rekanan);
    const other = allocation(OTHER);
    const refused = [
      await rekanan.get(other),
      await rekanan.post(`${other}/commands/REPORT_PACKING`).send({ payload: { packedCount: 1 } }),
      await rekanan.post(`${other}/commands/VENDOR_READY`).send({ payload: {} }),
      await rekanan.get(`${other}/packing`),
      await rekanan.get(`${other}/evidence`),
    ];
    for (const res of refused) expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);

    await rekanan.get(allocation(HOME)).expect(200);
    const view = await rekanan.get(programme).expect(200);
    expect(view.body.allocations.map((a: { kecamatanCode: string }) => a.kecamatanCode)).toEqual([
      HOME,
    ]);
    await eventually(async () => {
      const list = await rekanan.get(`/allocations?programme=${programId}`).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([
        allocation(HOME).slice('/allocations/'.length),
      ]);
    });
    // Routes that declare no scope are closed to it, as to area roles.
    await rekanan.get('/programmes').expect(403);
  });

  it('lets the auditor read everything and change nothing', async () => {
    const auditor = as(app, sessions.auditor);
    for (const path of [
      programme,
      allocation(HOME),
      allocation(OTHER),
      `${allocation(OTHER)}/returned`,
      `${programme}/sk`,
      '/verval/overrides',
      `/kecamatan/${OTHER}/kelurahan`,
      '/programmes',
      '/allocations',
      '/sk',
      `${allocation(OTHER)}/proposals`,
      `${allocation(OTHER)}/packing`,
      `${programme}/complaints`,
      '/users',
    ]) {
      await auditor.get(path).expect(200);
    }
    const view = await auditor.get(programme).expect(200);
    expect(view.body.allocations).toHaveLength(2);

    const writes = [
      auditor.post('/programmes').send({ programId: testProgramId(), allocations: [] }),
      ...transitions.map((t) => auditor.post(t.path).send({ payload: {} })),
      auditor.post(`${allocation(HOME)}/proposals`).send({ persons: [] }),
      auditor.post(`${allocation(HOME)}/returned/${UUID}/withdraw`),
      auditor.post(`${allocation(HOME)}/returned/${UUID}/correct`).send({}),
      auditor.post(`${allocation(HOME)}/proposals/import`).field('letterNo', 'L-1'),
      auditor.post('/exclusion-registers/pkh/import').field('versionLabel', 'x'),
      auditor.post('/verval/overrides').send({}),
      auditor.post(`/verval/overrides/${UUID}/approve`).send({}),
      auditor.post(`/verval/overrides/${UUID}/reject`).send({}),
      auditor.post(`/sk/${UUID}/amendments`).send({}),
      auditor.post(`/sk-amendments/${UUID}/approve`).send({}),
      auditor.post(`/sk-amendments/${UUID}/reject`).send({}),
      auditor.post('/users').send({}),
      auditor.post(`/users/${UUID}/deactivate`),
      auditor.post(`/users/${UUID}/password`).send({}),
    ];
    for (const res of await Promise.all(writes)) {
      expect([res.status, res.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    }
  });

  it('keeps system_admin out of the SOP and its data', async () => {
    const admin = as(app, sessions.system_admin);
    await admin.get(allocation(HOME)).expect(403);
    await admin.get(programme).expect(403);
    await admin.get('/allocations').expect(403);
    await admin.post('/programmes').send({}).expect(403);
    // User management is its own (test/integration/api-users.test.ts goes further).
    await admin.get('/users').expect(200);
    await as(app, sessions.dinsos_admin).get('/users').expect(403);
  });

  it('answers 401 without a token, with a bad, forged or expired one', async () => {
    const claims = { sub: sessions.tim_data.userId, role: 'tim_data' };
    const now = Math.floor(Date.now() / 1000);
    const expired = new JwtService({ secret: TEST_JWT_SECRET }).sign({
      ...claims,
      iat: now - 7200,
      exp: now - 60,
    });
    const forged = new JwtService({ secret: 'another-secret-of-at-least-32-chars!!' }).sign(claims);
    const notAUser = new JwtService({ secret: TEST_JWT_SECRET }).sign({
      sub: 'x',
      role: 'programme',
    });
    for (const header of [
      undefined,
      'Bearer',
      'Bearer not-a-jwt',
      `Basic ${sessions.tim_data.token}`,
      `Bearer ${expired}`,
      `Bearer ${forged}`,
      `Bearer ${notAUser}`,
    ]) {
      for (const call of [
        () => http().get(allocation(HOME)),
        () => http().post(`${programme}/commands/SEND_QUOTA_LETTER`).send({ payload: {} }),
        () => http().get(`/kecamatan/${HOME}/kelurahan`),
      ]) {
        const req = call();
        const res = await (header ? req.set('authorization', header) : req);
        expect([header, res.status, res.body.code]).toEqual([header, 401, 'UNAUTHORIZED']);
      }
    }
  });

  it('logs in with a stable 401 that does not tell an unknown user from a wrong password', async () => {
    const ok = await http()
      .post('/auth/login')
      .send({ username: 'tim_data', password: DEMO_PASSWORD })
      .expect(200);
    expect(ok.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
      user: { id: sessions.tim_data.userId, role: 'tim_data' },
    });
    const operator = await http()
      .post('/auth/login')
      .send({ username: `kec-${HOME}`, password: DEMO_PASSWORD })
      .expect(200);
    expect(operator.body.user).toMatchObject({ role: 'kecamatan_operator', kecamatanCode: HOME });

    const wrong = await http()
      .post('/auth/login')
      .send({ username: 'tim_data', password: 'wrong' })
      .expect(401);
    const unknown = await http()
      .post('/auth/login')
      .send({ username: 'nobody', password: DEMO_PASSWORD })
      .expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.code).toBe('UNAUTHORIZED');
    const bad = await http().post('/auth/login').send({ username: '' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'username',
      'password',
    ]);
  });
});
