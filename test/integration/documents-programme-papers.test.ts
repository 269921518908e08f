import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { pdfPages } from '@salur/libs/documents/documents.testing';
import { sampleSuratEdaran } from '@salur/libs/documents/programme-papers.testing';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';
import { createDocumentServices, ProposalRepository } from '@salur/libs/persistence';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { residents } from '../support/factories';
import { useSopHarness } from '../support/sop-harness';

/** supertest's parser for a binary answer: the bytes as they came. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Listed {
  id: string;
  kind: string;
  number: string;
  version: number;
  sha256: string;
  verificationCode: string;
  contentUrl: string;
}

interface Row {
  kind: string;
  subject: string;
  version: number;
  number: string;
  workflowId: string | null;
  kecamatanCode: string | null;
  kelurahanCode: string | null;
  step: string;
  recordWorkflow: string;
}

const KECAMATAN = Array.from({ length: 16 }, (_, i) => `33.74.${String(i + 1).padStart(2, '0')}`);
const quotaOf = (i: number) => 3 + (i % 4);
const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * Step 1's Surat Edaran, step 5's SK with its lampiran (and an amending SK's) and step 7's
 * SPK ringkasan on real Temporal and PostgreSQL, for a programme of all 16 kecamatan of Kota
 * Semarang: each paper is asked for by 16 allocations at once and registered once.
 */
