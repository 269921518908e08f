import type { MigrationInterface, QueryRunner } from 'typeorm';

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
    await queryRunner.query(`
      CREATE TABLE "exclusion_entry" (
        "register" varchar(12) NOT NULL
          CHECK ("register" IN ('PKH', 'BPNT', 'BST', 'KJS', 'PERMAKANAN', 'ISOMAN')),
        "nik" varchar(16) NOT NULL,
        PRIMARY KEY ("nik", "register")
      )`);
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
      'verval_result',
      'verval_run',
      'exclusion_entry',
      'proposed_recipient',
      'proposal_batch',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
