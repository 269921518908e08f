import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Why was NIK X rejected on that day?" no longer needs an index on every verval result's
 * NIK (issue #4): at a million persons, keeping that index up cost a verval run about as
 * much as judging duplicates and quota. A person's results are found through the person
 * instead — by the NIK they have now (proposed_recipient's NIK index), or by a NIK they
 * had before a correction, which this table keeps. Each result still stores the NIK as
 * judged, and the answer filters on it.
 *
 * Corrections are the only way a proposed person's NIK changes, and they are few (the
 * rejected persons a kecamatan fixes), so the history stays small; a trigger writes it,
 * so no path that changes a NIK can forget to.
 */
export class RecipientNikHistory1764460000000 implements MigrationInterface {
  name = 'RecipientNikHistory1764460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "proposed_recipient_nik_history" (
        "nik" varchar(32) NOT NULL,
        "recipient_id" uuid NOT NULL
          REFERENCES "proposed_recipient" ("id") ON DELETE CASCADE,
        "replaced_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("nik", "recipient_id")
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "proposed_recipient_keep_old_nik"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO proposed_recipient_nik_history (nik, recipient_id)
        VALUES (OLD.nik, OLD.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "proposed_recipient_keep_old_nik"
        AFTER UPDATE OF "nik" ON "proposed_recipient"
        FOR EACH ROW WHEN (OLD.nik IS DISTINCT FROM NEW.nik)
        EXECUTE FUNCTION "proposed_recipient_keep_old_nik"()`);
    // NIKs corrected before this migration are known only from the results that judged them.
    await queryRunner.query(`
      INSERT INTO "proposed_recipient_nik_history" (nik, recipient_id, replaced_at)
      SELECT vr.nik, vr.recipient_id, max(run.ran_at)
        FROM "verval_result" vr
        JOIN "verval_run" run ON run.id = vr.verval_run_id
        JOIN "proposed_recipient" r ON r.id = vr.recipient_id
       WHERE vr.nik <> r.nik
       GROUP BY vr.nik, vr.recipient_id`);
    await queryRunner.query(`DROP INDEX "idx_verval_result_nik"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_verval_result_nik" ON "verval_result" ("nik")`);
    await queryRunner.query(
      `DROP TRIGGER "proposed_recipient_keep_old_nik" ON "proposed_recipient"`,
    );
    await queryRunner.query(`DROP FUNCTION "proposed_recipient_keep_old_nik"()`);
    await queryRunner.query(`DROP TABLE "proposed_recipient_nik_history"`);
  }
}
