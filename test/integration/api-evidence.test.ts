import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { buildOpenApiDocument } from '@salur/apps/api/src/openapi';
import { type AppConfig } from '@salur/libs/config';
import { EVIDENCE_KIND_NAMES } from '@salur/libs/domain/evidence';
import { DEMO_VENDOR_ID } from '@salur/apps/cli/src/seed-demo-users';
import { as, loginAs } from '../support/auth';
import { recordContractFor } from '../support/contracts';
import { useSopHarness } from '../support/sop-harness';
import { TEST_STATE_DIR } from '../support/services';
import { createTestApi } from '../support/api-app';

const KEC = '33.74.01';
const OTHER_KEC = '33.74.02';
const LIMIT_BYTES = 64 * 1024;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
// Only the signature is sniffed; random bytes behind it make every file distinct.
const pdf = (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]);
const jpeg = (size = 2048) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]);

/** Every file under a directory, recursively (the evidence store and its .incoming). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Evidence uploads over HTTP, on real PostgreSQL and Temporal, with a 64 KB limit. */
describe('evidence of an allocation', () => {
  const harness = useSopHarness();
  const evidenceDir = join(TEST_STATE_DIR, `evidence-${randomUUID()}`);
  let config: AppConfig;
  let app: INestApplication;
  let allocation: string;
  let otherAllocation: string;
  let kelurahan: string[];
  let sessions: Record<
    | 'timData'
    | 'distribusi'
    | 'rekanan'
    | 'auditor'
    | 'skApprover'
    | 'operator'
    | 'otherOperator'
    | 'kelurahanOperator',
    Awaited<ReturnType<typeof loginAs>>
  >;
  const client = (name: keyof typeof sessions) => as(app, sessions[name]);

  beforeAll(async () => {
    config = { ...harness.config, evidence: { dir: evidenceDir, maxBytes: LIMIT_BYTES } };
    app = await createTestApi(config);
    await harness.sop.startProgramme([
      { kecamatanCode: KEC, quota: 2 },
      { kecamatanCode: OTHER_KEC, quota: 2 },
    ]);
    allocation = `/allocations/${harness.sop.allocationId(KEC)}`;
    otherAllocation = `/allocations/${harness.sop.allocationId(OTHER_KEC)}`;
    kelurahan = await harness.sop.kelurahanOf(KEC);
    // The demo rekanan's vendor holds KEC's contract: a rekanan reaches only its own.
    await recordContractFor(harness.dataSource, harness.sop.allocationId(KEC), DEMO_VENDOR_ID);
    sessions = {
      timData: await loginAs(app, 'tim_data'),
      distribusi: await loginAs(app, 'tim_distribusi'),
      rekanan: await loginAs(app, 'rekanan'),
      auditor: await loginAs(app, 'auditor'),
      skApprover: await loginAs(app, 'sk_approver'),
      operator: await loginAs(app, 'kecamatan_operator', KEC),
      otherOperator: await loginAs(app, 'kecamatan_operator', OTHER_KEC),
      kelurahanOperator: await loginAs(app, 'kelurahan_operator', kelurahan[0]),
    };
  });
  afterAll(async () => {
    await app?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  const upload = (
    who: keyof typeof sessions,
    file: Buffer,
    fields: Record<string, string>,
    name = 'BAST Kelurahan 3374014107850001.pdf',
    target = allocation,
  ) => {
    let req = client(who).post(`${target}/evidence`);
    for (const [field, value] of Object.entries(fields)) req = req.field(field, value);
    return req.attach('file', file, { filename: name, contentType: 'application/octet-stream' });
  };

  /** The body as the bytes sent, whatever the media type. */
  const download = (who: keyof typeof sessions, url: string) =>
    client(who)
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  const rowCount = async () =>
    (
      await harness.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM evidence WHERE workflow_id IN ($1, $2)`,
        [harness.sop.allocationId(KEC), harness.sop.allocationId(OTHER_KEC)],
      )
    )[0].n;

  /** A refused upload leaves no file in the store and no row. */
  async function expectNothingLeft(refused: () => Promise<Response>): Promise<Response> {
    const [filesBefore, rowsBefore] = [await filesUnder(evidenceDir), await rowCount()];
    const response = await refused();
    expect(await filesUnder(evidenceDir)).toEqual(filesBefore);
    expect(await rowCount()).toBe(rowsBefore);
    return response;
  }

  it('records a signed BAST (201), hashed and stored by content, uploader from the token', async () => {
    const file = pdf();
    const created = await upload('distribusi', file, {
      kind: 'signed_bast',
      kelurahanCode: kelurahan[1],
      note: 'ditandatangani lurah',
      // Ignored: who uploads comes from the token.
      uploadedBy: 'someone-else',
    }).expect(201);
    const hash = sha256(file);
    expect(created.body).toEqual({
      id: expect.any(String),
      allocationId: harness.sop.allocationId(KEC),
      kecamatanCode: KEC,
      kelurahanCode: kelurahan[1],
      kind: 'signed_bast',
      step: 'collection',
      mediaType: 'application/pdf',
      sizeBytes: file.length,
      sha256: hash,
      // The NIK in the client's name is dropped.
      fileName: 'BAST_Kelurahan.pdf',
      uploadedBy: sessions.distribusi.userId,
      role: 'tim_distribusi',
      uploadedAt: expect.any(String),
      note: 'ditandatangani lurah',
      contentUrl: `${allocation}/evidence/${created.body.id}/content`,
    });
    expect(await readFile(join(evidenceDir, hash.slice(0, 2), hash))).toEqual(file);
    expect(await filesUnder(join(evidenceDir, '.incoming'))).toEqual([]);

    // The same bytes again for the same kind: the same record, 200, nothing new on disk.
    const files = await filesUnder(evidenceDir);
    const again = await upload('operator', file, { kind: 'signed_bast' }, 'other.pdf').expect(200);
    expect(again.body).toEqual(created.body);
    expect(await filesUnder(evidenceDir)).toEqual(files);

    // Under another kind it is another record, sharing the stored content.
    const otherKind = await upload('timData', file, { kind: 'other' }).expect(201);
    expect(otherKind.body.id).not.toBe(created.body.id);
    expect(await filesUnder(evidenceDir)).toEqual(files);
  });

  it('lists newest first, shows one record and serves its bytes with their hash', async () => {
    const first = await upload('rekanan', jpeg(), { kind: 'photo_packing' }, 'packing.jpg').expect(
      201,
    );
    const file = jpeg(10_000);
    const second = await upload('rekanan', file, { kind: 'photo_packing' }, 'packing.jpg').expect(
      201,
    );

    // A list like every other: { items, nextCursor }, page after page by the cursor.
    const page1 = await client('operator').get(`${allocation}/evidence?limit=1`).expect(200);
    expect(page1.body).toEqual({ items: [second.body], nextCursor: expect.any(String) });
    const page2 = await client('operator')
      .get(`${allocation}/evidence`)
      .query({ limit: 1, cursor: page1.body.nextCursor })
      .expect(200);
    expect(page2.body.items.map((e: { id: string }) => e.id)).toEqual([first.body.id]);
    const list = await client('operator').get(`${allocation}/evidence?limit=2`).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([
      second.body.id,
      first.body.id,
    ]);
    const tooMany = await client('operator').get(`${allocation}/evidence?limit=500`).expect(400);
    expect(tooMany.body.fields).toEqual([
      { field: 'limit', reason: 'must be a whole number from 1 to 200' },
    ]);

    const one = await client('timData').get(`${allocation}/evidence/${second.body.id}`).expect(200);
    expect(one.body).toEqual(second.body);

    const content = await download('operator', second.body.contentUrl).expect(200);
    expect(content.body).toEqual(file);
    expect(content.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(file.length),
      'content-disposition': 'attachment; filename="packing.jpg"',
      'x-content-sha256': sha256(file),
      etag: `"${sha256(file)}"`,
      'x-content-type-options': 'nosniff',
    });
    await client('operator')
      .get(second.body.contentUrl)
      .set('If-None-Match', `"${sha256(file)}"`)
      .expect(304);
    // Another allocation's path does not reach the record.
    await client('timData').get(`${otherAllocation}/evidence/${second.body.id}`).expect(404);
    await client('timData').get(`${allocation}/evidence/not-a-uuid`).expect(404);
  });

  it('refuses a file over the limit with 413 naming it, and keeps nothing', async () => {
    const refused = await expectNothingLeft(() =>
      upload('timData', pdf(LIMIT_BYTES), { kind: 'other' }).expect(413),
    );
    expect(refused.body).toEqual({
      code: 'UPLOAD_TOO_LARGE',
      message: expect.stringContaining('64 KB evidence limit (65536 bytes)'),
      limitBytes: LIMIT_BYTES,
      fields: [{ field: 'file', reason: 'is larger than the 64 KB evidence limit (65536 bytes)' }],
    });
    // Exactly the limit is taken.
    const exact = pdf(LIMIT_BYTES - 9);
    expect(exact.length).toBe(LIMIT_BYTES);
    await upload('timData', exact, { kind: 'other' }).expect(201);
  });

  it('judges the type by the bytes: text named .jpg is 415, an empty file 400', async () => {
    const refused = await expectNothingLeft(() =>
      client('rekanan')
        .post(`${allocation}/evidence`)
        .field('kind', 'photo_packing')
        .attach('file', Buffer.from('just some text, not a photo'), {
          filename: 'foto.jpg',
          contentType: 'image/jpeg',
        })
        .expect(415),
    );
    expect(refused.body).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      accepted: ['image/jpeg', 'image/png', 'application/pdf'],
      fields: [{ field: 'file', reason: expect.stringMatching(/JPEG, PNG or PDF/) }],
    });
    const empty = await expectNothingLeft(() =>
      upload('rekanan', Buffer.alloc(0), { kind: 'photo_packing' }, 'kosong.jpg').expect(400),
    );
    expect(empty.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'file', reason: 'is empty' }],
    });
    const noKind = await expectNothingLeft(() => upload('timData', pdf(), {}).expect(400));
    expect(noKind.body.fields).toEqual([
      { field: 'kind', reason: expect.stringMatching(/^is required/) },
    ]);
    const outside = await expectNothingLeft(() =>
      upload('timData', pdf(), { kind: 'other', kelurahanCode: '33.74.02.1001' }).expect(400),
    );
    expect(outside.body.fields).toEqual([
      { field: 'kelurahanCode', reason: `must be a kelurahan code of kecamatan ${KEC}` },
    ]);
  });

  it('lets each role upload only its kinds: 403 for the wrong role, 404 outside the area', async () => {
    const wrongKind = await expectNothingLeft(() =>
      upload('rekanan', pdf(), { kind: 'signed_bast' }).expect(403),
    );
    expect(wrongKind.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(wrongKind.body.message).toMatch(/rekanan may not upload signed_bast/);
    const noUploader = await expectNothingLeft(() =>
      upload('skApprover', pdf(), { kind: 'other' }).expect(403),
    );
    expect(noUploader.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });

    // Another kecamatan's operator: as if the allocation did not exist.
    const notFound = await expectNothingLeft(() =>
      upload('otherOperator', pdf(), { kind: 'signed_bast' }).expect(404),
    );
    expect(notFound.body).toMatchObject({ code: 'NOT_FOUND' });
    await client('otherOperator').get(`${allocation}/evidence`).expect(404);
    await upload('operator', pdf(), { kind: 'photo_distribution' }).expect(201);
    const listed = await client('operator').get(`${allocation}/evidence`).expect(200);
    const [shown] = listed.body.items as { id: string; contentUrl: string }[];
    await client('otherOperator').get(`${allocation}/evidence/${shown.id}`).expect(404);
    await client('otherOperator').get(shown.contentUrl).expect(404);

    // An allocation that does not exist.
    await expectNothingLeft(() =>
      upload(
        'timData',
        pdf(),
        { kind: 'other' },
        'x.pdf',
        `/allocations/allocation-nope-${KEC}`,
      ).expect(404),
    );
  });

  it('keeps a kelurahan operator to its own kelurahan', async () => {
    const own = await upload('kelurahanOperator', jpeg(), { kind: 'photo_distribution' }).expect(
      201,
    );
    expect(own.body.kelurahanCode).toBe(kelurahan[0]);
    const other = await expectNothingLeft(() =>
      upload('kelurahanOperator', jpeg(), {
        kind: 'photo_distribution',
        kelurahanCode: kelurahan[1],
      }).expect(403),
    );
    expect(other.body.message).toBe(
      `a kelurahan operator attaches evidence only to kelurahan ${kelurahan[0]}`,
    );
  });

  it('lets the auditor read and download, never upload', async () => {
    const file = pdf();
    const created = await upload('timData', file, { kind: 'signed_ba_monev' }).expect(201);
    const list = await client('auditor').get(`${allocation}/evidence`).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);
    await client('auditor').get(`${allocation}/evidence/${created.body.id}`).expect(200);
    const content = await download('auditor', created.body.contentUrl).expect(200);
    expect(sha256(content.body as Buffer)).toBe(created.body.sha256);

    const refused = await expectNothingLeft(() =>
      upload('auditor', pdf(), { kind: 'other' }).expect(403),
    );
    expect(refused.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('documents the multipart upload in OpenAPI', () => {
    const paths = buildOpenApiDocument(app).paths;
    const post = paths['/allocations/{id}/evidence']?.post;
    const form = post?.requestBody as {
      content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }>;
    };
    expect(form.content['multipart/form-data'].schema.properties.kind.enum).toEqual(
      EVIDENCE_KIND_NAMES,
    );
    expect(Object.keys(post?.responses ?? {}).sort()).toEqual(
      ['200', '201', '400', '403', '404', '413', '415'].sort(),
    );
    expect(paths['/allocations/{id}/evidence/{evidenceId}/content']?.get).toBeDefined();
  });
});
