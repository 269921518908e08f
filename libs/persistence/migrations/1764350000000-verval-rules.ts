import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verval with reasons that can be explained later: each run stores the hash of the rules
 * it applied, the quota, and the exclusion register versions it read; each result stores
 * the NIK as judged, warnings and per-reason detail. Overrides are maker-checker records.
 */
export class VervalRules1764350000000 implements MigrationInterface {
  name = 'VervalRules1764350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The full text of every ruleset ever used, by its SHA-256.
    await queryRunner.query(`
      CREATE TABLE "verval_ruleset" (
        "sha256" char(64) PRIMARY KEY,
        "version" varchar(20) NOT NULL,
        "definition" text NOT NULL,
        "first_used_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      ALTER TABLE "verval_run"
        ADD COLUMN "program_id" varchar(63),
        ADD COLUMN "ruleset_sha256" char(64) REFERENCES "verval_ruleset" ("sha256"),
        ADD COLUMN "quota" int,
        ADD COLUMN "exclusion_version_ids" uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN "exclusion_versions" jsonb NOT NULL DEFAULT '[]'::jsonb`);
    // The NIK as it was judged: a later correction changes proposed_recipient, not history.
    await queryRunner.query(`
      ALTER TABLE "verval_result"
        ADD COLUMN "nik" varchar(32),
        ADD COLUMN "warnings" text[] NOT NULL DEFAULT '{}',
        ADD COLUMN "detail" jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await queryRunner.query(`
      UPDATE "verval_result" vr SET "nik" = r."nik"
        FROM "proposed_recipient" r WHERE r."id" = vr."recipient_id"`);
    await queryRunner.query(`ALTER TABLE "verval_result" ALTER COLUMN "nik" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_verval_result_nik" ON "verval_result" ("nik")`);
    await queryRunner.query(
      `CREATE INDEX "idx_verval_result_recipient" ON "verval_result" ("recipient_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "verval_override" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "recipient_id" uuid NOT NULL REFERENCES "proposed_recipient" ("id"),
        "workflow_id" varchar(200) NOT NULL,
        "from_outcome" varchar(8) NOT NULL CHECK ("from_outcome" IN ('accepted', 'rejected')),
        "outcome" varchar(8) NOT NULL CHECK ("outcome" IN ('accepted', 'rejected')),
        "reason" varchar(1000) NOT NULL CHECK (length(trim("reason")) > 0),
        "requested_by" varchar(100) NOT NULL,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "status" varchar(8) NOT NULL DEFAULT 'pending'
          CHECK ("status" IN ('pending', 'approved', 'rejected')),
        "decided_by" varchar(100),
        "decided_at" timestamptz,
        "decision_reason" varchar(1000),
        CHECK ("from_outcome" <> "outcome"),
        -- Maker-checker: an approval is always by a second member.
        CHECK ("status" <> 'approved' OR "decided_by" <> "requested_by"),
        CHECK (("status" = 'pending') = ("decided_by" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_verval_override_pending" ON "verval_override" ("recipient_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_verval_override_status" ON "verval_override" ("status", "requested_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "verval_override"`);
    await queryRunner.query(`
      ALTER TABLE "verval_result" DROP COLUMN "nik", DROP COLUMN "warnings", DROP COLUMN "detail"`);
    await queryRunner.query(`
      ALTER TABLE "verval_run" DROP COLUMN "program_id", DROP COLUMN "ruleset_sha256",
        DROP COLUMN "quota", DROP COLUMN "exclusion_version_ids", DROP COLUMN "exclusion_versions"`);
    await queryRunner.query(`DROP TABLE "verval_ruleset"`);
  }
}
