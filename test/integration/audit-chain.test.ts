import { randomUUID } from 'node:crypto';
import { hashPassword } from '@salur/libs/domain/password';
import { SYSTEM_CHAIN, type ChainBreak } from '@salur/libs/domain/audit-chain';
import { AuditChainRepository } from '@salur/libs/persistence/audit-chain.repository';
import { UserRepository } from '@salur/libs/persistence/user.repository';
import { verifyChains } from '@salur/apps/cli/src/audit/verify';
import { checkpointChains } from '@salur/apps/cli/src/audit/checkpoint';
import { runAudit } from '@salur/apps/cli/src/audit';
import { useSopHarness } from '../support/sop-harness';
import { bypassingTriggers as bypassingTriggersAs } from '../support/superuser';
import { TEST_DATABASE_URL } from '../support/services';

/** Issue 16: the audit rows are append-only and chained; tampering is named by `audit verify`. */
describe('a record that cannot be changed silently', () => {
  const h = useSopHarness();
  const kec = '33.74.05';
  const chain = () => new AuditChainRepository(h.dataSource);
  const firstBreak = async (): Promise<ChainBreak | undefined> =>
    (await verifyChains(chain(), h.sop.programId, undefined)).broken[0]?.breaks[0];
  const bypassingTriggers = (sql: string, params: unknown[] = []) =>
    bypassingTriggersAs(h.dataSource, sql, params);
  const oneOf = async (table: string, where: string): Promise<Record<string, unknown>> => {
    const rows: Record<string, unknown>[] = await h.dataSource.query(
      `SELECT t.*, audit_row_id($1, to_jsonb(t)) AS audit_row_id FROM "${table}" t WHERE ${where} LIMIT 1`,
      [table, h.sop.programId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const seqOf = async (table: string, rowId: string): Promise<number> => {
    const [{ seq }]: { seq: number }[] = await h.dataSource.query(
      `SELECT max(seq)::int AS seq FROM audit_chain WHERE table_name = $1 AND row_id = $2`,
      [table, rowId],
    );
    return seq;
  };

  beforeAll(async () => {
    await h.sop.startProgramme([{ kecamatanCode: kec, quota: 4 }]);
    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: '460/16/VII/2021' });
    await h.sop.propose(kec, 4);
    await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-AUDIT-1' });
    await h.sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/16/2021' });
    await h.sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    await h.sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-16/2021', vendorId: 'vendor-1' });
    await h.sop.packAndInspect(kec);
    const [kelurahan] = await h.sop.kelurahanOf(kec);
    await h.sop.uploadSignedScan(kec, kelurahan);
    // A user made by the seed command: its 'created' event is in the system chain.
    await new UserRepository(h.dataSource).createIfAbsent({
      username: `auditor-${randomUUID().slice(0, 8)}`,
      passwordHash: await hashPassword('audit-chain-test'),
      role: 'auditor',
    });
  });

  it('refuses UPDATE and DELETE on every append-only table with a clear error', async () => {
    const mine = `audit_row_programme($1, to_jsonb(t)) = $2`;
    const cases: [table: string, set: string, message: RegExp][] = [
      ['sop_step_record', `step = 'x'`, /audit_append_only: \w+ on sop_step_record refused/],
      ['verval_run', `accepted = 0`, /audit_append_only: \w+ on verval_run refused/],
      ['verval_ruleset', `version = 'x'`, /audit_append_only: \w+ on verval_ruleset refused/],
      ['evidence', `note = 'x'`, /evidence_frozen|audit_append_only: DELETE on evidence/],
      ['sk_document', `sk_no = 'x'`, /sk_frozen|audit_append_only: DELETE on sk_document/],
      ['generated_document', `issuer = 'x'`, /document_frozen/],
      ['document_access_log', `role = 'x'`, /document_frozen/],
      ['app_user_event', `kind = 'activated'`, /app_user_event_frozen/],
      ['audit_chain', `hash = repeat('0', 64)`, /audit_append_only: \w+ on audit_chain refused/],
    ];
    for (const [table, set, message] of cases) {
      const scope = ['verval_ruleset', 'app_user_event', 'audit_chain'].includes(table)
        ? '$2::text IS NOT NULL'
        : mine;
      const row = await oneOf(table, table === 'audit_chain' ? `t.programme_id = $2` : scope);
      const id =
        (row.audit_row_id as string | null) ?? `${row.programme_id as string}/${row.seq as string}`;
      const where = `audit_row_id('${table}', to_jsonb(t)) = $1`;
      const whereChain = `t.programme_id || '/' || t.seq = $1`;
      const key = table === 'audit_chain' ? whereChain : where;
      await expect(
        h.dataSource.query(`UPDATE "${table}" t SET ${set} WHERE ${key}`, [id]),
      ).rejects.toThrow(message);
      await expect(
        h.dataSource.query(`DELETE FROM "${table}" t WHERE ${key}`, [id]),
      ).rejects.toThrow(/audit_append_only|_frozen|never change/);
    }
    await expect(h.dataSource.query(`TRUNCATE app_user_event`)).rejects.toThrow(
      /audit_append_only: TRUNCATE on app_user_event refused/,
    );
  });

  it('verifies an untouched chain, and the system chain of users and rulesets', async () => {
    expect(await firstBreak()).toBeUndefined();
    expect((await verifyChains(chain(), SYSTEM_CHAIN, undefined)).broken).toEqual([]);
    const entries: { table_name: string }[] = await h.dataSource.query(
      `SELECT DISTINCT table_name FROM audit_chain WHERE programme_id = $1 ORDER BY 1`,
      [h.sop.programId],
    );
    // The run is chained, not each person judged.
    expect(entries.map((e) => e.table_name)).toEqual(
      expect.arrayContaining([
        'sop_step_record',
        'verval_run',
        'sk_document',
        'generated_document',
        'evidence',
      ]),
    );
    expect(entries.map((e) => e.table_name)).not.toContain('verval_result');
    expect(await runAudit(['verify', '--programme', h.sop.programId], TEST_DATABASE_URL)).toBe(0);
  });

  it('names the first altered, removed or inserted entry', async () => {
    const step = await oneOf(
      'sop_step_record',
      `t.workflow_id = 'allocation-' || $2 || '-${kec}' AND t.step = 'verval'`,
    );
    const stepId = String(step.id);
    const original = JSON.stringify(step.data);

    // Altered: the verval step's data, as a superuser could.
    await bypassingTriggers(
      `UPDATE sop_step_record SET data = data || '{"accepted": 99}' WHERE id = $1`,
      [stepId],
    );
    expect(await firstBreak()).toEqual({
      kind: 'altered',
      table: 'sop_step_record',
      rowId: stepId,
      seq: await seqOf('sop_step_record', stepId),
      detail: expect.stringMatching(/^data: .* → .*"accepted":99/),
    });
    expect(await runAudit(['verify', '--programme', h.sop.programId], TEST_DATABASE_URL)).toBe(1);

    // Removed, earlier in the chain than the altered row: that one is now the first.
    const earlier = await oneOf(
      'sop_step_record',
      `t.workflow_id = 'allocation-' || $2 || '-${kec}' AND t.step = 'request-letter'`,
    );
    await bypassingTriggers(`DELETE FROM sop_step_record WHERE id = $1`, [earlier.id]);
    const removedSeq = await seqOf('sop_step_record', String(earlier.id));
    expect(removedSeq).toBeLessThan(await seqOf('sop_step_record', stepId));
    expect(await firstBreak()).toMatchObject({
      kind: 'removed',
      table: 'sop_step_record',
      rowId: earlier.id,
      seq: removedSeq,
    });

    // Put both back: the chain verifies again.
    await bypassingTriggers(
      `INSERT INTO sop_step_record SELECT * FROM jsonb_populate_record(null::sop_step_record,
         (SELECT content FROM audit_chain WHERE table_name = 'sop_step_record' AND row_id = $1))`,
      [earlier.id],
    );
    await bypassingTriggers(`UPDATE sop_step_record SET data = $2::jsonb WHERE id = $1`, [
      stepId,
      original,
    ]);
    expect(await firstBreak()).toBeUndefined();

    // Inserted: a step record the chain never saw.
    const forged = randomUUID();
    await bypassingTriggers(
      `INSERT INTO sop_step_record (id, workflow_id, step, business_key) VALUES ($1, $2, 'verval', 'forged')`,
      [forged, h.sop.allocationId(kec)],
    );
    expect(await firstBreak()).toEqual({
      kind: 'inserted',
      table: 'sop_step_record',
      rowId: forged,
      seq: undefined,
      detail: 'the row is not in the chain',
    });
    await bypassingTriggers(`DELETE FROM sop_step_record WHERE id = $1`, [forged]);
    expect(await firstBreak()).toBeUndefined();
  });

  it('detects a chain rewritten after a signed checkpoint', async () => {
    const key = { id: 'test', key: Buffer.alloc(32, 7) };
    const signed = await checkpointChains(chain(), h.sop.programId, key);
    expect(signed).toHaveLength(1);
    const [{ seq }] = signed;
    // Rewrite the last entry's content and hash consistently: only the checkpoint tells.
    const [last]: { table_name: string; row_id: string }[] = await h.dataSource.query(
      `SELECT table_name, row_id FROM audit_chain WHERE programme_id = $1 AND seq = $2`,
      [h.sop.programId, seq],
    );
    await bypassingTriggers(
      `UPDATE audit_chain SET hash = encode(sha256(convert_to(hash, 'UTF8')), 'hex')
        WHERE programme_id = $1 AND seq = $2`,
      [h.sop.programId, seq],
    );
    const report = await verifyChains(chain(), h.sop.programId, key);
    const breaks = report.broken[0]?.breaks ?? [];
    expect(breaks).toContainEqual(
      expect.objectContaining({ kind: 'altered', table: last.table_name, rowId: last.row_id, seq }),
    );
    expect(breaks.map((b) => b.detail)).toContainEqual(
      expect.stringMatching(/rewritten since the checkpoint/),
    );
  });
});
