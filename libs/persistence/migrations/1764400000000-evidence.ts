import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence (issue 5): photos and signed scans attached to an allocation, optionally to
 * one of its kelurahan. The content lives on disk, named by its SHA-256 (docs/evidence.md);
 * a row says what it is, whose allocation it documents and who uploaded it. The same
 * bytes are recorded once per allocation and kind. A row never changes once written.
 */
export class Evidence1764400000000 implements MigrationInterface {
  name = 'Evidence1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "evidence" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workflow_id" varchar(200) NOT NULL,
        "kecamatan_code" varchar(8) NOT NULL REFERENCES "region" ("code"),
        "kelurahan_code" varchar(13) REFERENCES "region" ("code"),
        "kind" varchar(40) NOT NULL CHECK ("kind" IN (
          'signed_spk', 'photo_packing', 'photo_inspection', 'signed_ba_inspection',
          'photo_distribution', 'photo_monev', 'signed_ba_monev', 'signed_bast', 'other')),
        "media_type" varchar(40) NOT NULL
          CHECK ("media_type" IN ('image/jpeg', 'image/png', 'application/pdf')),
        "size_bytes" bigint NOT NULL CHECK ("size_bytes" > 0),
        "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "original_name" varchar(120) NOT NULL,
        "uploaded_by" varchar(200) NOT NULL,
        "role" varchar(30) NOT NULL,
        "uploaded_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "note" varchar(500),
        CONSTRAINT "uq_evidence_content" UNIQUE ("workflow_id", "kind", "sha256"),
        CONSTRAINT "ck_evidence_allocation_kecamatan" CHECK (right("workflow_id", 8) = "kecamatan_code"),
        CONSTRAINT "ck_evidence_kelurahan_in_kecamatan" CHECK (
          "kelurahan_code" IS NULL OR left("kelurahan_code", 8) = "kecamatan_code")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_allocation_newest" ON "evidence" ("workflow_id", "uploaded_at" DESC, "id")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "evidence_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'evidence_frozen: an evidence record never changes; upload a new one'
          USING ERRCODE = 'EV001';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "evidence_frozen" BEFORE UPDATE ON "evidence"
        FOR EACH ROW EXECUTE FUNCTION "evidence_refuse_update"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evidence"`);
    await queryRunner.query(`DROP FUNCTION "evidence_refuse_update"()`);
  }
}
