import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { pdfPages } from '@salur/libs/documents/documents.testing';
import { createDocumentServices, type StoredDocument } from '@salur/libs/persistence';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { useSopHarness } from '../support/sop-harness';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** supertest's parser for a binary answer: the bytes as they came. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Listed {
  kelurahanCode: string;
  signed: boolean;
  documents: {
    id: string;
    kind: string;
    format: string;
    version: number;
    current: boolean;
    sha256: string;
    verificationCode: string;
    stepRecordId: string;
    contentUrl: string;
    signed: { evidenceId: string }[];
  }[];
}

/**
 * Step 6's papers on real Temporal and PostgreSQL: generated for exactly the kelurahan the SK
 * gives recipients, registered once, downloadable within one's area, verifiable by code and
 * by bytes; and at step 17 the signed scan is required and linked to them.
 */
describe('BNBA and BAST per kelurahan', () => {
  const h = useSopHarness();
  const kec = '33.74.01';
  let app: INestApplication;
  let allocation: string;
  let withRecipients: string[];

  beforeAll(async () => {
    app = await createTestApi(h.config);
    allocation = `/allocations/${h.sop.allocationId(kec)}`;
    await h.sop.startProgramme([{ kecamatanCode: kec, quota: 7 }]);
    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-DOC' });
    // Five persons, one in each of the first five kelurahan: the others have none.
    const kelurahan = await h.sop.kelurahanOf(kec);
    expect(kelurahan.length).toBeGreaterThan(7);
    await h.sop.propose(kec, 5);
    withRecipients = kelurahan.slice(0, 5);
    await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-DOC' });
    await h.sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/DOC/2021' });
    const view = await h.sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    expect(view.kelurahan.listed).toEqual(withRecipients);
  });
  afterAll(async () => {
    await app?.close();
  });

  const documents = () =>
    h.dataSource.query<(StoredDocument & { stepBusinessKey: string })[]>(
      `SELECT d.kind, d.rendition, d.kelurahan_code AS "kelurahanCode", d.version, d.sha256,
              d.verification_code AS "verificationCode", s.business_key AS "stepBusinessKey"
         FROM generated_document d JOIN sop_step_record s ON s.id = d.step_record_id
        WHERE d.workflow_id = $1 ORDER BY d.kelurahan_code, d.kind, d.rendition, d.version`,
      [h.sop.allocationId(kec)],
    );

  it('generates a BNBA (PDF and XLSX) and a BAST for exactly the kelurahan with recipients, each tied to its step record', async () => {
    const rows = await documents();
    expect(rows.map((d) => `${d.kelurahanCode} ${d.kind} ${d.rendition} v${d.version}`)).toEqual(
      withRecipients.flatMap((code) => [
        `${code} bast pdf v1`,
        `${code} bnba pdf v1`,
        `${code} bnba xlsx v1`,
      ]),
    );
    expect(rows.every((d) => d.stepBusinessKey === d.kelurahanCode)).toBe(true);
  });

  it('adds nothing when the same data are generated again (a retried activity)', async () => {
    const before = await documents();
    const services = createDocumentServices(h.dataSource, h.config.documents);
    const papers = await services.papers.plan(h.sop.programId, h.sop.allocationId(kec), kec);
    const again = await services.papers.generate(papers, papers.kelurahan[0], 'x', {
      id: 'u-retry',
      role: 'tim_data',
    });
    expect(again.map((d) => d.version)).toEqual([1, 1, 1]);
    expect(await documents()).toEqual(before);
  });

  it('lists the papers per kelurahan; a kelurahan operator sees and fetches only its own', async () => {
    const tim = as(app, await loginAs(app, 'tim_data'));
    const list = (await tim.get(`${allocation}/documents`).expect(200)).body as {
      kelurahan: Listed[];
    };
    expect(list.kelurahan.map((k) => k.kelurahanCode)).toEqual(withRecipients);
    expect(list.kelurahan.every((k) => k.documents.length === 3 && !k.signed)).toBe(true);

    const lurah = as(app, await loginAs(app, 'kelurahan_operator', `${kec}.1001`));
    const own = (await lurah.get(`${allocation}/documents`).expect(200)).body as {
      kelurahan: Listed[];
    };
    expect(own.kelurahan.map((k) => k.kelurahanCode)).toEqual([`${kec}.1001`]);
    const neighbour = list.kelurahan.find((k) => k.kelurahanCode === `${kec}.1002`)!;
    const theirBnba = neighbour.documents.find((d) => d.kind === 'bnba')!;
    const refused = await lurah.get(theirBnba.contentUrl).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    await lurah.get(own.kelurahan[0].documents[0].contentUrl).expect(200);

    // Another kecamatan's operator: the allocation itself is not found.
    const other = as(app, await loginAs(app, 'kecamatan_operator', '33.74.02'));
    await other.get(`${allocation}/documents`).expect(404);
  });

  it("serves the BNBA with the SK's persons, NIK masked; full NIKs only for Dinsos staff, logged", async () => {
    const operator = as(app, await loginAs(app, 'kecamatan_operator', kec));
    const list = (await operator.get(`${allocation}/documents`).expect(200)).body as {
      kelurahan: Listed[];
    };
    const bnba = list.kelurahan[0].documents.find((d) => d.kind === 'bnba' && d.format === 'pdf')!;
    const res = await operator.get(bnba.contentUrl).buffer(true).parse(binary).expect(200);
    const bytes = res.body as Buffer;
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(sha256(bytes)).toBe(bnba.sha256);
    expect(res.headers['x-content-sha256']).toBe(bnba.sha256);

    const persons = await h.dataSource.query<{ nik: string; name: string }[]>(
      `SELECT s.nik, p.name FROM sk_recipient s JOIN proposed_recipient p ON p.id = s.recipient_id
        JOIN sk_section x ON x.sk_id = s.sk_id AND x.workflow_id = $1
        WHERE s.kelurahan_code = $2`,
      [h.sop.allocationId(kec), `${kec}.1001`],
    );
    expect(persons.length).toBeGreaterThan(0);
    const text = pdfPages(bytes).join('\n');
    for (const person of persons) {
      expect(text).toContain(`************${person.nik.slice(-4)}`);
      expect(text).not.toContain(person.nik);
    }
    expect(text).toContain('Halaman 1 dari 1');
    expect(text).toContain('Lurah');
    expect(text).toContain(`Jumlah penerima pada daftar ini: ${persons.length}`);

    const refused = await operator.get(`${bnba.contentUrl}?nik=full`).expect(403);
    expect(refused.body.message).toMatch('may not print full NIKs');
    const bad = await operator.get(`${bnba.contentUrl}?nik=all`).expect(400);
    expect(bad.body.fields).toEqual([{ field: 'nik', reason: expect.any(String) }]);

    const tim = await loginAs(app, 'tim_data');
    const full = await as(app, tim)
      .get(`${bnba.contentUrl}?nik=full`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const fullText = pdfPages(full.body as Buffer).join('\n');
    for (const person of persons) expect(fullText).toContain(person.nik);

    const log = await h.dataSource.query<
      { action: string; nik: string; actor: string; sha: string }[]
    >(
      `SELECT action, nik, actor_id AS actor, sha256 AS sha FROM document_access_log
        WHERE document_id = $1 ORDER BY at, id`,
      [bnba.id],
    );
    expect(log.map((l) => `${l.action} ${l.nik}`)).toEqual([
      'generated masked',
      'downloaded masked',
      'downloaded full',
    ]);
    expect(log[2]).toMatchObject({ actor: tim.userId, sha: sha256(full.body as Buffer) });
  });

  it('verifies by code without a token, saying only what the paper says', async () => {
    const [bast] = (await documents()).filter((d) => d.kind === 'bast');
    const res = await request(app.getHttpServer())
      .get(`/verify/${bast.verificationCode.toLowerCase().replace('-', '')}`)
      .expect(200);
    expect(res.body).toEqual({
      status: 'valid',
      message: expect.stringContaining('berlaku'),
      kind: 'bast',
      title: 'Berita Acara Serah Terima Bantuan Paket Sembako',
      number: `BAST/${bast.kelurahanCode}/${h.sop.programId.toUpperCase()}`,
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      issuer: 'Pemerintah Kota Semarang - Dinas Sosial',
      version: 1,
      format: 'pdf',
      verificationCode: bast.verificationCode,
      supersededBy: null,
    });
    await request(app.getHttpServer()).get('/verify/ZZZZZ-ZZZZZ').expect(404);
    const bad = await request(app.getHttpServer()).get('/verify/not-a-code').expect(400);
    expect(bad.body.fields).toEqual([{ field: 'code', reason: expect.any(String) }]);
  });

  it('verifies an uploaded file by its bytes: the PDF as issued does, one changed byte does not', async () => {
    const tim = as(app, await loginAs(app, 'tim_data'));
    const [bnba] = (await documents()).filter((d) => d.kind === 'bnba' && d.rendition === 'pdf');
    const list = (await tim.get(`${allocation}/documents`).expect(200)).body as {
      kelurahan: Listed[];
    };
    const listed = list.kelurahan[0].documents.find((d) => d.sha256 === bnba.sha256)!;
    const bytes = (await tim.get(listed.contentUrl).buffer(true).parse(binary).expect(200))
      .body as Buffer;
    const upload = (file: Buffer) =>
      request(app.getHttpServer())
        .post('/verify')
        .attach('file', file, { filename: 'bnba.pdf', contentType: 'application/pdf' })
        .expect(200);
    expect((await upload(bytes)).body).toMatchObject({
      verified: true,
      status: 'valid',
      kind: 'bnba',
      verificationCode: bnba.verificationCode,
    });
    const changed = Buffer.from(bytes);
    changed[Math.floor(changed.length / 2)] ^= 0x01;
    expect((await upload(changed)).body).toMatchObject({ verified: false });
    const missing = await request(app.getHttpServer()).post('/verify').expect(400);
    expect(missing.body.fields).toEqual([{ field: 'file', reason: expect.any(String) }]);
  });

  it('registers changed data as a new version that supersedes the old one', async () => {
    const code = `${kec}.1001`;
    const [v1] = (await documents()).filter((d) => d.kelurahanCode === code && d.kind === 'bast');
    await h.dataSource.query(
      `UPDATE proposed_recipient SET name = 'NAMA DIPERBAIKI' WHERE id IN (
         SELECT s.recipient_id FROM sk_recipient s JOIN sk_section x
             ON x.sk_id = s.sk_id AND x.workflow_id = $1 WHERE s.kelurahan_code = $2 LIMIT 1)`,
      [h.sop.allocationId(kec), code],
    );
    const services = createDocumentServices(h.dataSource, h.config.documents);
    const papers = await services.papers.plan(h.sop.programId, h.sop.allocationId(kec), kec);
    const kelurahan = papers.kelurahan.find((k) => k.code === code)!;
    const [record]: { id: string }[] = await h.dataSource.query(
      `SELECT id FROM sop_step_record WHERE workflow_id = $1 AND step = 'bast-bnba' AND business_key = $2`,
      [h.sop.allocationId(kec), code],
    );
    const generated = await services.papers.generate(papers, kelurahan, record.id, {
      id: 'u-tim_data',
      role: 'tim_data',
    });
    // The BNBA prints the name, so it changes; the BAST prints only the count: unchanged.
    expect(generated.map((d) => `${d.kind} ${d.rendition} v${d.version}`)).toEqual([
      'bnba pdf v2',
      'bnba xlsx v2',
      'bast pdf v1',
    ]);
    expect(generated[2].verificationCode).toBe(v1.verificationCode);
    const [oldBnba] = (await documents()).filter(
      (d) =>
        d.kelurahanCode === code && d.kind === 'bnba' && d.rendition === 'pdf' && d.version === 1,
    );
    const answer = await request(app.getHttpServer())
      .get(`/verify/${oldBnba.verificationCode}`)
      .expect(200);
    expect(answer.body).toMatchObject({
      status: 'superseded',
      supersededBy: { version: 2, verificationCode: generated[0].verificationCode },
    });
  });

  it('at step 17 refuses RECORD_SIGNED_BAST without the scan, naming the kelurahan, and links the scan once given', async () => {
    await h.sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-DOC', vendorId: 'vendor-doc' });
    await h.sop.packAndInspect(kec);
    await h.sop.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    await h.sop.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 5 });
    await h.sop.distribute(kec);
    await h.sop.act(kec, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-DOC' });

    const operator = as(app, await loginAs(app, 'kecamatan_operator', kec));
    const code = withRecipients[0];
    const command = `${allocation}/commands/RECORD_SIGNED_BAST`;
    const refused = await operator
      .post(command)
      .send({ payload: { kelurahanCode: code } })
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'kelurahanCode', reason: expect.stringContaining(code) }],
    });
    expect((await h.sop.status(kec)).kelurahan.bastCollected).toEqual([]);

    // The generated BAST, downloaded, stands in for the scan of the signed paper.
    const list = (await operator.get(`${allocation}/documents`).expect(200)).body as {
      kelurahan: Listed[];
    };
    const bast = list.kelurahan[0].documents.find((d) => d.kind === 'bast' && d.current)!;
    const scan = (await operator.get(bast.contentUrl).buffer(true).parse(binary).expect(200))
      .body as Buffer;
    const evidence = await operator
      .post(`${allocation}/evidence`)
      .field('kind', 'signed_bast')
      .field('kelurahanCode', code)
      .attach('file', scan, { filename: 'bast.pdf', contentType: 'application/pdf' })
      .expect(201);
    await operator
      .post(command)
      .send({ payload: { kelurahanCode: code } })
      .expect(200);

    const after = (await operator.get(`${allocation}/documents`).expect(200)).body as {
      kelurahan: Listed[];
    };
    const papers = after.kelurahan[0];
    expect(papers.signed).toBe(true);
    const current = papers.documents.filter((d) => d.current && d.format === 'pdf');
    expect(current.map((d) => d.kind).sort()).toEqual(['bast', 'bnba']);
    for (const d of current)
      expect(d.signed).toEqual([expect.objectContaining({ evidenceId: evidence.body.id })]);
  });
});
