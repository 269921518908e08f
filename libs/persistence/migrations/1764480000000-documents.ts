import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated documents (issue 15): each rendition of each version of a document the SOP
 * prints (a kelurahan's BNBA as PDF and XLSX, its BAST...), registered with what it is, the
 * step record it belongs to, the SHA-256 of its inputs and of its bytes, and the short code
 * printed on it. The content lives on disk, named by its SHA-256 (docs/documents.md), like
 * evidence. A row never changes: a regenerated document with other data is a new version
 * whose `supersedes_id` names the one it replaces. Every generation and every download is
 * logged (who, when, which, and whether full NIKs were printed), and the signed scan that
 * comes back at step 17 is linked to the documents it signs.
 */
export class Documents1764480000000 implements MigrationInterface {
  name = 'Documents1764480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "generated_document" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "kind" varchar(40) NOT NULL CHECK ("kind" ~ '^[a-z][a-z0-9_]*$'),
        "rendition" varchar(10) NOT NULL CHECK ("rendition" IN ('pdf', 'xlsx')),
        "media_type" varchar(100) NOT NULL,
        "number" varchar(200) NOT NULL,
        "document_date" date NOT NULL,
        "issuer" varchar(300) NOT NULL,
        "program_id" varchar(63) NOT NULL,
        "workflow_id" varchar(200),
        "kecamatan_code" varchar(8) REFERENCES "region" ("code"),
        "kelurahan_code" varchar(13) REFERENCES "region" ("code"),
        "subject" varchar(40) NOT NULL,
        "sop_step" varchar(40) NOT NULL,
        "version" int NOT NULL CHECK ("version" >= 1),
        "inputs_sha256" char(64) NOT NULL CHECK ("inputs_sha256" ~ '^[0-9a-f]{64}$'),
        "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "size_bytes" bigint NOT NULL CHECK ("size_bytes" > 0),
        "verification_code" char(11) NOT NULL UNIQUE,
        "step_record_id" uuid REFERENCES "sop_step_record" ("id"),
        "supersedes_id" uuid UNIQUE REFERENCES "generated_document" ("id"),
        "generated_by" varchar(200) NOT NULL,
        "generated_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "uq_generated_document_version"
          UNIQUE ("program_id", "kind", "rendition", "subject", "version"),
        CONSTRAINT "ck_generated_document_allocation_kecamatan" CHECK (
          "workflow_id" IS NULL OR right("workflow_id", 8) = "kecamatan_code"),
        CONSTRAINT "ck_generated_document_kelurahan_in_kecamatan" CHECK (
          "kelurahan_code" IS NULL OR left("kelurahan_code", 8) = "kecamatan_code")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_generated_document_allocation" ON "generated_document" ("workflow_id", "kelurahan_code", "kind", "rendition", "version")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_generated_document_sha256" ON "generated_document" ("sha256")`,
    );
    await queryRunner.query(`
      CREATE TABLE "document_access_log" (
        "id" bigserial PRIMARY KEY,
        "document_id" uuid NOT NULL REFERENCES "generated_document" ("id"),
        "action" varchar(12) NOT NULL CHECK ("action" IN ('generated', 'downloaded')),
        "nik" varchar(6) NOT NULL CHECK ("nik" IN ('masked', 'full')),
        "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "actor_id" varchar(200) NOT NULL,
        "role" varchar(30) NOT NULL,
        "at" timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_document_access_log_document" ON "document_access_log" ("document_id", "at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_document_access_log_sha256" ON "document_access_log" ("sha256")`,
    );
    await queryRunner.query(`
      CREATE TABLE "document_signed_copy" (
        "document_id" uuid NOT NULL REFERENCES "generated_document" ("id"),
        "evidence_id" uuid NOT NULL REFERENCES "evidence" ("id"),
        "step_record_id" uuid NOT NULL REFERENCES "sop_step_record" ("id"),
        "recorded_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY ("document_id", "evidence_id")
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "document_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'document_frozen: % never changes; generate a new version', TG_TABLE_NAME
          USING ERRCODE = 'DC001';
      END $$`);
    for (const table of ['generated_document', 'document_access_log', 'document_signed_copy']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_frozen" BEFORE UPDATE OR DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION "document_refuse_change"()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "document_signed_copy"`);
    await queryRunner.query(`DROP TABLE "document_access_log"`);
    await queryRunner.query(`DROP TABLE "generated_document"`);
    await queryRunner.query(`DROP FUNCTION "document_refuse_change"()`);
  }
}
