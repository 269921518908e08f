import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@salur/libs/config/app-config';
import type { PayloadKeys } from '@salur/libs/config/payload-keys';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
} from '@salur/libs/temporal/payload-codec';
import { SopStepAttr, StuckAttr } from '@salur/libs/temporal/search-attributes';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { eventually, SopDriver } from '../support/sop-driver';
import { openTestDataSource, startTestWorker, testConfig } from '../support/test-app';

/**
 * Workflow payloads reach Temporal encrypted: its history, read with a client that has no
 * codec (as the server's operator or a stolen backup would), shows no letter number and no
 * name. The API's codec endpoint, which the Web UI calls, decrypts them for the auditor and
 * dinsos_admin only. A rotated key keeps old histories readable while it stays listed.
 */
describe('workflow payloads encrypted, readable by those allowed', () => {
  const LETTER_NO = 'SE-RAHASIA-4711/2021';
  const OFFICIAL = 'Dra. Sri Wahyuni Handayani';
  const KEC = '33.74.07';
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  const keysOf = (current: string, ...keys: [string, Buffer][]): PayloadKeys => ({
    keys: new Map(keys),
    currentKeyId: current,
  });
  const base = testConfig();
  const withKeyA: AppConfig = { ...base, payloadKeys: keysOf('key-a', ['key-a', keyA]) };
  // The rotation: key-b encrypts from now on, key-a stays to read what it wrote.
  const rotated: AppConfig = {
    ...base,
    payloadKeys: keysOf('key-b', ['key-b', keyB], ['key-a', keyA]),
  };

  let dataSource: DataSource;
  let api: INestApplication;
  let raw: Client;
  let sop: SopDriver;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(withKeyA, dataSource);
    sop = await SopDriver.connect(withKeyA, dataSource);
    // What anyone with access to Temporal alone sees: no codec.
    raw = new Client({ connection: await Connection.connect({ address: base.temporal.address }) });
  });
  afterAll(async () => {
    await worker?.stop();
    await sop?.close();
    await raw?.connection.close();
    await api?.close();
    await dataSource?.destroy();
  });

  /**
   * Every payload of a history, except those Temporal keeps out of codecs by design: search
   * attributes, and the patch markers the SDK's core writes itself (a patch id, no data).
   */
  function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
    if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return found;
    const record = value as Record<string, unknown>;
    if (record.metadata && typeof record.metadata === 'object' && 'data' in record) {
      found.push(record);
      return found;
    }
    for (const [key, item] of Object.entries(record)) {
      if (key !== 'searchAttributes' && key !== 'patch-data') payloadsIn(item, found);
    }
    return found;
  }
  /** Every byte string of a history, search attributes included, as text. */
  function bytesIn(value: unknown, found: string[] = []): string[] {
    if (value instanceof Uint8Array) found.push(Buffer.from(value).toString('latin1'));
    else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) bytesIn(item, found);
    } else if (typeof value === 'string') found.push(value);
    return found;
  }
  const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();
  const asJson = (payloads: Payload[]) => ({
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data ?? []).toString('base64'),
    })),
  });

  let keyAPayloads: Payload[];

  it('leaves only ciphertext in the server’s history, under the current key id', async () => {
    await sop.startProgramme([{ kecamatanCode: KEC, quota: 2 }]);
    // Through the API as well: its Temporal client encrypts too.
    api = await createTestApi(withKeyA);
    const tim = as(api, await loginAs(api, 'tim_data'));
    await tim
      .post(`/programmes/${sop.programmeId}/commands/SEND_QUOTA_LETTER`)
      .send({ payload: { letterNo: LETTER_NO } })
      .expect(200);
    await api.close();

    const history = await raw.workflow.getHandle(sop.programmeId).fetchHistory();
    const everything = bytesIn(history).join('\n');
    // Ids and search attributes stay readable (Temporal's design); they hold no personal data.
    expect(everything).toContain(sop.programmeId);
    expect(everything).not.toContain(LETTER_NO);
    keyAPayloads = payloadsIn(history);
    // The programme's step is a search attribute like an allocation's: readable without keys.
    const { allocations } = await sop.programme();
    await eventually(async () => {
      const { typedSearchAttributes } = await raw.workflow.getHandle(sop.programmeId).describe();
      expect(typedSearchAttributes.get(SopStepAttr)).toBe(allocations[0].step);
      expect(typedSearchAttributes.get(StuckAttr)).toBe(false);
    });
    expect(keyAPayloads.length).toBeGreaterThan(3);
    for (const payload of keyAPayloads) {
      expect(text(payload.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata?.[KEY_ID_METADATA])).toBe('key-a');
    }
  });

  it('decodes them through the API for the auditor and dinsos_admin, refuses others', async () => {
    api = await createTestApi(rotated);
    const body = asJson(keyAPayloads);
    const auditor = as(api, await loginAs(api, 'auditor'));
    const res = await auditor
      .post('/codec/decode')
      .set('X-Namespace', 'default')
      .send(body)
      .expect(200);
    const decoded = (res.body as ReturnType<typeof asJson>).payloads;
    expect(decoded).toHaveLength(keyAPayloads.length);
    const clear = decoded.map((p) => Buffer.from(p.data, 'base64').toString()).join('\n');
    expect(clear).toContain(LETTER_NO);
    expect(
      decoded.every(
        (p) => Buffer.from(p.metadata.encoding, 'base64').toString() !== 'binary/encrypted',
      ),
    ).toBe(true);

    const admin = as(api, await loginAs(api, 'dinsos_admin'));
    await admin.post('/codec/decode').send(body).expect(200);
    const operator = as(api, await loginAs(api, 'kecamatan_operator', KEC));
    const refused = await operator.post('/codec/decode').send(body).expect(403);
    expect(JSON.stringify(refused.body)).not.toContain(LETTER_NO);
    await as(api, await loginAs(api, 'tim_data'))
      .post('/codec/decode')
      .send(body)
      .expect(403);
    const anonymous = await request(api.getHttpServer()).post('/codec/decode').send(body);
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain(LETTER_NO);
  });

  it('keeps a history written with key A readable after rotating to key B', async () => {
    // The worker moves to the rotated keys (the API runs on them since the last test); a
    // fresh worker replays the histories written under key A to answer.
    await worker.stop();
    worker = await startTestWorker(rotated, dataSource);
    const auditor = as(api, await loginAs(api, 'auditor'));
    await auditor.get(`/programmes/${sop.programmeId}`).expect(200);

    // The kecamatan's request letter, signed by its Camat, is written under key B, in a
    // history whose earlier payloads (its start, the quota letter) stay under key A.
    const operator = as(api, await loginAs(api, 'kecamatan_operator', KEC));
    await operator
      .post(`/allocations/${sop.allocationId(KEC)}/commands/SUBMIT_REQUEST_LETTER`)
      .send({
        payload: {
          letterNo: '460/rahasia/2021',
          letterDate: '2021-07-12',
          acknowledgedByCamat: true,
          camat: { name: OFFICIAL },
        },
      })
      .expect(200);
    const history = await raw.workflow.getHandle(sop.allocationId(KEC)).fetchHistory();
    expect(bytesIn(history).join('\n')).not.toContain(OFFICIAL);
    const payloads = payloadsIn(history);
    const keyIds = new Set(payloads.map((p) => text(p.metadata?.[KEY_ID_METADATA])));
    expect([...keyIds].sort()).toEqual(['key-a', 'key-b']);
    const res = await auditor.post('/codec/decode').send(asJson(payloads)).expect(200);
    const clear = (res.body as ReturnType<typeof asJson>).payloads
      .map((p) => Buffer.from(p.data, 'base64').toString())
      .join('\n');
    expect(clear).toContain(LETTER_NO);
    expect(clear).toContain(OFFICIAL);

    // Without key A listed, its payloads are refused naming it, not shown as garbage.
    const onlyB = new AesGcmPayloadCodec(keysOf('key-b', ['key-b', keyB]));
    await expect(onlyB.decode(keyAPayloads)).rejects.toThrow(/key "key-a", which is not in/);
    const tampered = { ...keyAPayloads[0], data: Buffer.from(keyAPayloads[0].data ?? []) };
    tampered.data[20] ^= 1;
    const refusal = await auditor
      .post('/codec/decode')
      .send(asJson([tampered]))
      .expect(400);
    expect(JSON.stringify(refusal.body)).toContain('key-a');
  });

  it('hands back a payload that was never encrypted as it is', async () => {
    const plain = new DefaultPayloadConverter().toPayload({ letterNo: 'SE-lama' });
    const auditor = as(api, await loginAs(api, 'auditor'));
    const res = await auditor
      .post('/codec/decode')
      .send(asJson([plain]))
      .expect(200);
    expect(res.body).toEqual(asJson([plain]));
  });

  it('answers the Web UI’s origin across origins, and no other', async () => {
    const preflight = (origin: string) =>
      request(api.getHttpServer())
        .options('/codec/decode')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');
    const ui = await preflight('http://127.0.0.1:8233').expect(204);
    expect(ui.headers['access-control-allow-origin']).toBe('http://127.0.0.1:8233');
    expect(ui.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await preflight('https://evil.example').expect(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    // Other routes allow no origin at all.
    const users = await request(api.getHttpServer())
      .get('/users')
      .set('Origin', 'http://127.0.0.1:8233');
    expect(users.headers['access-control-allow-origin']).toBeUndefined();
  });
});
