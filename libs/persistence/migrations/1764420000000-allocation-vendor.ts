import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which vendor holds each allocation's contract (issue 5: a rekanan sees and acts on its own
 * contracts only). One row per allocation whose SPK is signed, projected from its 'contract'
 * step record, which stays the source: the contract activity writes both, and this
 * migration fills the table from the records already there. The API reads it on every
 * request of a rekanan, by vendor, hence the index.
 */
export class AllocationVendor1764420000000 implements MigrationInterface {
  name = 'AllocationVendor1764420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "allocation_vendor" (
        "workflow_id" varchar(200) PRIMARY KEY,
        "vendor_id" varchar(100) NOT NULL,
        "spk_no" varchar(200) NOT NULL,
        "contract_record_id" uuid NOT NULL REFERENCES "sop_step_record" ("id"),
        "signed_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_allocation_vendor_vendor" ON "allocation_vendor" ("vendor_id", "workflow_id")`,
    );
    // The newest contract of each allocation, as AllocationVendorRepository projects one.
    await queryRunner.query(`
      INSERT INTO "allocation_vendor" ("workflow_id", "vendor_id", "spk_no", "contract_record_id", "signed_at")
      SELECT DISTINCT ON ("workflow_id")
             "workflow_id", "data"->>'vendorId', "business_key", "id", "recorded_at"
        FROM "sop_step_record"
       WHERE "step" = 'contract' AND "data"->>'vendorId' IS NOT NULL
       ORDER BY "workflow_id", "recorded_at" DESC, "id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "allocation_vendor"`);
  }
}
