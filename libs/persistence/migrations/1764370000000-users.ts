import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local users for login (issue 5). One role each, the SOP's roles except 'programme'.
 * Area roles carry their area, checked by the database: a kecamatan operator its
 * kecamatan, a kelurahan operator its kelurahan inside that kecamatan, a rekanan its vendor.
 * Passwords are scrypt hashes with a per-user salt and their parameters; demo users are
 * created by `npm run seed:demo-users`, never by a migration.
 */
export class Users1764370000000 implements MigrationInterface {
  name = 'Users1764370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "app_user" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "username" varchar(100) NOT NULL,
        "password_hash" varchar(300) NOT NULL,
        "role" varchar(30) NOT NULL CHECK ("role" IN (
          'dinsos_admin', 'tim_data', 'kecamatan_operator', 'kelurahan_operator', 'sk_approver',
          'tim_pengadaan', 'rekanan', 'tim_pemeriksa', 'tim_distribusi', 'tim_monev',
          'auditor', 'system_admin')),
        "kecamatan_code" varchar(8) REFERENCES "region" ("code"),
        "kelurahan_code" varchar(13) REFERENCES "region" ("code"),
        "vendor_id" varchar(100),
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "app_user_username_unique" UNIQUE ("username"),
        CONSTRAINT "app_user_password_scrypt" CHECK ("password_hash" LIKE 'scrypt$%'),
        CONSTRAINT "app_user_kecamatan_operator_area" CHECK (
          "role" <> 'kecamatan_operator'
          OR ("kecamatan_code" IS NOT NULL AND "kelurahan_code" IS NULL)),
        CONSTRAINT "app_user_kelurahan_operator_area" CHECK (
          "role" <> 'kelurahan_operator'
          OR ("kecamatan_code" IS NOT NULL AND "kelurahan_code" IS NOT NULL
              AND left("kelurahan_code", 8) = "kecamatan_code")),
        CONSTRAINT "app_user_rekanan_vendor" CHECK ("role" <> 'rekanan' OR "vendor_id" IS NOT NULL),
        CONSTRAINT "app_user_area_only_for_area_roles" CHECK (
          "role" IN ('kecamatan_operator', 'kelurahan_operator')
          OR ("kecamatan_code" IS NULL AND "kelurahan_code" IS NULL))
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_user"`);
  }
}
