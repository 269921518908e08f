import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first use of each `Idempotency-Key` of an SOP command (issue 12): a key reused with
 * a different command or payload is refused (422) instead of silently answering with the
 * first command's result. Temporal's update id still makes the same command apply once.
 * Only a SHA-256 of the request is kept, never the payload.
 */
export class CommandIdempotencyKeys1764475000000 implements MigrationInterface {
  name = 'CommandIdempotencyKeys1764475000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "command_idempotency_key" (
        "workflow_id" varchar(200) NOT NULL,
        "key" varchar(255) NOT NULL,
        "fingerprint" char(64) NOT NULL,
        "first_used_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("workflow_id", "key")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "command_idempotency_key"`);
  }
}
