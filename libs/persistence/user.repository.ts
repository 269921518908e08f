import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserRole } from '../domain/auth';

export interface StoredUser {
  id: string;
  username: string;
  passwordHash: string;
  role: UserRole;
  kecamatanCode: string | null;
  kelurahanCode: string | null;
  vendorId: string | null;
  active: boolean;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: UserRole;
  kecamatanCode?: string;
  kelurahanCode?: string;
  vendorId?: string;
}

const COLUMNS = `id, username, password_hash AS "passwordHash", role,
  kecamatan_code AS "kecamatanCode", kelurahan_code AS "kelurahanCode",
  vendor_id AS "vendorId", active`;

/** Local login users (app_user). The database checks that area roles carry their area. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByUsername(username: string): Promise<StoredUser | undefined> {
    const rows: StoredUser[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM app_user WHERE username = $1`,
      [username],
    );
    return rows[0];
  }

  async listUsernames(): Promise<Set<string>> {
    const rows: { username: string }[] = await this.dataSource.query(
      'SELECT username FROM app_user',
    );
    return new Set(rows.map((r) => r.username));
  }

  /** Creates the user unless the username exists; returns the stored user either way. */
  async createIfAbsent(user: NewUser): Promise<StoredUser> {
    await this.dataSource.query(
      `INSERT INTO app_user (username, password_hash, role, kecamatan_code, kelurahan_code, vendor_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
      [
        user.username,
        user.passwordHash,
        user.role,
        user.kecamatanCode ?? null,
        user.kelurahanCode ?? null,
        user.vendorId ?? null,
      ],
    );
    return (await this.findByUsername(user.username)) as StoredUser;
  }
}
