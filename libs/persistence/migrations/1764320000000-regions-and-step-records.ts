import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readRegionSeed } from '../seed/regions';

export class RegionsAndStepRecords1764320000000 implements MigrationInterface {
  name = 'RegionsAndStepRecords1764320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "region" (
        "code" varchar(13) PRIMARY KEY,
        "name" varchar(120) NOT NULL,
        "level" varchar(20) NOT NULL
          CHECK ("level" IN ('kabupaten_kota', 'kecamatan', 'kelurahan_desa')),
        "parent_code" varchar(13) REFERENCES "region" ("code")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_region_parent_code" ON "region" ("parent_code")`);

    // Parents come before children in the file, so the foreign key holds row by row.
    const rows = readRegionSeed();
    await queryRunner.query(
      `INSERT INTO "region" ("code", "name", "level", "parent_code")
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.name),
        rows.map((r) => r.level),
        rows.map((r) => r.parentCode),
      ],
    );

    await queryRunner.query(`
      CREATE TABLE "sop_step_record" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workflow_id" varchar(200) NOT NULL,
        "step" varchar(60) NOT NULL,
        "business_key" varchar(200) NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "uq_sop_step_record" UNIQUE ("workflow_id", "step", "business_key")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sop_step_record"`);
    await queryRunner.query(`DROP TABLE "region"`);
  }
}
