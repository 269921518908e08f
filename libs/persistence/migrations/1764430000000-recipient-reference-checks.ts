import type { MigrationInterface, QueryRunner } from 'typeorm';

const BATCH_FK = 'proposed_recipient_batch_id_fkey';
const KELURAHAN_FK = 'proposed_recipient_kelurahan_code_fkey';

/**
 * proposed_recipient's references (its batch, its kelurahan) are checked once per
 * statement instead of once per row. A foreign key runs one query per inserted row,
 * which costs more than the insert itself for a 1,000,000-row proposal import (issue #4);
 * a statement-level trigger reads the inserted rows once (a transition table), then
 * locks and checks the few distinct batches and kelurahan they name. A change of a row's
 * references (a correction) is checked per row; a referenced batch or kelurahan refuses
 * deletion, a key change or TRUNCATE, as under the foreign keys. Errors keep the foreign
 * keys' SQLSTATE (23503) and constraint names.
 */
export class RecipientReferenceChecks1764430000000 implements MigrationInterface {
  name = 'RecipientReferenceChecks1764430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "proposed_recipient" DROP CONSTRAINT "${BATCH_FK}", DROP CONSTRAINT "${KELURAHAN_FK}"`);

    // Locking FOR KEY SHARE, as a foreign key does, keeps them from going away until commit.
    await queryRunner.query(`
      CREATE FUNCTION "proposed_recipient_lock_references"(batch_ids uuid[], kelurahan_codes varchar[])
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT count(*) FROM (SELECT FROM "proposal_batch" WHERE "id" = ANY (batch_ids)
                                    FOR KEY SHARE) b) <> cardinality(batch_ids) THEN
          RAISE EXCEPTION 'insert or update on table "proposed_recipient" violates foreign key constraint "${BATCH_FK}"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'proposed_recipient',
                  CONSTRAINT = '${BATCH_FK}',
                  DETAIL = 'A batch_id is not present in table "proposal_batch".';
        END IF;
        IF (SELECT count(*) FROM (SELECT FROM "region" WHERE "code" = ANY (kelurahan_codes)
                                    FOR KEY SHARE) r) <> cardinality(kelurahan_codes) THEN
          RAISE EXCEPTION 'insert or update on table "proposed_recipient" violates foreign key constraint "${KELURAHAN_FK}"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'proposed_recipient',
                  CONSTRAINT = '${KELURAHAN_FK}',
                  DETAIL = 'A kelurahan_code is not present in table "region".';
        END IF;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION "proposed_recipient_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        batch_ids uuid[];
        kelurahan_codes varchar[];
      BEGIN
        SELECT coalesce(array_agg(DISTINCT k."batch_id"), '{}'),
               coalesce(array_agg(DISTINCT k."kelurahan_code"), '{}')
          INTO batch_ids, kelurahan_codes
          FROM (SELECT "batch_id", "kelurahan_code" FROM inserted GROUP BY 1, 2) k;
        PERFORM "proposed_recipient_lock_references"(batch_ids, kelurahan_codes);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "proposed_recipient_references_inserted" AFTER INSERT ON "proposed_recipient"
      REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION "proposed_recipient_inserted"()`);

    // Per row, and only when a reference changes: a statement trigger with a transition
    // table would copy every row of every UPDATE (verval's included).
    await queryRunner.query(`
      CREATE FUNCTION "proposed_recipient_references_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "proposed_recipient_lock_references"(ARRAY[NEW."batch_id"], ARRAY[NEW."kelurahan_code"]);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "proposed_recipient_references_changed"
      AFTER UPDATE OF "batch_id", "kelurahan_code" ON "proposed_recipient" FOR EACH ROW
      WHEN (OLD."batch_id" IS DISTINCT FROM NEW."batch_id"
            OR OLD."kelurahan_code" IS DISTINCT FROM NEW."kelurahan_code")
      EXECUTE FUNCTION "proposed_recipient_references_changed"()`);

    await this.keepReferenced(queryRunner, 'proposal_batch', 'id', 'batch_id', BATCH_FK);
    await this.keepReferenced(queryRunner, 'region', 'code', 'kelurahan_code', KELURAHAN_FK);
    // Other foreign keys already keep region from being truncated.
    await queryRunner.query(`
      CREATE FUNCTION "proposal_batch_truncate_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT FROM "proposed_recipient") THEN
          RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'Table "proposed_recipient" references "proposal_batch".';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "proposal_batch_truncate_referenced" BEFORE TRUNCATE ON "proposal_batch"
      FOR EACH STATEMENT EXECUTE FUNCTION "proposal_batch_truncate_referenced"()`);
  }

  /** A row of `table` that a recipient references keeps its key and is not deleted. */
  private async keepReferenced(
    queryRunner: QueryRunner,
    table: string,
    key: string,
    column: string,
    constraint: string,
  ): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "${table}_keep_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT FROM "proposed_recipient" WHERE "${column}" = OLD."${key}") THEN
          RAISE EXCEPTION 'update or delete on table "${table}" violates foreign key constraint "${constraint}" on table "proposed_recipient"'
            USING ERRCODE = 'foreign_key_violation', TABLE = '${table}', CONSTRAINT = '${constraint}',
                  DETAIL = 'It is still referenced from table "proposed_recipient".';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "${table}_deleted_referenced" AFTER DELETE ON "${table}"
      FOR EACH ROW EXECUTE FUNCTION "${table}_keep_referenced"()`);
    await queryRunner.query(`
      CREATE TRIGGER "${table}_rekeyed_referenced" AFTER UPDATE OF "${key}" ON "${table}"
      FOR EACH ROW WHEN (OLD."${key}" IS DISTINCT FROM NEW."${key}")
      EXECUTE FUNCTION "${table}_keep_referenced"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "proposal_batch_truncate_referenced" ON "proposal_batch";
       DROP FUNCTION "proposal_batch_truncate_referenced"()`,
    );
    for (const table of ['proposal_batch', 'region']) {
      await queryRunner.query(
        `DROP TRIGGER "${table}_deleted_referenced" ON "${table}";
         DROP TRIGGER "${table}_rekeyed_referenced" ON "${table}";
         DROP FUNCTION "${table}_keep_referenced"()`,
      );
    }
    await queryRunner.query(
      `DROP TRIGGER "proposed_recipient_references_changed" ON "proposed_recipient";
       DROP FUNCTION "proposed_recipient_references_changed"();
       DROP TRIGGER "proposed_recipient_references_inserted" ON "proposed_recipient";
       DROP FUNCTION "proposed_recipient_inserted"();
       DROP FUNCTION "proposed_recipient_lock_references"(uuid[], varchar[])`,
    );
    await queryRunner.query(`
      ALTER TABLE "proposed_recipient"
        ADD CONSTRAINT "${BATCH_FK}" FOREIGN KEY ("batch_id") REFERENCES "proposal_batch" ("id"),
        ADD CONSTRAINT "${KELURAHAN_FK}" FOREIGN KEY ("kelurahan_code") REFERENCES "region" ("code")`);
  }
}
