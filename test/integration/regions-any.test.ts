import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { KecamatanAttr, KotaKodeAttr, ProgramIdAttr } from '@salur/libs/temporal';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { proposedPerson, residents, semarangNik } from '../support/factories';
import { submitRequestLetter } from '../support/programme-api';
import { eventually, SopDriver } from '../support/sop-driver';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';

/** Kota Bandung (Jawa Barat): Sukasari and Coblong, with two kelurahan of Sukasari. */
const BANDUNG = '32.73';
const SUKASARI = '32.73.01';
const COBLONG = '32.73.02';
const SUKASARI_KELURAHAN = ['32.73.01.1001', '32.73.01.1002'];
const PASSWORD = 'correct-horse-battery';

/**
 * Any kabupaten/kota of Indonesia: a programme names its kota, takes only that kota's
 * kecamatan, carries the kota as a search attribute, and verval's residency is that kota's.
 */
describe('a programme of any kabupaten/kota', () => {
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let sop: SopDriver;
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    sop = await SopDriver.connect(config, dataSource);
    app = await createTestApi(config);
    admin = as(app, await loginAs(app, 'dinsos_admin'));
  });
  afterAll(async () => {
    await app?.close();
    await sop?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  /** A user made through POST /users, as the system_admin does, then signed in. */
  async function newUser(body: Record<string, unknown>) {
    const system = as(app, await loginAs(app, 'system_admin'));
    const created = await system.post('/users').send({ password: PASSWORD, ...body });
    const login = await request(app.getHttpServer())
      .post('/auth/login')
      .send({ username: body.username, password: PASSWORD });
    return { created, session: login.body as { accessToken: string; user: { id: string } } };
  }

  it('seeds every region: 38 provinsi, 514 kabupaten/kota, 7,285 kecamatan, 83,762 kelurahan/desa', async () => {
    const rows: { level: string; n: number }[] = await dataSource.query(
      'SELECT level, count(*)::int AS n FROM region GROUP BY level ORDER BY level',
    );
    expect(rows).toEqual([
      { level: 'kabupaten_kota', n: 514 },
      { level: 'kecamatan', n: 7285 },
      { level: 'kelurahan_desa', n: 83762 },
      { level: 'provinsi', n: 38 },
    ]);
    const tim = as(app, await loginAs(app, 'tim_data'));
    const bandung = await tim.get('/regions').query({ kota: BANDUNG }).expect(200);
    const kecamatan = (bandung.body.items as { level: string }[]).filter(
      (r) => r.level === 'kecamatan',
    );
    expect(kecamatan).toHaveLength(30);
    expect(bandung.body.items[0]).toEqual({
      code: SUKASARI,
      name: 'Sukasari',
      level: 'kecamatan',
      parentCode: BANDUNG,
    });
  });

  it('starts a Kota Bandung programme whose residents pass verval and a Semarang NIK is NOT_RESIDENT', async () => {
    const programId = testProgramId();
    const started = await admin
      .post('/programmes')
      .send({
        programId,
        kotaCode: BANDUNG,
        allocations: [
          { kecamatanCode: SUKASARI, quota: 10 },
          { kecamatanCode: COBLONG, quota: 10 },
        ],
        settings: { stepSla: '48h', amountPerKpm: 600000, exclusionRegisters: ['PKH'] },
      })
      .expect(201);
    expect(started.body.allocationIds).toEqual([
      `allocation-${programId}-${SUKASARI}`,
      `allocation-${programId}-${COBLONG}`,
    ]);

    const programme = sop.client.workflow.getHandle(`programme-${programId}`);
    const described = await programme.describe();
    expect(described.typedSearchAttributes.get(KotaKodeAttr)).toBe(BANDUNG);
    expect(described.typedSearchAttributes.get(ProgramIdAttr)).toBe(programId);
    await eventually(async () => {
      const child = await sop.client.workflow
        .getHandle(`allocation-${programId}-${SUKASARI}`)
        .describe();
      expect(child.typedSearchAttributes.get(KotaKodeAttr)).toBe(BANDUNG);
      expect(child.typedSearchAttributes.get(KecamatanAttr)).toBe(SUKASARI);
    });
    const [firstEvent] = (await programme.fetchHistory()).events ?? [];
    // Payloads are encrypted in the history: read through the client's codec.
    const input = await decodeFromPayloadsAtIndex<{
      kotaCode: string;
      timing: { stepSlaMs: number };
      settings: unknown;
    }>(
      sop.client.options.loadedDataConverter,
      0,
      firstEvent.workflowExecutionStartedEventAttributes!.input!.payloads,
    );
    expect(input).toMatchObject({
      kotaCode: BANDUNG,
      timing: { stepSlaMs: 48 * 3_600_000 },
      settings: { amountPerKpm: 600000, exclusionRegisters: ['PKH'] },
    });

    // A kecamatan operator of Sukasari, made like any other, works that allocation.
    const { created, session } = await newUser({
      username: `kec-${programId}`,
      role: 'kecamatan_operator',
      kecamatanCode: SUKASARI,
    });
    expect(created.status).toBe(201);
    const operator = as(app, { token: session.accessToken, userId: session.user.id });
    const tim = as(app, await loginAs(app, 'tim_data'));
    await eventually(async () => {
      const res = await tim.get(`/programmes/programme-${programId}`).expect(200);
      for (const a of res.body.allocations) expect(a.allowed).toContain('SEND_QUOTA_LETTER');
    });
    await tim
      .post(`/programmes/programme-${programId}/commands/SEND_QUOTA_LETTER`)
      .send({ payload: { letterNo: `SE-${programId}` } })
      .expect(200);
    const allocation = `/allocations/allocation-${programId}-${SUKASARI}`;
    await submitRequestLetter(operator, allocation);

    const persons = [
      ...residents(SUKASARI, SUKASARI_KELURAHAN, 3),
      // Issued in Semarang Tengah: a Semarang resident is not a Bandung one.
      proposedPerson(semarangNik('33.74.01'), SUKASARI_KELURAHAN[0]),
    ];
    const batch = await operator.post(`${allocation}/proposals`).send({ persons }).expect(201);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { ...batch.body } })
      .expect(200);
    const verval = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(verval.body).toMatchObject({ counts: { accepted: 3, rejected: 1 } });
    const returned = await operator.get(`${allocation}/returned`).expect(200);
    expect(returned.body).toEqual([
      {
        recipientId: expect.any(String),
        kelurahanCode: SUKASARI_KELURAHAN[0],
        reasons: ['NOT_RESIDENT'],
      },
    ]);
  });

  it('names a kecamatan outside the kota, an unknown kota or kecamatan, and a bad setting with a 400', async () => {
    const start = (body: Record<string, unknown>) =>
      admin.post('/programmes').send({ programId: testProgramId(), ...body });

    const outside = await start({
      kotaCode: BANDUNG,
      allocations: [
        { kecamatanCode: SUKASARI, quota: 1 },
        { kecamatanCode: '33.74.01', quota: 1 },
      ],
    }).expect(400);
    expect(outside.body.fields).toEqual([
      {
        field: 'allocations[1].kecamatanCode',
        reason: '33.74.01 is not a kecamatan of kabupaten/kota 32.73',
      },
    ]);

    const unknownKota = await start({
      kotaCode: '32.99',
      allocations: [{ kecamatanCode: '32.99.01', quota: 1 }],
    }).expect(400);
    expect(unknownKota.body.fields).toEqual([
      { field: 'kotaCode', reason: 'no kabupaten/kota with code 32.99' },
    ]);

    const unknownKecamatan = await start({
      kotaCode: BANDUNG,
      allocations: [{ kecamatanCode: '32.73.99', quota: 1 }],
    }).expect(400);
    expect(unknownKecamatan.body.fields).toEqual([
      {
        field: 'allocations[0].kecamatanCode',
        reason: 'no kecamatan with code 32.73.99 in Kota Bandung',
      },
    ]);

    const badSetting = await start({
      kotaCode: BANDUNG,
      allocations: [{ kecamatanCode: SUKASARI, quota: 1 }],
      settings: { exclusionRegisters: ['DTKS'] },
    }).expect(400);
    expect(badSetting.body.fields).toEqual([
      {
        field: 'settings.exclusionRegisters',
        reason: 'must be a list without repeats of PKH, BPNT, BST, KJS, PERMAKANAN, ISOMAN',
      },
    ]);
  });

  it('makes kecamatan and kelurahan operators of any kota, and names a code not in the region table', async () => {
    const suffix = testProgramId();
    const kelurahan = await newUser({
      username: `kel-${suffix}`,
      role: 'kelurahan_operator',
      kecamatanCode: SUKASARI,
      kelurahanCode: SUKASARI_KELURAHAN[1],
    });
    expect(kelurahan.created.status).toBe(201);
    expect(kelurahan.created.body).toMatchObject({ kelurahanCode: SUKASARI_KELURAHAN[1] });

    const unknown = await newUser({
      username: `kec-x-${suffix}`,
      role: 'kecamatan_operator',
      kecamatanCode: '32.73.99',
    });
    expect(unknown.created.status).toBe(400);
    expect(unknown.created.body.fields).toEqual([
      { field: 'kecamatanCode', reason: 'no kecamatan 32.73.99' },
    ]);
  });
});
