import type { MigrationInterface, QueryRunner } from 'typeorm';

const RUN_FK = 'verval_result_verval_run_id_fkey';
const RECIPIENT_FK = 'verval_result_recipient_id_fkey';

/**
 * verval_result's references (its run, its person) are checked once per statement instead
 * of once per row (issue #4). A verval run of 1,000,000 persons spent longer in the foreign
 * keys' per-row queries, and in locking each referenced person, than in judging them.
 *
 * - The run: the few distinct runs of an insert are locked and checked, as by the key.
 * - The person: every inserted person must exist, checked in one anti-join. Instead of
 *   locking a million persons, the insert and any deletion of a judged person take the
 *   programme's verval lock (the advisory lock verval and overrides already serialise on,
 *   `verval_programme_lock`), so the two cannot pass each other: whichever comes second
 *   sees what the first committed. A judged person cannot be deleted or given another id.
 * - The primary key leads with the person (its judgements, in order of runs), which also
 *   serves the lookups by person the separate recipient index did; the run has its own
 *   index (all of a run's rows share its key, so it stays small and cheap to extend).
 *
 * Errors keep the foreign keys' SQLSTATE (23503) and constraint names.
 */
export class VervalResultStatementChecks1764450000000 implements MigrationInterface {
  name = 'VervalResultStatementChecks1764450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "verval_result"
        DROP CONSTRAINT "${RUN_FK}", DROP CONSTRAINT "${RECIPIENT_FK}",
        DROP CONSTRAINT "verval_result_pkey",
        ADD CONSTRAINT "verval_result_pkey" PRIMARY KEY ("recipient_id", "verval_run_id")`);
    await queryRunner.query(`DROP INDEX "idx_verval_result_recipient"`);
    await queryRunner.query(
      `CREATE INDEX "idx_verval_result_run" ON "verval_result" ("verval_run_id")`,
    );

    // The key the application's lockProgrammeVerval uses, so both sides take the same lock.
    await queryRunner.query(`
      CREATE FUNCTION "verval_programme_lock"(program_id varchar) RETURNS void
      LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(hashtext('verval:' || program_id)) $$`);

    await queryRunner.query(`
      CREATE FUNCTION "verval_result_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        run_ids uuid[];
        programmes varchar[];
        programme varchar;
      BEGIN
        SELECT coalesce(array_agg(r."verval_run_id"), '{}') INTO run_ids
          FROM (SELECT "verval_run_id" FROM inserted GROUP BY 1) r;
        SELECT coalesce(array_agg(l."program_id"), '{}') INTO programmes
          FROM (SELECT "program_id" FROM "verval_run" WHERE "id" = ANY (run_ids) FOR KEY SHARE) l;
        IF cardinality(programmes) <> cardinality(run_ids) THEN
          RAISE EXCEPTION 'insert or update on table "verval_result" violates foreign key constraint "${RUN_FK}"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'verval_result', CONSTRAINT = '${RUN_FK}',
                  DETAIL = 'A verval_run_id is not present in table "verval_run".';
        END IF;
        FOREACH programme IN ARRAY programmes LOOP
          PERFORM "verval_programme_lock"(programme);
        END LOOP;
        IF EXISTS (SELECT FROM inserted i
                    WHERE NOT EXISTS (SELECT FROM "proposed_recipient" p WHERE p."id" = i."recipient_id")) THEN
          RAISE EXCEPTION 'insert or update on table "verval_result" violates foreign key constraint "${RECIPIENT_FK}"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'verval_result', CONSTRAINT = '${RECIPIENT_FK}',
                  DETAIL = 'A recipient_id is not present in table "proposed_recipient".';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "verval_result_references_inserted" AFTER INSERT ON "verval_result"
      REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION "verval_result_inserted"()`);

    // Results are a record: their references never change.
    await queryRunner.query(`
      CREATE FUNCTION "verval_result_keep_references"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'verval_result_immutable: a verval result keeps its run and person'
          USING ERRCODE = 'foreign_key_violation', TABLE = 'verval_result';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "verval_result_references_changed"
      BEFORE UPDATE OF "verval_run_id", "recipient_id" ON "verval_result" FOR EACH ROW
      WHEN (OLD."verval_run_id" IS DISTINCT FROM NEW."verval_run_id"
            OR OLD."recipient_id" IS DISTINCT FROM NEW."recipient_id")
      EXECUTE FUNCTION "verval_result_keep_references"()`);

    await queryRunner.query(`
      CREATE FUNCTION "proposed_recipient_keep_judged"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "verval_programme_lock"(b."program_id") FROM "proposal_batch" b WHERE b."id" = OLD."batch_id";
        IF EXISTS (SELECT FROM "verval_result" WHERE "recipient_id" = OLD."id") THEN
          RAISE EXCEPTION 'update or delete on table "proposed_recipient" violates foreign key constraint "${RECIPIENT_FK}" on table "verval_result"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'proposed_recipient', CONSTRAINT = '${RECIPIENT_FK}',
                  DETAIL = 'It is still referenced from table "verval_result".';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "proposed_recipient_deleted_judged" AFTER DELETE ON "proposed_recipient"
      FOR EACH ROW EXECUTE FUNCTION "proposed_recipient_keep_judged"()`);
    await queryRunner.query(`
      CREATE TRIGGER "proposed_recipient_rekeyed_judged" AFTER UPDATE OF "id" ON "proposed_recipient"
      FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
      EXECUTE FUNCTION "proposed_recipient_keep_judged"()`);

    await queryRunner.query(`
      CREATE FUNCTION "verval_run_keep_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT FROM "verval_result" WHERE "verval_run_id" = OLD."id") THEN
          RAISE EXCEPTION 'update or delete on table "verval_run" violates foreign key constraint "${RUN_FK}" on table "verval_result"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'verval_run', CONSTRAINT = '${RUN_FK}',
                  DETAIL = 'It is still referenced from table "verval_result".';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "verval_run_deleted_referenced" AFTER DELETE ON "verval_run"
      FOR EACH ROW EXECUTE FUNCTION "verval_run_keep_referenced"()`);
    await queryRunner.query(`
      CREATE TRIGGER "verval_run_rekeyed_referenced" AFTER UPDATE OF "id" ON "verval_run"
      FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
      EXECUTE FUNCTION "verval_run_keep_referenced"()`);

    // Truncation skips row triggers: refused while results refer to the table.
    await queryRunner.query(`
      CREATE FUNCTION "verval_result_truncate_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT FROM "verval_result") THEN
          RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = format('Table "verval_result" references %I.', TG_TABLE_NAME);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['verval_run', 'proposed_recipient']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_truncate_judged" BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "verval_result_truncate_referenced"()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['verval_run', 'proposed_recipient']) {
      await queryRunner.query(`DROP TRIGGER "${table}_truncate_judged" ON "${table}"`);
    }
    await queryRunner.query(`
      DROP FUNCTION "verval_result_truncate_referenced"();
      DROP TRIGGER "verval_run_deleted_referenced" ON "verval_run";
      DROP TRIGGER "verval_run_rekeyed_referenced" ON "verval_run";
      DROP FUNCTION "verval_run_keep_referenced"();
      DROP TRIGGER "proposed_recipient_deleted_judged" ON "proposed_recipient";
      DROP TRIGGER "proposed_recipient_rekeyed_judged" ON "proposed_recipient";
      DROP FUNCTION "proposed_recipient_keep_judged"();
      DROP TRIGGER "verval_result_references_changed" ON "verval_result";
      DROP FUNCTION "verval_result_keep_references"();
      DROP TRIGGER "verval_result_references_inserted" ON "verval_result";
      DROP FUNCTION "verval_result_inserted"();
      DROP FUNCTION "verval_programme_lock"(varchar)`);
    await queryRunner.query(`DROP INDEX "idx_verval_result_run"`);
    await queryRunner.query(
      `CREATE INDEX "idx_verval_result_recipient" ON "verval_result" ("recipient_id")`,
    );
    await queryRunner.query(`
      ALTER TABLE "verval_result"
        DROP CONSTRAINT "verval_result_pkey",
        ADD CONSTRAINT "verval_result_pkey" PRIMARY KEY ("verval_run_id", "recipient_id"),
        ADD CONSTRAINT "${RUN_FK}" FOREIGN KEY ("verval_run_id") REFERENCES "verval_run" ("id"),
        ADD CONSTRAINT "${RECIPIENT_FK}" FOREIGN KEY ("recipient_id") REFERENCES "proposed_recipient" ("id")`);
  }
}
