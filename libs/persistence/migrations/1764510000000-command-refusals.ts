import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refused SOP commands (issue 16): a command the workflow's validator refuses leaves nothing
 * in Temporal's history, so the API writes one row a refusal for the timeline. No personal
 * data: the command, the caller's role and user id, the error code and its message, and the update id it was sent with (which
 * never holds a NIK). Append-only and part of the programme's hash chain like the step records.
 */
export class CommandRefusals1764510000000 implements MigrationInterface {
  name = 'CommandRefusals1764510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sop_command_refusal" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workflow_id" varchar(200) NOT NULL,
        "command" varchar(60) NOT NULL,
        "role" varchar(30) NOT NULL,
        "actor_id" varchar(200) NOT NULL,
        "code" varchar(40) NOT NULL,
        "update_id" varchar(255),
        "message" varchar(1000) NOT NULL,
        "step_no" int,
        "refused_at" timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_sop_command_refusal_workflow" ON "sop_command_refusal" ("workflow_id", "refused_at")`,
    );
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER "audit_chain" AFTER INSERT ON "sop_command_refusal"
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION "audit_chain_append"()`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_append_only" BEFORE UPDATE OR DELETE ON "sop_command_refusal"
        FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_no_truncate" BEFORE TRUNCATE ON "sop_command_refusal"
        FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sop_command_refusal"`);
  }
}
