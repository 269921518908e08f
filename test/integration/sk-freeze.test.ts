import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { skContentSha256 } from '@salur/libs/domain/sk-content';
import { ProposalRepository, SkRepository, type SkSummary } from '@salur/libs/persistence';
import { residents } from '../support/factories';
import { SopDriver } from '../support/sop-driver';
import { openTestDataSource, startTestWorker, testConfig } from '../support/test-app';
import { as, loginAs, type Session } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { bypassingTriggers as bypassingTriggersAs } from '../support/superuser';

/** Step 5: the SK is drafted from the accepted set, frozen once signed, and changed only by amendment. */
describe('the SK: drafted, rejected, redrafted, signed, frozen and amended', () => {
  const config = testConfig();
  const [kecA, kecB] = ['33.74.07', '33.74.08'];
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let sop: SopDriver;
  let sk: SkRepository;
  // Dinsos asks for the amendment (and may not approve its own), the SK approver decides.
  let admin: Session;
  let approver: Session;
  let asAdmin: ReturnType<typeof as>;
  let asApprover: ReturnType<typeof as>;
  let asTimData: ReturnType<typeof as>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    sop = await SopDriver.connect(config, dataSource);
    sk = new SkRepository(dataSource);
    app = await createTestApi(config);
    admin = await loginAs(app, 'dinsos_admin');
    approver = await loginAs(app, 'sk_approver');
    asAdmin = as(app, admin);
    asApprover = as(app, approver);
    asTimData = as(app, await loginAs(app, 'tim_data'));
  });
  afterAll(async () => {
    await app?.close();
    await sop?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const listed = (skId: string) =>
    dataSource.query<
      { recipientId: string; kecamatanCode: string; kelurahanCode: string; nik: string }[]
    >(
      `SELECT recipient_id AS "recipientId", kecamatan_code AS "kecamatanCode",
              kelurahan_code AS "kelurahanCode", nik FROM sk_recipient WHERE sk_id = $1`,
      [skId],
    );

  it('signs the accepted set with a stable hash, refuses changes in SQL, and amends with a second person', async () => {
    await sop.startProgramme([
      { kecamatanCode: kecA, quota: 3 },
      { kecamatanCode: kecB, quota: 2 },
    ]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-SK-1' });
    await sop.propose(kecA, 3);
    await sop.propose(kecB, 2);
    for (const kec of [kecA, kecB]) {
      expect((await sop.act(kec, 'RUN_VERVAL', 'tim_data')).step).toBe('sk');
    }

    // Draft 1: each allocation adds its kecamatan's accepted persons, once.
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-1' });
    let list = await sk.listForProgramme(sop.programId);
    expect(list).toEqual([
      expect.objectContaining({ draftId: 'DRAFT-1', status: 'draft', recipientCount: 5 }),
    ]);
    const draft1 = list[0].id;
    const [sectionA] = await dataSource.query<{ drafted_transition_id: string }[]>(
      `SELECT drafted_transition_id FROM sk_section WHERE sk_id = $1 AND kecamatan_code = $2`,
      [draft1, kecA],
    );
    const retried = await sk.draftSection({
      programId: sop.programId,
      workflowId: sop.allocationId(kecA),
      kecamatanCode: kecA,
      draftId: 'DRAFT-1',
      draftedBy: 'u-tim_data',
      transitionId: sectionA.drafted_transition_id,
      engineAccepted: 3,
    });
    expect(retried).toMatchObject({ skId: draft1, recipientCount: 3 });
    expect(await listed(draft1)).toHaveLength(5);

    // Rejected: the draft is kept for history with the reason.
    await sop.city('REJECT_SK', 'sk_approver', { reason: 'Lampiran belum diparaf' });
    list = await sk.listForProgramme(sop.programId);
    expect(list[0]).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Lampiran belum diparaf',
      rejectedBy: 'u-sk_approver',
    });

    // Draft 2, approved: signed and frozen with the hash of the full list.
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-2' });
    await sop.city('APPROVE_SK', 'sk_approver', { skNo: 'SK-463/77/2021' });
    list = await sk.listForProgramme(sop.programId);
    const signed = list.find((d) => d.draftId === 'DRAFT-2') as SkSummary;
    expect(signed).toMatchObject({
      status: 'signed',
      skNo: 'SK-463/77/2021',
      signatory: 'u-sk_approver',
      recipientCount: 5,
      current: true,
    });
    const rows = await listed(signed.id);
    expect(new Set(rows.map((r) => r.kecamatanCode))).toEqual(new Set([kecA, kecB]));
    expect(signed.contentSha256).toBe(skContentSha256(rows));
    expect(await sk.verify(signed.id)).toMatchObject({
      status: 'signed',
      valid: true,
      computedSha256: signed.contentSha256,
      driftedFromProposals: 0,
      sections: [
        expect.objectContaining({ kecamatanCode: kecA, valid: true }),
        expect.objectContaining({ kecamatanCode: kecB, valid: true }),
      ],
    });

    // Whichever allocation records the approval again, the answer is the same.
    for (const kec of [kecB, kecA]) {
      await expect(
        sk.signForAllocation({
          workflowId: sop.allocationId(kec),
          skNo: 'SK-463/77/2021',
          signatory: 'u-sk_approver',
        }),
      ).resolves.toEqual({
        skId: signed.id,
        skNo: 'SK-463/77/2021',
        contentSha256: signed.contentSha256,
        recipientCount: 5,
      });
    }

    const proposals = new ProposalRepository(dataSource);
    const { batchId } = await proposals.createBatch({
      programId: sop.programId,
      kecamatanCode: kecA,
      workflowId: sop.allocationId(kecA),
      persons: residents(kecA, [rows.find((r) => r.kecamatanCode === kecA)!.kelurahanCode], 1),
    });
    // Accepted after the SK (e.g. by manual review), so it can only enter by amendment.
    const [[late]] = await dataSource.query<[{ id: string }[], number]>(
      `UPDATE proposed_recipient SET status = 'accepted' WHERE batch_id = $1 RETURNING id`,
      [batchId],
    );
    // The database itself refuses any change to a signed SK or a rejected draft.
    const frozen = /sk_frozen/;
    await expect(
      dataSource.query(`UPDATE sk_recipient SET nik = '3374070101010001' WHERE sk_id = $1`, [
        signed.id,
      ]),
    ).rejects.toThrow(frozen);
    await expect(
      dataSource.query(`DELETE FROM sk_recipient WHERE sk_id = $1`, [signed.id]),
    ).rejects.toThrow(frozen);
    await expect(
      dataSource.query(
        `INSERT INTO sk_recipient (sk_id, recipient_id, kecamatan_code, kelurahan_code, nik)
         SELECT $1, r.id, $3, r.kelurahan_code, r.nik FROM proposed_recipient r WHERE r.id = $2`,
        [signed.id, late.id, kecA],
      ),
    ).rejects.toThrow(frozen);
    await expect(
      dataSource.query(`UPDATE sk_document SET content_sha256 = repeat('0', 64) WHERE id = $1`, [
        signed.id,
      ]),
    ).rejects.toThrow(frozen);
    await expect(
      dataSource.query(`UPDATE sk_section SET content_sha256 = NULL WHERE sk_id = $1`, [signed.id]),
    ).rejects.toThrow(frozen);
    await expect(
      dataSource.query(`DELETE FROM sk_recipient WHERE sk_id = $1`, [draft1]),
    ).rejects.toThrow(frozen);
    await expect(dataSource.query(`TRUNCATE sk_recipient CASCADE`)).rejects.toThrow(frozen);
    expect((await sk.verify(signed.id)).valid).toBe(true);

    // Past the triggers (a superuser replaying changes as a replica fires none), a changed
    // NIK or a replaced hash is what verification exists to catch.
    const bypassingTriggers = (sql: string, params: unknown[]) =>
      bypassingTriggersAs(dataSource, sql, params);
    const victim = rows.find((r) => r.kecamatanCode === kecB)!;
    await bypassingTriggers(
      `UPDATE sk_recipient SET nik = $3 WHERE sk_id = $1 AND recipient_id = $2`,
      [signed.id, victim.recipientId, '3374070101010001'],
    );
    expect(await sk.verify(signed.id)).toMatchObject({
      valid: false,
      storedSha256: signed.contentSha256,
      sections: [
        expect.objectContaining({ kecamatanCode: kecA, valid: true }),
        expect.objectContaining({ kecamatanCode: kecB, valid: false }),
      ],
    });
    await bypassingTriggers(
      `UPDATE sk_recipient SET nik = $3 WHERE sk_id = $1 AND recipient_id = $2`,
      [signed.id, victim.recipientId, victim.nik],
    );
    await bypassingTriggers(
      `UPDATE sk_document SET content_sha256 = repeat('0', 64) WHERE id = $1`,
      [signed.id],
    );
    expect((await sk.verify(signed.id)).valid).toBe(false);
    await bypassingTriggers(`UPDATE sk_document SET content_sha256 = $2 WHERE id = $1`, [
      signed.id,
      signed.contentSha256,
    ]);
    expect((await sk.verify(signed.id)).valid).toBe(true);

    // Over HTTP: the SK with counts per kecamatan and kelurahan, ids only, never a NIK.
    const listRes = await asTimData.get(`/programmes/programme-${sop.programId}/sk`).expect(200);
    expect(listRes.body.map((d: SkSummary) => [d.draftId, d.status])).toEqual([
      ['DRAFT-1', 'rejected'],
      ['DRAFT-2', 'signed'],
    ]);
    const docRes = await asTimData.get(`/sk/${signed.id}`).expect(200);
    expect(docRes.body.sections.map((s: { recipientCount: number }) => s.recipientCount)).toEqual([
      3, 2,
    ]);
    expect(docRes.body.recipients).toHaveLength(5);
    // Hex hashes may hold long digit runs by chance; what must never appear is a NIK.
    const document = JSON.stringify(docRes.body);
    for (const { nik } of rows) expect(document).not.toContain(nik);
    await asTimData.get('/sk/not-an-id').expect(404);

    // An amendment: one person removed, one accepted later added, with a written reason.
    const removed = rows.find((r) => r.kecamatanCode === kecB)!.recipientId;
    const badRequest = await asAdmin
      .post(`/sk/${signed.id}/amendments`)
      .send({ reason: 'x', add: [removed] })
      .expect(400);
    expect(badRequest.body.fields).toEqual([
      { field: 'add', reason: `${removed} is already listed` },
    ]);
    // Every other reason a change cannot apply, each named in the order asked.
    const listedA = rows.find((r) => r.kecamatanCode === kecA)!;
    const { batchId: laterBatch } = await proposals.createBatch({
      programId: sop.programId,
      kecamatanCode: kecA,
      workflowId: sop.allocationId(kecA),
      persons: [
        { nik: listedA.nik, kelurahanCode: listedA.kelurahanCode },
        ...residents(kecA, [listedA.kelurahanCode], 1),
      ],
    });
    const [sameNik, proposed] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM proposed_recipient WHERE batch_id = $1 ORDER BY nik = $2 DESC`,
      [laterBatch, listedA.nik],
    );
    await dataSource.query(`UPDATE proposed_recipient SET status = 'accepted' WHERE id = $1`, [
      sameNik.id,
    ]);
    const stranger = '00000000-0000-4000-8000-000000000000';
    const refusedChanges = await asAdmin
      .post(`/sk/${signed.id}/amendments`)
      .send({ reason: 'x', add: [proposed.id, sameNik.id, stranger], remove: [late.id] })
      .expect(400);
    expect(refusedChanges.body.fields).toEqual([
      { field: 'remove', reason: `${late.id} is not listed in SK ${signed.id}` },
      { field: 'add', reason: `${proposed.id} is not accepted (status proposed)` },
      { field: 'add', reason: `${sameNik.id} has the NIK of a person already listed` },
      { field: 'add', reason: `${stranger} is not a proposed person of this programme` },
    ]);
    // The same NIK may come in when the change takes its listing out (checked, not asked).
    await asAdmin
      .post(`/sk/${signed.id}/amendments`)
      .send({ reason: 'x', add: [proposed.id, sameNik.id], remove: [listedA.recipientId] })
      .expect(400)
      .expect(({ body }) =>
        expect(body.fields).toEqual([
          { field: 'add', reason: `${proposed.id} is not accepted (status proposed)` },
        ]),
      );
    await dataSource.query(`UPDATE proposed_recipient SET status = 'rejected' WHERE id = $1`, [
      sameNik.id,
    ]);
    const requested = await asAdmin
      .post(`/sk/${signed.id}/amendments`)
      .send({
        reason: 'Penerima pindah domisili; pengganti hasil verval ulang',
        add: [late.id],
        remove: [removed],
      })
      .expect(201);
    const amendmentId = requested.body.skId as string;
    expect(requested.body).toMatchObject({
      amendsSkId: signed.id,
      decision: null,
      added: [late.id],
      removed: [removed],
    });
    await asTimData
      .post(`/sk/${signed.id}/amendments`)
      .send({ reason: 'again', remove: [removed] })
      .expect(409);

    // Maker-checker: the requester cannot approve; the database refuses it too.
    const self = await asAdmin.post(`/sk-amendments/${amendmentId}/approve`).send({}).expect(403);
    expect(self.body.code).toBe('ROLE_NOT_ALLOWED');
    await expect(
      dataSource.query(
        `UPDATE sk_amendment SET decision = 'approved', decided_by = requested_by, decided_at = now() WHERE sk_id = $1`,
        [amendmentId],
      ),
    ).rejects.toThrow(/maker_checker/);
    await expect(
      dataSource.query(
        `UPDATE sk_document SET status = 'signed', sk_no = 'X', sk_date = now(), signatory = 'u-x',
                content_sha256 = repeat('0', 64), recipient_count = 0, signed_at = now() WHERE id = $1`,
        [amendmentId],
      ),
    ).rejects.toThrow(/sk_unapproved/);

    const approved = await asApprover
      .post(`/sk-amendments/${amendmentId}/approve`)
      .send({})
      .expect(200);
    expect(approved.body).toMatchObject({
      amendment: { decision: 'approved', decidedBy: approver.userId },
      signed: { skId: amendmentId, skNo: 'SK-463/77/2021/PERUBAHAN-1', recipientCount: 5 },
    });
    const amendedRows = await listed(amendmentId);
    expect(amendedRows.map((r) => r.recipientId).sort()).toEqual(
      [...rows.map((r) => r.recipientId).filter((id) => id !== removed), late.id].sort(),
    );
    expect(approved.body.signed.contentSha256).toBe(skContentSha256(amendedRows));
    const amendedVerify = await asTimData.get(`/sk/${amendmentId}/verify`).expect(200);
    expect(amendedVerify.body).toMatchObject({ valid: true, status: 'signed' });

    // The original stays readable, unchanged, and its hash still verifies.
    const original = await asTimData.get(`/sk/${signed.id}`).expect(200);
    expect(original.body).toMatchObject({
      status: 'signed',
      contentSha256: signed.contentSha256,
      recipientCount: 5,
      current: false,
      amendedBySkIds: [amendmentId],
    });
    expect(original.body.recipients.map((r: { recipientId: string }) => r.recipientId)).toContain(
      removed,
    );
    const originalVerify = await asTimData.get(`/sk/${signed.id}/verify`).expect(200);
    expect(originalVerify.body).toMatchObject({
      valid: true,
      computedSha256: signed.contentSha256,
    });
    const history = await asTimData.get(`/programmes/${sop.programId}/sk`).expect(200);
    expect(history.body.map((d: SkSummary) => [d.id, d.status, d.current])).toEqual([
      [draft1, 'rejected', false],
      [signed.id, 'signed', false],
      [amendmentId, 'signed', true],
    ]);
    expect(history.body[2].amendment).toMatchObject({
      reason: 'Penerima pindah domisili; pengganti hasil verval ulang',
      requestedBy: admin.userId,
      decidedBy: approver.userId,
    });
  });
});
