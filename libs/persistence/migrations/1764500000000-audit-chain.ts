import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A record that cannot be changed silently (issue 16, docs/audit.md).
 *
 * 1. Append-only: the audit tables refuse UPDATE, DELETE and TRUNCATE for everyone who
 *    does not switch triggers off. Three tables hold a request and its one decision
 *    (sk_document: draft, then signed or rejected; sk_amendment and verval_override:
 *    pending, then decided); they may change once, from open to decided, and never again.
 * 2. A hash chain per programme: every row written to an audit table (and every decision
 *    of the three above) appends an `audit_chain` entry in the same transaction with the
 *    row's content as JSON, the SHA-256 of that content, and a hash over the previous
 *    entry's hash. The entry is appended at commit (a deferred constraint trigger), so the
 *    per-programme lock that orders the chain is held for the last moment only.
 * 3. Signed checkpoints of a chain's head (`audit_checkpoint`), written by
 *    `npm run audit -- checkpoint` with a key the database does not hold.
 */
/**
 * What each audit table lacked (docs/audit.md). Evidence, documents, user events, SK parts
 * and receipts already refuse changes with their own messages and codes, kept as they are.
 */
const REFUSE_UPDATE_DELETE = [
  'sop_step_record',
  'verval_ruleset',
  'verval_run',
  'verval_result',
  'audit_chain',
  'audit_checkpoint',
] as const;
const REFUSE_DELETE = ['evidence', 'sk_document', 'sk_amendment', 'verval_override'] as const;
const REFUSE_TRUNCATE = [
  'sop_step_record',
  'verval_ruleset',
  'verval_override',
  'evidence',
  'generated_document',
  'document_access_log',
  'document_signed_copy',
  'app_user_event',
  'audit_chain',
  'audit_checkpoint',
] as const;

/** The tables whose rows enter the chain. verval_result (one row a person) is covered by its run. */
const CHAINED = [
  'sop_step_record',
  'verval_ruleset',
  'verval_run',
  'verval_override',
  'evidence',
  'sk_document',
  'sk_amendment',
  'sk_amendment_change',
  'generated_document',
  'document_access_log',
  'document_signed_copy',
  'app_user_event',
  'kpm_receipt_upload',
] as const;
/** Tables with one decision: each version (request, decision) is an entry. */
const DECIDED_ONCE = ['sk_document', 'sk_amendment', 'verval_override'] as const;

