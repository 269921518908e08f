import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * File imports (proposals and exclusion registers): one row per applied upload, keyed so
 * that the same file for the same target is applied once; and the request letter that
 * comes with a kecamatan's proposal batch (SOP step 2). Rows are staged in a temporary
 * table per import, so no staging table lives here.
 */
export class Imports1764340000000 implements MigrationInterface {
  name = 'Imports1764340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "import_upload" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "kind" varchar(12) NOT NULL CHECK ("kind" IN ('proposals', 'exclusion')),
        -- The allocation workflow id (proposals) or the register name (exclusion).
        "target" varchar(200) NOT NULL,
        "file_sha256" char(64) NOT NULL,
        "file_name" varchar(255) NOT NULL,
        "row_count" int NOT NULL,
        -- The proposal batch or exclusion register version the upload created.
        "result_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "uq_import_upload_file" UNIQUE ("kind", "target", "file_sha256")
      )`);
    await queryRunner.query(`
      ALTER TABLE "proposal_batch"
        ADD COLUMN "request_letter_no" varchar(100),
        ADD COLUMN "request_letter_date" date,
        ADD COLUMN "acknowledged_by_camat" boolean,
        ADD COLUMN "submitted_by" varchar(120),
        ADD COLUMN "upload_id" uuid REFERENCES "import_upload" ("id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "proposal_batch"
        DROP COLUMN "upload_id",
        DROP COLUMN "submitted_by",
        DROP COLUMN "acknowledged_by_camat",
        DROP COLUMN "request_letter_date",
        DROP COLUMN "request_letter_no"`);
    await queryRunner.query(`DROP TABLE "import_upload"`);
  }
}