describe('the programme papers: Surat Edaran, SK with lampiran, SPK', () => {
  const h = useSopHarness();
  let app: INestApplication;
  let tim: ReturnType<typeof as>;

  beforeAll(async () => {
    app = await createTestApi(h.config);
    tim = as(app, await loginAs(app, 'tim_data'));
    await h.sop.startProgramme(
      KECAMATAN.map((kecamatanCode, i) => ({ kecamatanCode, quota: quotaOf(i) })),
    );
    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: '460/1871/VII/2021' });
    await Promise.all(
      KECAMATAN.map(async (kec) => {
        await h.sop.propose(kec, 2);
        await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
      }),
    );
    // The driver's proposals carry no names or addresses (an import's do): give them some.
    await h.dataSource.query(
      `UPDATE proposed_recipient p
          SET name = 'WARGA ' || upper(substr(md5(p.id::text), 1, 6)), address = 'JL. PEMUDA NO. ' || p.seq
         FROM proposal_batch b WHERE b.id = p.batch_id AND b.program_id = $1`,
      [h.sop.programId],
    );
    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-PP', amountPerKpm: 250_000 });
    await h.sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/447/2021' });
    await Promise.all(KECAMATAN.map((kec) => h.sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data')));
    await h.sop.city('SIGN_SPK', 'tim_pengadaan', {
      spkNo: '027/SPK/JPS/2021',
      vendorId: 'vendor-pp',
    });
  }, 600_000);
  afterAll(async () => {
    await app?.close();
  });

  const programmePapers = () =>
    h.dataSource.query<Row[]>(
      `SELECT d.kind, d.subject, d.version, d.number, d.workflow_id AS "workflowId",
              d.kecamatan_code AS "kecamatanCode", d.kelurahan_code AS "kelurahanCode",
              s.step, s.workflow_id AS "recordWorkflow"
         FROM generated_document d LEFT JOIN sop_step_record s ON s.id = d.step_record_id
        WHERE d.program_id = $1 AND d.kind IN ('surat_edaran', 'sk', 'spk')
        ORDER BY d.generated_at, d.kind`,
      [h.sop.programId],
    );

  const listed = async () =>
    (
      (await tim.get(`/programmes/${h.sop.programId}/documents`).expect(200)).body as {
        documents: Listed[];
      }
    ).documents;

  const textOf = async (document: Listed) => {
    const res = await tim.get(document.contentUrl).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return pdfPages(res.body as Buffer);
  };

  it('registers one Surat Edaran, one SK and one SPK, though each of the 16 allocations asked for it', async () => {
    const rows = await programmePapers();
    expect(rows.map((r) => `${r.kind} ${r.number} v${r.version}`)).toEqual([
      'surat_edaran 460/1871/VII/2021 v1',
      `sk 463/447/2021 v1`,
      'spk 027/SPK/JPS/2021 v1',
    ]);
    const [se, sk, spk] = rows;
    expect(se.subject).toBe('programme');
    expect(spk.subject).toBe('programme');
    const [signed]: { id: string }[] = await h.dataSource.query(
      `SELECT id FROM sk_document WHERE program_id = $1 AND sk_no = '463/447/2021'`,
      [h.sop.programId],
    );
    expect(sk.subject).toBe(signed.id);
    // A programme's paper belongs to no allocation; its record is that of the allocation
    // whose activity generated it first.
    for (const row of rows) {
      expect(row).toMatchObject({ workflowId: null, kecamatanCode: null, kelurahanCode: null });
      expect(KECAMATAN.map((k) => h.sop.allocationId(k))).toContain(row.recordWorkflow);
    }
    expect(rows.map((r) => r.step)).toEqual(['quota-letter', 'sk-decision', 'contract']);
    const log: { n: number }[] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM document_access_log l JOIN generated_document d ON d.id = l.document_id
        WHERE d.program_id = $1 AND d.kind IN ('surat_edaran', 'sk', 'spk') AND l.action = 'generated'`,
      [h.sop.programId],
    );
    expect(log[0].n).toBe(3);
  });

  it('keeps one row when 16 generators (as on 16 workers) register the same paper at the same moment', async () => {
    // What the generator takes: the input without its verification (derived from it).
    const rest = { ...sampleSuratEdaran(), verification: undefined };
    const programId = `${h.sop.programId}-c`;
    const generated = await Promise.all(
      KECAMATAN.map((kec) =>
        createDocumentServices(h.dataSource, h.config.documents).generator.generate({
          kind: 'surat_edaran',
          programId,
          subject: 'programme',
          workflowId: null,
          kecamatanCode: null,
          kelurahanCode: null,
          stepRecordId: null,
          actor: { id: `u-${kec}`, role: 'tim_data' },
          input: rest,
        }),
      ),
    );
    const ids = new Set(generated.map(([d]) => d.id));
    expect(ids.size).toBe(1);
    const rows: { n: number }[] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM generated_document WHERE program_id = $1`,
      [programId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('the Surat Edaran prints every kecamatan with its quota, the total in figures and words, and the Kepala Dinas', async () => {
    const se = (await listed()).find((d) => d.kind === 'surat_edaran')!;
    const pages = await textOf(se);
    const text = pages.join('\n');
    const names: { code: string; name: string }[] = await h.dataSource.query(
      `SELECT code, name FROM region WHERE code = ANY($1) ORDER BY code`,
      [KECAMATAN],
    );
    names.forEach(({ code, name }, i) =>
      expect(text).toMatch(
        new RegExp(`${i + 1}\\s+${code.replace(/\./g, '\\.')}\\s+${name}\\s+${quotaOf(i)}\\n`),
      ),
    );
    const total = KECAMATAN.reduce((sum, _k, i) => sum + quotaOf(i), 0);
    expect(total).toBe(72);
    expect(flat(text)).toContain(
      'Jumlah kuota seluruhnya 72 (tujuh puluh dua) KPM di 16 (enam belas) kecamatan.',
    );
    expect(text).toContain('Nomor: 460/1871/VII/2021');
    expect(text).toContain('PEMERINTAH KOTA SEMARANG');
    expect(text).toMatch(/KEPALA DINAS SOSIAL\s+Kota Semarang/);
    expect(text).toMatch(/\(\.{10,}\)\s+NIP\. \.{10,}/);
    expect(pages[pages.length - 1]).toContain(`Halaman ${pages.length} dari ${pages.length}`);
  });

  it('the SK decrees its 32 recipients per kecamatan and kelurahan with the amount, and lists them with NIK masked', async () => {
    const sk = (await listed()).find((d) => d.kind === 'sk' && d.number === '463/447/2021')!;
    const pages = await textOf(sk);
    const text = pages.join('\n');
    const body = flat(pages[0] + pages[1]);
    expect(body).toContain('KEPUTUSAN WALIKOTA SEMARANG');
    expect(body).toContain('NOMOR 463/447/2021');
    expect(body).toContain(
      'sejumlah 32 (tiga puluh dua) Keluarga Penerima Manfaat (KPM) di 16 (enam belas) kecamatan',
    );
    expect(flat(text)).toContain('senilai Rp 250.000 (dua ratus lima puluh ribu rupiah)');
    expect(flat(text)).toContain('seluruhnya Rp 8.000.000 (delapan juta rupiah)');
    const perKelurahan: { kecamatan: string; kelurahan: string; n: number }[] =
      await h.dataSource.query(
        `SELECT kc.name AS kecamatan, kl.name AS kelurahan, count(*)::int AS n
         FROM sk_recipient r JOIN sk_document d ON d.id = r.sk_id
         JOIN region kc ON kc.code = r.kecamatan_code JOIN region kl ON kl.code = r.kelurahan_code
        WHERE d.program_id = $1 AND d.sk_no = '463/447/2021'
        GROUP BY kc.name, kl.name, r.kecamatan_code, r.kelurahan_code`,
        [h.sop.programId],
      );
    for (const line of perKelurahan) {
      expect(text).toMatch(new RegExp(`${line.kecamatan}\\s+${line.kelurahan}\\s+${line.n}\\n`));
    }
    expect(text.match(/Jumlah Kecamatan .+\s+2\n/g)).toHaveLength(16);
    const persons: { nik: string; name: string }[] = await h.dataSource.query(
      `SELECT r.nik, p.name FROM sk_recipient r JOIN sk_document d ON d.id = r.sk_id
         JOIN proposed_recipient p ON p.id = r.recipient_id
        WHERE d.program_id = $1 AND d.sk_no = '463/447/2021'`,
      [h.sop.programId],
    );
    expect(persons).toHaveLength(32);
    for (const person of persons) {
      expect(text).toContain(`************${person.nik.slice(-4)}`);
      expect(text).not.toContain(person.nik);
      expect(text).toContain(person.name);
    }
    expect(text).not.toMatch(/\d{16}/);
    expect(flat(text)).toContain('Jumlah penerima: 32 (tiga puluh dua) KPM.');
    // The Walikota signs under the decree and under the lampiran; no NIP for an elected head.
    expect(pages.filter((p) => p.includes('WALIKOTA SEMARANG,')).length).toBeGreaterThanOrEqual(2);
  });

  it('the SPK ringkasan prints the vendor, the items, the parcels of the SK, the value and the dates', async () => {
    const spk = (await listed()).find((d) => d.kind === 'spk')!;
    const [text] = await textOf(spk);
    const facts = DOCUMENT_FACT_EXAMPLES.SIGN_SPK;
    expect(text).toContain('SURAT PERINTAH KERJA (SPK)');
    expect(text).toContain('Nomor: 027/SPK/JPS/2021');
    expect(text).toMatch(new RegExp(`Penyedia\\s+: ${facts.vendorName}`));
    expect(text).toMatch(/Jumlah paket\s+: 32 \(tiga puluh dua\) paket/);
    expect(text).toMatch(/Nilai SPK\s+: Rp 6\.400\.000 \(enam juta empat ratus ribu rupiah\)/);
    expect(text).toContain('Keputusan Walikota Nomor 463/447/2021');
    expect(text).toMatch(/14 Juli 2021 s\.d\. 13 Agustus 2021/);
    expect(text).toMatch(/1\s+Beras medium\s+10\s+kg\s+320/);
    expect(text).toMatch(/5\s+Sarden\s+2\s+kaleng\s+64/);
    expect(text).toMatch(/PENYEDIA\s+PEJABAT PEMBUAT KOMITMEN/);
    expect(text.match(/NIP\./g)).toHaveLength(1);
  });

  it('verifies a programme paper by its code, without a token', async () => {
    const se = (await listed()).find((d) => d.kind === 'surat_edaran')!;
    const res = await request(app.getHttpServer())
      .get(`/verify/${se.verificationCode}`)
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'valid',
      kind: 'surat_edaran',
      number: '460/1871/VII/2021',
      issuer: 'Pemerintah Kota Semarang - Dinas Sosial',
    });
  });

  it('an approved amending SK is a new paper printing its changes; the first SK stays as it was', async () => {
    const kec = KECAMATAN[0];
    const [signed]: { id: string }[] = await h.dataSource.query(
      `SELECT id FROM sk_document WHERE program_id = $1 AND sk_no = '463/447/2021'`,
      [h.sop.programId],
    );
    const [out]: { id: string; nik: string; name: string }[] = await h.dataSource.query(
      `SELECT r.recipient_id AS id, r.nik, p.name FROM sk_recipient r
         JOIN proposed_recipient p ON p.id = r.recipient_id
        WHERE r.sk_id = $1 AND r.kecamatan_code = $2 LIMIT 1`,
      [signed.id, kec],
    );
    const [kelurahan] = await h.sop.kelurahanOf(kec);
    const { batchId } = await new ProposalRepository(h.dataSource).createBatch({
      programId: h.sop.programId,
      kecamatanCode: kec,
      workflowId: h.sop.allocationId(kec),
      persons: residents(kec, [kelurahan], 1),
    });
    await h.dataSource.query(
      `UPDATE proposed_recipient
          SET status = 'accepted', name = 'SITI SUSULAN', address = 'JL. PANDANARAN NO. 7'
        WHERE batch_id = $1`,
      [batchId],
    );
    const [late]: { id: string; nik: string; name: string }[] = await h.dataSource.query(
      `SELECT id, nik, name FROM proposed_recipient WHERE batch_id = $1`,
      [batchId],
    );
    const amendment = await tim.post(`/sk/${signed.id}/amendments`).send({
      reason: 'Penerima pindah domisili; usulan susulan memenuhi syarat',
      add: [late.id],
      remove: [out.id],
    });
    expect(amendment.body).toMatchObject({ skId: expect.any(String) });
    expect(amendment.status).toBe(201);
    const approver = as(app, await loginAs(app, 'sk_approver'));
    const approve = () =>
      approver
        .post(`/sk-amendments/${amendment.body.skId}/approve`)
        .send({ skNo: '463/447.1/2021' });
    expect((await approve()).status).toBeLessThan(300);
    // Approving again (a retried request) answers the same and prints nothing new.
    expect((await approve()).status).toBeLessThan(300);

    const rows = await programmePapers();
    expect(rows.map((r) => `${r.kind} ${r.number} v${r.version}`)).toEqual([
      'surat_edaran 460/1871/VII/2021 v1',
      'sk 463/447/2021 v1',
      'spk 027/SPK/JPS/2021 v1',
      'sk 463/447.1/2021 v1',
    ]);
    expect(rows[3].subject).toBe(amendment.body.skId);

    const paper = (await listed()).find((d) => d.number === '463/447.1/2021')!;
    const pages = await textOf(paper);
    const text = pages.join('\n');
    expect(flat(pages[0])).toContain(
      'PERUBAHAN ATAS KEPUTUSAN WALIKOTA SEMARANG NOMOR 463/447/2021',
    );
    expect(flat(text)).toContain('ditambahkan 1 (satu) penerima dan dikeluarkan 1 (satu) penerima');
    expect(flat(text)).toContain('sejumlah 32 (tiga puluh dua) Keluarga Penerima Manfaat');
    const changes = pages.slice(pages.findIndex((p) => p.includes('LAMPIRAN II'))).join('\n');
    expect(changes).toMatch(
      new RegExp(`1\\s+\\*{12}${late.nik.slice(-4)}\\s+${late.name}.*Ditambahkan`),
    );
    expect(changes).toMatch(
      new RegExp(`2\\s+\\*{12}${out.nik.slice(-4)}\\s+${out.name}.*Dikeluarkan`),
    );
    expect(text).not.toMatch(/\d{16}/);
  });
});
