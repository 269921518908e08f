import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verval writes every judged person's status and reasons back to proposed_recipient. With
 * `status` in an index and full pages, each of those writes was a new row version plus a
 * new entry in every index of the table: about 30 s for a million persons, the largest part
 * of a verval run (issue #4). Keeping `status` out of the indexes and half of each page free
 * lets PostgreSQL update the row on its own page without touching any index (a HOT update).
 * The batch index still finds an allocation's persons, in the order they were proposed (seq,
 * which never changes, so it is the order the proposal list pages in); their status is
 * filtered from them.
 *
 * The fill factor applies to pages written from now on; existing rows keep theirs until the
 * table is rewritten (VACUUM FULL), which a migration should not do under traffic.
 */
export class RecipientStatusInPlace1764440000000 implements MigrationInterface {
  name = 'RecipientStatusInPlace1764440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposed_recipient" SET (fillfactor = 50)`);
    await queryRunner.query(
      `CREATE INDEX "idx_proposed_recipient_batch_seq" ON "proposed_recipient" ("batch_id", "seq")`,
    );
    await queryRunner.query(`DROP INDEX "idx_proposed_recipient_batch_status"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_proposed_recipient_batch_status" ON "proposed_recipient" ("batch_id", "status")`,
    );
    await queryRunner.query(`DROP INDEX "idx_proposed_recipient_batch_seq"`);
    await queryRunner.query(`ALTER TABLE "proposed_recipient" RESET (fillfactor)`);
  }
}
