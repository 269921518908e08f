import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readNationalRegionSeed } from '../seed/regions';

/**
 * Every region of Indonesia (libs/persistence/seed/README.md): 38 provinsi above the
 * kabupaten/kota, and every kecamatan and kelurahan/desa. Kota Semarang's rows, loaded
 * first, are the same and stay as they are; its kota now has its provinsi as parent.
 */
export class RegionsOfIndonesia1764515000000 implements MigrationInterface {
  name = 'RegionsOfIndonesia1764515000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "region_level_check"`);
    await queryRunner.query(`ALTER TABLE "region" ADD CONSTRAINT "region_level_check"
      CHECK ("level" IN ('provinsi', 'kabupaten_kota', 'kecamatan', 'kelurahan_desa'))`);
    const rows = readNationalRegionSeed();
    // One statement for 91,599 rows: the foreign key is checked at its end, and the rows
    // already there (Semarang) are left alone.
    await queryRunner.query(
      `INSERT INTO "region" ("code", "name", "level", "parent_code")
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
       ON CONFLICT ("code") DO NOTHING`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.name),
        rows.map((r) => r.level),
        rows.map((r) => r.parentCode),
      ],
    );
    await queryRunner.query(
      `UPDATE "region" SET "parent_code" = left("code", 2)
        WHERE "level" = 'kabupaten_kota' AND "parent_code" IS NULL`,
    );
    await queryRunner.query(`ANALYZE "region"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "region" SET "parent_code" = NULL WHERE "code" = '33.74'`);
    for (const level of ['kelurahan_desa', 'kecamatan', 'kabupaten_kota', 'provinsi']) {
      await queryRunner.query(
        `DELETE FROM "region" WHERE "level" = $1 AND "code" <> '33.74' AND "code" NOT LIKE '33.74.%'`,
        [level],
      );
    }
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "region_level_check"`);
    await queryRunner.query(`ALTER TABLE "region" ADD CONSTRAINT "region_level_check"
      CHECK ("level" IN ('kabupaten_kota', 'kecamatan', 'kelurahan_desa'))`);
  }
}
