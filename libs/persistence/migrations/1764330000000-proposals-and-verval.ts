import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readNationalKecamatanSeed } from '../seed/regions';

/**
 * The data behind SOP steps 3-4: a kecamatan's proposal batches, the proposed persons,
 * the exclusion registers and each verval run with its per-person results.
 */
export class ProposalsAndVerval1764330000000 implements MigrationInterface {
  name = 'ProposalsAndVerval1764330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "proposal_batch" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "program_id" varchar(63) NOT NULL,
        "kecamatan_code" varchar(8) NOT NULL REFERENCES "region" ("code"),
        "workflow_id" varchar(200) NOT NULL,
        "submitted_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_proposal_batch_workflow" ON "proposal_batch" ("workflow_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "proposed_recipient" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "batch_id" uuid NOT NULL REFERENCES "proposal_batch" ("id"),
        "seq" bigserial NOT NULL,
        "nik" varchar(32) NOT NULL,
        "no_kk" varchar(32),
        "name" varchar(200),
        "address" varchar(300),
        "rt_rw" varchar(10),
        "phone" varchar(20),
        "covid_impact" varchar(300),
        "kelurahan_code" varchar(13) NOT NULL REFERENCES "region" ("code"),
        "status" varchar(12) NOT NULL DEFAULT 'proposed'
          CHECK ("status" IN ('proposed', 'accepted', 'rejected', 'resubmitted', 'withdrawn')),
        "reasons" text[] NOT NULL DEFAULT '{}',
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_proposed_recipient_batch_status" ON "proposed_recipient" ("batch_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_proposed_recipient_nik" ON "proposed_recipient" ("nik")`,
    );
    // Every kecamatan of Indonesia: the first six digits of a NIK must be one of these.
    await queryRunner.query(`
      CREATE TABLE "kecamatan_nasional" (
        "nik_prefix" char(6) PRIMARY KEY,
        "code" varchar(8) NOT NULL UNIQUE,
        "name" varchar(120) NOT NULL,
        "kabupaten_kota" varchar(120) NOT NULL,
        "provinsi" varchar(120) NOT NULL
      )`);
    const national = readNationalKecamatanSeed();
    await queryRunner.query(
      `INSERT INTO "kecamatan_nasional" ("nik_prefix", "code", "name", "kabupaten_kota", "provinsi")
       SELECT * FROM unnest($1::char(6)[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])`,
      [
        national.map((k) => k.code.replace(/\./g, '')),
        national.map((k) => k.code),
        national.map((k) => k.name),
        national.map((k) => k.kabupatenKota),
        national.map((k) => k.provinsi),
      ],
    );
    // Exclusion registers arrive as dated, versioned lists; verval reads the current version
    // of each register, and old versions stay for answering "why, on that day?".
    await queryRunner.query(`
      CREATE TABLE "exclusion_register_version" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "register" varchar(12) NOT NULL
          CHECK ("register" IN ('PKH', 'BPNT', 'BST', 'KJS', 'PERMAKANAN', 'ISOMAN')),
        "version_label" varchar(60) NOT NULL,
        "valid_on" date NOT NULL,
        "source" varchar(200) NOT NULL,
        "file_sha256" char(64) NOT NULL UNIQUE,
        "row_count" int NOT NULL DEFAULT 0,
        "is_current" boolean NOT NULL DEFAULT false,
        "loaded_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_exclusion_register_current" ON "exclusion_register_version" ("register") WHERE "is_current"`,
    );
    await queryRunner.query(`
      CREATE TABLE "exclusion_entry" (
        "version_id" uuid NOT NULL REFERENCES "exclusion_register_version" ("id"),
        "nik" varchar(16) NOT NULL,
        PRIMARY KEY ("version_id", "nik")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_exclusion_entry_nik" ON "exclusion_entry" ("nik")`);
    await queryRunner.query(`
      CREATE TABLE "verval_run" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workflow_id" varchar(200) NOT NULL,
        "round" int NOT NULL,
        "ruleset_version" varchar(20) NOT NULL,
        "under_review" int NOT NULL,
        "accepted" int NOT NULL,
        "rejected" int NOT NULL,
        "rejected_by_reason" jsonb NOT NULL,
        "ran_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "uq_verval_run_round" UNIQUE ("workflow_id", "round")
      )`);
    await queryRunner.query(`
      CREATE TABLE "verval_result" (
        "verval_run_id" uuid NOT NULL REFERENCES "verval_run" ("id"),
        "recipient_id" uuid NOT NULL REFERENCES "proposed_recipient" ("id"),
        "outcome" varchar(8) NOT NULL CHECK ("outcome" IN ('accepted', 'rejected')),
        "reasons" text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY ("verval_run_id", "recipient_id")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'kecamatan_nasional',
      'verval_result',
      'verval_run',
      'exclusion_entry',
      'exclusion_register_version',
      'proposed_recipient',
      'proposal_batch',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