export class AuditChain1764500000000 implements MigrationInterface {
  name = 'AuditChain1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_chain" (
        "programme_id" varchar(63) NOT NULL,
        "seq" bigint NOT NULL CHECK ("seq" >= 1),
        "table_name" varchar(63) NOT NULL,
        "row_id" varchar(200) NOT NULL,
        "content" jsonb NOT NULL,
        "content_sha256" char(64) NOT NULL,
        "prev_hash" char(64),
        "hash" char(64) NOT NULL,
        "at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY ("programme_id", "seq"),
        CHECK (("seq" = 1) = ("prev_hash" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_chain_row" ON "audit_chain" ("table_name", "row_id", "seq")`,
    );
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoint" (
        "id" bigserial PRIMARY KEY,
        "programme_id" varchar(63) NOT NULL,
        "seq" bigint NOT NULL,
        "hash" char(64) NOT NULL,
        "key_id" varchar(40) NOT NULL,
        "signed_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "hmac" char(64) NOT NULL,
        CONSTRAINT "uq_audit_checkpoint_head" UNIQUE ("programme_id", "seq")
      )`);

    // Which programme's chain a workflow id belongs to; rows of no programme (users,
    // rulesets) go to the chain named '*', which no programme id can be.
    // PL/pgSQL, not SQL: its plans are cached, which makes an entry ~10x cheaper.
    await queryRunner.query(`
      CREATE FUNCTION "audit_programme_of_workflow"(workflow_id text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN COALESCE(substring(workflow_id FROM '^allocation-(.+)-[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$'),
                        substring(workflow_id FROM '^programme-(.+)$'), workflow_id);
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_row_programme"(table_name text, row_content jsonb) RETURNS text
        LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN CASE table_name
          WHEN 'verval_ruleset' THEN '*'
          WHEN 'app_user_event' THEN '*'
          WHEN 'sk_document' THEN row_content->>'program_id'
          WHEN 'generated_document' THEN row_content->>'program_id'
          WHEN 'verval_run' THEN COALESCE(row_content->>'program_id',
                                          audit_programme_of_workflow(row_content->>'workflow_id'))
          WHEN 'sk_amendment' THEN (SELECT d."program_id" FROM "sk_document" d
                                     WHERE d."id" = (row_content->>'sk_id')::uuid)
          WHEN 'sk_amendment_change' THEN (SELECT d."program_id" FROM "sk_document" d
                                            WHERE d."id" = (row_content->>'sk_id')::uuid)
          WHEN 'document_access_log' THEN (SELECT g."program_id" FROM "generated_document" g
                                            WHERE g."id" = (row_content->>'document_id')::uuid)
          WHEN 'document_signed_copy' THEN (SELECT g."program_id" FROM "generated_document" g
                                             WHERE g."id" = (row_content->>'document_id')::uuid)
          ELSE audit_programme_of_workflow(row_content->>'workflow_id')
        END;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_row_id"(table_name text, row_content jsonb) RETURNS text
        LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN CASE table_name
          WHEN 'verval_ruleset' THEN row_content->>'sha256'
          WHEN 'sk_amendment' THEN row_content->>'sk_id'
          WHEN 'sk_amendment_change' THEN (row_content->>'sk_id') || '/' || (row_content->>'recipient_id')
          WHEN 'document_signed_copy' THEN (row_content->>'document_id') || '/' || (row_content->>'evidence_id')
          ELSE row_content->>'id'
        END;
      END $$`);
    // The content is to_jsonb(row) rendered in UTC, so anyone can recompute it from the row.
    await queryRunner.query(`
      CREATE FUNCTION "audit_chain_add"(table_name text, row_content jsonb) RETURNS void
        LANGUAGE plpgsql AS $$
      DECLARE
        programme text := audit_row_programme(table_name, row_content);
        row_key text := audit_row_id(table_name, row_content);
        content_hash text := encode(sha256(convert_to(row_content::text, 'UTF8')), 'hex');
        head record;
        next_seq bigint;
      BEGIN
        IF programme IS NULL THEN
          RAISE EXCEPTION 'audit_chain: no programme for % %', table_name, row_key USING ERRCODE = 'AU002';
        END IF;
        -- One writer a chain at a time; held until commit, which follows at once.
        PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:' || programme, 0));
        SELECT c."seq", c."hash" INTO head FROM "audit_chain" c
         WHERE c."programme_id" = programme ORDER BY c."seq" DESC LIMIT 1;
        next_seq := COALESCE(head."seq", 0) + 1;
        INSERT INTO "audit_chain" ("programme_id", "seq", "table_name", "row_id", "content",
                                   "content_sha256", "prev_hash", "hash")
        VALUES (programme, next_seq, table_name, row_key, row_content, content_hash, head."hash",
                encode(sha256(convert_to(concat_ws('|', programme, next_seq, table_name, row_key,
                                                   content_hash, COALESCE(head."hash", '')), 'UTF8')), 'hex'));
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_chain_append"() RETURNS trigger LANGUAGE plpgsql
        SET timezone TO 'UTC' AS $$
      BEGIN
        PERFORM audit_chain_add(TG_TABLE_NAME, to_jsonb(NEW));
        RETURN NULL;
      END $$`);
    // Rows written before the chain existed enter it now, table by table.
    await queryRunner.query(`SET LOCAL timezone TO 'UTC'`);
    for (const table of CHAINED) {
      await queryRunner.query(
        `SELECT audit_chain_add($1, r.content)
           FROM (SELECT to_jsonb(t) AS content FROM "${table}" t ORDER BY audit_row_id($1, to_jsonb(t))) r`,
        [table],
      );
    }
    for (const table of CHAINED) {
      const events = (DECIDED_ONCE as readonly string[]).includes(table)
        ? 'INSERT OR UPDATE'
        : 'INSERT';
      await queryRunner.query(`
        CREATE CONSTRAINT TRIGGER "audit_chain" AFTER ${events} ON "${table}"
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION "audit_chain_append"()`);
    }

    await queryRunner.query(`
      CREATE FUNCTION "audit_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_append_only: % on % refused; the audit record is append-only, a correction is a new row that names the old one',
          TG_OP, TG_TABLE_NAME USING ERRCODE = 'AU001';
      END $$`);
    for (const table of REFUSE_UPDATE_DELETE) {
      await queryRunner.query(`
        CREATE TRIGGER "audit_append_only" BEFORE UPDATE OR DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"()`);
    }
    for (const table of REFUSE_DELETE) {
      await queryRunner.query(`
        CREATE TRIGGER "audit_no_delete" BEFORE DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"()`);
    }
    // verval_run refuses truncation already while results refer to it (as a foreign key would).
    for (const table of REFUSE_TRUNCATE) {
      await queryRunner.query(`
        CREATE TRIGGER "audit_no_truncate" BEFORE TRUNCATE ON "${table}"
          FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"()`);
    }
    // An override request is decided once; only the decision's columns are written.
    await queryRunner.query(`
      CREATE TRIGGER "audit_decided_once" BEFORE UPDATE ON "verval_override"
        FOR EACH ROW WHEN (OLD."status" <> 'pending'
          OR (to_jsonb(OLD) - '{status,decided_by,decided_at,decision_reason}'::text[])
             IS DISTINCT FROM (to_jsonb(NEW) - '{status,decided_by,decided_at,decision_reason}'::text[]))
        EXECUTE FUNCTION "audit_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_decided_once" ON "verval_override"`);
    const drop = async (trigger: string, tables: readonly string[]) => {
      for (const table of tables) {
        await queryRunner.query(`DROP TRIGGER "${trigger}" ON "${table}"`);
      }
    };
    await drop('audit_no_truncate', REFUSE_TRUNCATE);
    await drop('audit_no_delete', REFUSE_DELETE);
    await drop('audit_append_only', REFUSE_UPDATE_DELETE);
    await drop('audit_chain', CHAINED);
    await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
    await queryRunner.query(`DROP TABLE "audit_chain"`);
    await queryRunner.query(`DROP FUNCTION "audit_refuse_change"()`);
    await queryRunner.query(`DROP FUNCTION "audit_chain_append"()`);
    await queryRunner.query(`DROP FUNCTION "audit_chain_add"(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION "audit_row_id"(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION "audit_row_programme"(text, jsonb)`);
    await queryRunner.query(`DROP FUNCTION "audit_programme_of_workflow"(text)`);
  }
}
