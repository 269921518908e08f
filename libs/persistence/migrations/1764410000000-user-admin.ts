import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * User management (issue 5, docs/auth.md):
 * - `app_user.token_version`: every token carries the version it was issued at and is
 *   refused once it differs, so deactivating a user or resetting its password ends its
 *   sessions at once (raised by both);
 * - `app_user_event`: each change with who made it and when, never changed afterwards.
 *   `actor_id` is null for users the seed command created (no one signed in). Existing
 *   users get their `created` event from their `created_at`.
 */
export class UserAdmin1764410000000 implements MigrationInterface {
  name = 'UserAdmin1764410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD COLUMN "token_version" integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`
      CREATE TABLE "app_user_event" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "app_user" ("id"),
        "kind" varchar(30) NOT NULL
          CHECK ("kind" IN ('created', 'deactivated', 'activated', 'password_reset')),
        "actor_id" uuid REFERENCES "app_user" ("id"),
        "at" timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_app_user_event_user" ON "app_user_event" ("user_id", "at", "id")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "app_user_event_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'app_user_event_frozen: the history of a user is never changed'
          USING ERRCODE = 'UE001';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "app_user_event_frozen" BEFORE UPDATE OR DELETE ON "app_user_event"
        FOR EACH ROW EXECUTE FUNCTION "app_user_event_refuse_change"()`);
    await queryRunner.query(`
      INSERT INTO "app_user_event" ("user_id", "kind", "at")
      SELECT "id", 'created', "created_at" FROM "app_user"`);
    // GET /users lists in this order (keyset pagination).
    await queryRunner.query(
      `CREATE INDEX "ix_app_user_created" ON "app_user" ("created_at", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_app_user_created"`);
    await queryRunner.query(`DROP TABLE "app_user_event"`);
    await queryRunner.query(`DROP FUNCTION "app_user_event_refuse_change"()`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "token_version"`);
  }
}
