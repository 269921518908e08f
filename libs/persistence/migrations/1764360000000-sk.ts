import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SOP step 5: the Walikota's SK fixing the recipients, and amending SKs.
 *
 * One sk_document per draft of the programme's SK (unique per programme and draft id);
 * each allocation adds its kecamatan's section and that section's accepted persons.
 * Signing freezes the whole document at once: every section's hash and the document's
 * hash over the full list. A signed (or rejected) SK never changes; triggers refuse it
 * even to someone with direct SQL access. A later change is a new sk_document that
 * amends the signed one, with its own request, approval by a second person, and hash.
 */
export class Sk1764360000000 implements MigrationInterface {
  name = 'Sk1764360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sk_document" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "program_id" varchar(63) NOT NULL,
        "draft_id" varchar(200) NOT NULL,
        "status" varchar(10) NOT NULL DEFAULT 'draft'
          CHECK ("status" IN ('draft', 'rejected', 'signed')),
        "sk_no" varchar(100),
        "sk_date" date,
        "signatory" varchar(200),
        "content_sha256" char(64),
        "recipient_count" int,
        "amends_sk_id" uuid REFERENCES "sk_document" ("id"),
        "amendment_reason" text,
        "drafted_by" varchar(200) NOT NULL,
        "rejection_reason" text,
        "rejected_by" varchar(200),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "signed_at" timestamptz,
        "rejected_at" timestamptz,
        CONSTRAINT "uq_sk_document_draft" UNIQUE ("program_id", "draft_id"),
        CONSTRAINT "ck_sk_document_signed" CHECK ("status" <> 'signed' OR (
          "sk_no" IS NOT NULL AND "sk_date" IS NOT NULL AND "signatory" IS NOT NULL
          AND "content_sha256" IS NOT NULL AND "recipient_count" IS NOT NULL AND "signed_at" IS NOT NULL)),
        CONSTRAINT "ck_sk_document_rejected" CHECK ("status" <> 'rejected' OR (
          "rejection_reason" IS NOT NULL AND "rejected_by" IS NOT NULL AND "rejected_at" IS NOT NULL)),
        CONSTRAINT "ck_sk_document_amendment_reason" CHECK (
          ("amends_sk_id" IS NULL) = ("amendment_reason" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_sk_document_program" ON "sk_document" ("program_id", "created_at")`,
    );
    // One live amendment per SK: amendments form a line, never a fork.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sk_document_one_amendment" ON "sk_document" ("amends_sk_id")
        WHERE "status" IN ('draft', 'signed')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sk_document_sk_no" ON "sk_document" ("program_id", "sk_no")
        WHERE "status" = 'signed'`,
    );

    // A kecamatan's part of the SK; the allocation's DRAFT_SK activity writes it once.
    await queryRunner.query(`
      CREATE TABLE "sk_section" (
        "sk_id" uuid NOT NULL REFERENCES "sk_document" ("id"),
        "kecamatan_code" varchar(8) NOT NULL REFERENCES "region" ("code"),
        "workflow_id" varchar(200) NOT NULL,
        "recipient_count" int NOT NULL DEFAULT 0,
        "engine_accepted" int,
        "content_sha256" char(64),
        "drafted_transition_id" varchar(200),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("sk_id", "kecamatan_code")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_sk_section_workflow" ON "sk_section" ("workflow_id", "created_at")`,
    );

    // The frozen list. The NIK is copied so the SK keeps naming the same person even if
    // the proposal row is edited later; it never leaves PostgreSQL.
    await queryRunner.query(`
      CREATE TABLE "sk_recipient" (
        "sk_id" uuid NOT NULL,
        "recipient_id" uuid NOT NULL REFERENCES "proposed_recipient" ("id"),
        "kecamatan_code" varchar(8) NOT NULL,
        "kelurahan_code" varchar(13) NOT NULL REFERENCES "region" ("code"),
        "nik" varchar(32) NOT NULL,
        PRIMARY KEY ("sk_id", "recipient_id"),
        FOREIGN KEY ("sk_id", "kecamatan_code") REFERENCES "sk_section" ("sk_id", "kecamatan_code")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_sk_recipient_recipient" ON "sk_recipient" ("recipient_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_sk_recipient_section" ON "sk_recipient" ("sk_id", "kecamatan_code", "kelurahan_code")`,
    );

    // The approval history of an amending SK: who asked, why, who decided. The CHECK
    // makes maker-checker hold in the database too.
    await queryRunner.query(`
      CREATE TABLE "sk_amendment" (
        "sk_id" uuid PRIMARY KEY REFERENCES "sk_document" ("id"),
        "amends_sk_id" uuid NOT NULL REFERENCES "sk_document" ("id"),
        "requested_by" varchar(200) NOT NULL,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "decision" varchar(10) CHECK ("decision" IN ('approved', 'rejected')),
        "decided_by" varchar(200),
        "decided_at" timestamptz,
        "decision_note" text,
        CONSTRAINT "ck_sk_amendment_decided" CHECK (
          ("decision" IS NULL) = ("decided_by" IS NULL) AND ("decision" IS NULL) = ("decided_at" IS NULL)),
        CONSTRAINT "ck_sk_amendment_maker_checker" CHECK ("decided_by" IS NULL OR "decided_by" <> "requested_by")
      )`);
    await queryRunner.query(`
      CREATE TABLE "sk_amendment_change" (
        "sk_id" uuid NOT NULL REFERENCES "sk_amendment" ("sk_id"),
        "recipient_id" uuid NOT NULL REFERENCES "proposed_recipient" ("id"),
        "change" varchar(6) NOT NULL CHECK ("change" IN ('add', 'remove')),
        PRIMARY KEY ("sk_id", "recipient_id")
      )`);

    // Freezing, enforced in SQL.
    await queryRunner.query(`
      CREATE FUNCTION "sk_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'sk_frozen: % on % refused; a % SK and its history never change',
          TG_OP, TG_TABLE_NAME, TG_ARGV[0] USING ERRCODE = 'SK001';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "sk_document_frozen" BEFORE UPDATE OR DELETE ON "sk_document"
        FOR EACH ROW WHEN (OLD."status" <> 'draft') EXECUTE FUNCTION "sk_refuse_change"('signed or rejected')`);
    await queryRunner.query(`
      CREATE TRIGGER "sk_amendment_frozen" BEFORE UPDATE OR DELETE ON "sk_amendment"
        FOR EACH ROW WHEN (OLD."decision" IS NOT NULL) EXECUTE FUNCTION "sk_refuse_change"('decided')`);
    await queryRunner.query(`
      CREATE TRIGGER "sk_amendment_change_frozen" BEFORE UPDATE OR DELETE ON "sk_amendment_change"
        FOR EACH ROW EXECUTE FUNCTION "sk_refuse_change"('requested')`);
    // Sections and listed persons may change only while their SK is a draft. Inserts are
    // checked once a statement (a section holds thousands of rows): FOR SHARE on the SK
    // waits for a signing in progress and holds off a later one until this commits, so no
    // row slips in beside the hash being computed.
    await queryRunner.query(`
      CREATE FUNCTION "sk_guard_part_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        frozen record;
      BEGIN
        PERFORM 1 FROM "sk_document" d WHERE d."id" IN (SELECT n."sk_id" FROM new_rows n) FOR SHARE;
        SELECT d."id", d."status" INTO frozen FROM "sk_document" d
         WHERE d."id" IN (SELECT n."sk_id" FROM new_rows n) AND d."status" <> 'draft' LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'sk_frozen: INSERT on % refused; SK % is %', TG_TABLE_NAME, frozen."id", frozen."status"
            USING ERRCODE = 'SK001';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "sk_guard_part_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        doc_status varchar;
      BEGIN
        SELECT "status" INTO doc_status FROM "sk_document" WHERE "id" = OLD."sk_id" FOR SHARE;
        IF doc_status = 'draft' AND TG_OP = 'UPDATE' THEN
          SELECT "status" INTO doc_status FROM "sk_document" WHERE "id" = NEW."sk_id" FOR SHARE;
        END IF;
        IF doc_status <> 'draft' THEN
          RAISE EXCEPTION 'sk_frozen: % on % refused; SK % is %', TG_OP, TG_TABLE_NAME, OLD."sk_id", doc_status
            USING ERRCODE = 'SK001';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['sk_section', 'sk_recipient']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_frozen_insert" AFTER INSERT ON "${table}"
          REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION "sk_guard_part_insert"()`);
      await queryRunner.query(`
        CREATE TRIGGER "${table}_frozen" BEFORE UPDATE OR DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION "sk_guard_part_change"()`);
    }
    // Truncation skips row triggers, so it is refused outright.
    for (const table of [
      'sk_document',
      'sk_section',
      'sk_recipient',
      'sk_amendment',
      'sk_amendment_change',
    ]) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
          FOR EACH STATEMENT EXECUTE FUNCTION "sk_refuse_change"('signed')`);
    }
    // An amending SK is signed only after its amendment was approved, by the approver.
    await queryRunner.query(`
      CREATE FUNCTION "sk_guard_amendment_signing"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM "sk_amendment" a
           WHERE a."sk_id" = NEW."id" AND a."decision" = 'approved' AND a."decided_by" = NEW."signatory"
        ) THEN
          RAISE EXCEPTION 'sk_unapproved: amending SK % needs an approved amendment signed by its approver', NEW."id"
            USING ERRCODE = 'SK002';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "sk_document_amendment_approved" BEFORE INSERT OR UPDATE ON "sk_document"
        FOR EACH ROW WHEN (NEW."status" = 'signed' AND NEW."amends_sk_id" IS NOT NULL)
        EXECUTE FUNCTION "sk_guard_amendment_signing"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'sk_amendment_change',
      'sk_amendment',
      'sk_recipient',
      'sk_section',
      'sk_document',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "sk_guard_amendment_signing"()`);
    await queryRunner.query(`DROP FUNCTION "sk_guard_part_change"()`);
    await queryRunner.query(`DROP FUNCTION "sk_guard_part_insert"()`);
    await queryRunner.query(`DROP FUNCTION "sk_refuse_change"()`);
  }
}
