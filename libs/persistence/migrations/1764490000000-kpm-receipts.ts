import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distribution per KPM (issue 15): each family's receipt of its parcel, per person on a
 * kelurahan's BNBA (docs/receipts.md).
 *
 * Append-only: a receipt is never changed or deleted. A correction is a new row naming the
 * receipt it replaces (`corrects_receipt_id`); the receipt in force for a person is the one
 * no other row corrects. The database keeps the rules that must hold whoever writes:
 * one first receipt per person, each receipt corrected at most once (so corrections form a
 * line, never a fork), a correction about the same person, and the fields each status needs.
 *
 * A signed BNBA uploaded as XLSX is recorded in `kpm_receipt_upload` by its SHA-256, so the
 * same file sent again for the same kelurahan changes nothing.
 *
 * Two views say once what every read and write means by "the BNBA" and "the receipt":
 * `kpm_bnba`, the persons an allocation's SK in force lists and who are still accepted,
 * and `kpm_receipt_in_force`, the receipts no later one corrects.
 */
export class KpmReceipts1764490000000 implements MigrationInterface {
  name = 'KpmReceipts1764490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "kpm_receipt_upload" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workflow_id" varchar(200) NOT NULL,
        "kelurahan_code" varchar(13) NOT NULL REFERENCES "region" ("code"),
        "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "row_count" int NOT NULL,
        "recorded" int NOT NULL,
        "unchanged" int NOT NULL,
        "unmarked" int NOT NULL,
        "uploaded_by" varchar(200) NOT NULL,
        "role" varchar(30) NOT NULL,
        "uploaded_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "uq_kpm_receipt_upload_file" UNIQUE ("workflow_id", "kelurahan_code", "sha256")
      )`);
    await queryRunner.query(`
      CREATE TABLE "kpm_receipt" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workflow_id" varchar(200) NOT NULL,
        "kecamatan_code" varchar(8) NOT NULL REFERENCES "region" ("code"),
        "kelurahan_code" varchar(13) NOT NULL REFERENCES "region" ("code"),
        "recipient_id" uuid NOT NULL REFERENCES "proposed_recipient" ("id"),
        "status" varchar(20) NOT NULL
          CHECK ("status" IN ('received', 'received_by_proxy', 'not_received')),
        "reason" varchar(20)
          CHECK ("reason" IN ('pindah', 'meninggal', 'tidak_ditemukan', 'menolak')),
        "proxy_name" varchar(200),
        "proxy_relationship" varchar(100),
        "note" varchar(500),
        "evidence_id" uuid REFERENCES "evidence" ("id"),
        "corrects_receipt_id" uuid,
        "upload_id" uuid REFERENCES "kpm_receipt_upload" ("id"),
        "recorded_by" varchar(200) NOT NULL,
        "role" varchar(30) NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "ck_kpm_receipt_reason" CHECK (("status" = 'not_received') = ("reason" IS NOT NULL)),
        CONSTRAINT "ck_kpm_receipt_proxy" CHECK (
          ("status" = 'received_by_proxy') = ("proxy_name" IS NOT NULL)
          AND ("proxy_name" IS NULL) = ("proxy_relationship" IS NULL)),
        CONSTRAINT "ck_kpm_receipt_allocation_kecamatan" CHECK (right("workflow_id", 8) = "kecamatan_code"),
        CONSTRAINT "ck_kpm_receipt_kelurahan_in_kecamatan" CHECK (left("kelurahan_code", 8) = "kecamatan_code"),
        CONSTRAINT "ck_kpm_receipt_not_itself" CHECK ("corrects_receipt_id" <> "id"),
        -- Lets a correction's foreign key name the person as well as the receipt.
        CONSTRAINT "uq_kpm_receipt_person" UNIQUE ("id", "recipient_id"),
        CONSTRAINT "fk_kpm_receipt_same_person" FOREIGN KEY ("corrects_receipt_id", "recipient_id")
          REFERENCES "kpm_receipt" ("id", "recipient_id")
      )`);
    // At most one first receipt per person; every other is a correction, of one receipt only.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_kpm_receipt_first" ON "kpm_receipt" ("recipient_id") WHERE "corrects_receipt_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_kpm_receipt_corrected_once" ON "kpm_receipt" ("corrects_receipt_id") WHERE "corrects_receipt_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_kpm_receipt_allocation" ON "kpm_receipt" ("workflow_id", "kelurahan_code")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_kpm_receipt_recipient" ON "kpm_receipt" ("recipient_id")`,
    );
    // The SK in force: signed and not replaced by a signed amending SK (which lists everyone
    // in force after its change). A programme has one at a time.
    await queryRunner.query(`
      CREATE VIEW "kpm_bnba" AS
      SELECT s."workflow_id", x."kecamatan_code", x."kelurahan_code", x."recipient_id", x."nik"
        FROM "sk_section" s
        JOIN "sk_document" d ON d."id" = s."sk_id" AND d."status" = 'signed'
        JOIN "sk_recipient" x ON x."sk_id" = s."sk_id" AND x."kecamatan_code" = s."kecamatan_code"
        JOIN "proposed_recipient" p ON p."id" = x."recipient_id" AND p."status" = 'accepted'
       WHERE NOT EXISTS (SELECT 1 FROM "sk_document" a
                          WHERE a."amends_sk_id" = d."id" AND a."status" = 'signed')`);
    await queryRunner.query(`
      CREATE VIEW "kpm_receipt_in_force" AS
      SELECT r.* FROM "kpm_receipt" r
       WHERE NOT EXISTS (SELECT 1 FROM "kpm_receipt" c WHERE c."corrects_receipt_id" = r."id")`);
    await queryRunner.query(`
      CREATE FUNCTION "kpm_receipt_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'kpm_receipt_frozen: % on % refused; a receipt is corrected by a new one',
          TG_OP, TG_TABLE_NAME USING ERRCODE = 'RC001';
      END $$`);
    for (const table of ['kpm_receipt', 'kpm_receipt_upload']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_frozen" BEFORE UPDATE OR DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION "kpm_receipt_refuse_change"()`);
      await queryRunner.query(`
        CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
          FOR EACH STATEMENT EXECUTE FUNCTION "kpm_receipt_refuse_change"()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "kpm_receipt_in_force"`);
    await queryRunner.query(`DROP VIEW "kpm_bnba"`);
    await queryRunner.query(`DROP TABLE "kpm_receipt"`);
    await queryRunner.query(`DROP TABLE "kpm_receipt_upload"`);
    await queryRunner.query(`DROP FUNCTION "kpm_receipt_refuse_change"()`);
  }
}
