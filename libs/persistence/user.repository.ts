import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserRole } from '../domain/auth';
import { DomainError } from '../domain/errors';
import type { Page } from '../domain/listing';
import type { ScopedListQuery } from '../domain/read-scope';
import type { UserEventKind, UserFilters } from '../domain/user-admin';
import { keysetPage, type KeysetList } from './lists/keyset-page';
import { UUID } from '../shared';

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

/** A user as user management shows it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  role: UserRole;
  kecamatanCode: string | null;
  kelurahanCode: string | null;
  vendorId: string | null;
  active: boolean;
  createdAt: string;
}

export interface UserEvent {
  kind: UserEventKind;
  /** Who made the change; null for users the seed command created. */
  actorId: string | null;
  actorUsername: string | null;
  at: string;
}

/** What decides whether a token of the user is still good (TokenService.verify). */
export interface TokenState {
  active: boolean;
  tokenVersion: number;
}

const COLUMNS = `id, username, password_hash AS "passwordHash", role,
  kecamatan_code AS "kecamatanCode", kelurahan_code AS "kelurahanCode",
  vendor_id AS "vendorId", active`;

const VIEW_COLUMNS = `u.id, u.username, u.role, u.kecamatan_code AS "kecamatanCode",
  u.kelurahan_code AS "kelurahanCode", u.vendor_id AS "vendorId", u.active,
  u.created_at AS "createdAt"`;

/** Users in the order they were created. Users belong to no kecamatan's data: city-wide. */
const USERS: KeysetList = {
  select: VIEW_COLUMNS,
  from: 'app_user u',
  kecamatanColumn: null,
  allocationColumn: null,
  kelurahanColumn: null,
  order: [
    { sql: 'u.created_at', kind: 'timestamp' },
    { sql: 'u.id', kind: 'uuid' },
  ],
};

// A token's `sub` is checked before it reaches a uuid column, so a bad one is no SQL error.

type ViewRow = Omit<UserView, 'createdAt'> & { createdAt: Date };
const toView = (row: ViewRow): UserView => ({ ...row, createdAt: row.createdAt.toISOString() });

/**
 * Local login users (app_user). The database checks that area roles carry their area.
 * Every change (create, deactivate, activate, password reset) is written in the same
 * statement as its app_user_event row, so none happens without its who and when.
 */
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
    await this.insert(user, null);
    return (await this.findByUsername(user.username)) as StoredUser;
  }

  /** A new user made by `actorId`; ALREADY_EXISTS when the username is taken. */
  async create(user: NewUser, actorId: string): Promise<UserView> {
    const id = await this.insert(user, actorId);
    if (!id) {
      throw new DomainError('ALREADY_EXISTS', `A user named ${user.username} already exists`, {
        field: 'username',
      });
    }
    return (await this.findView(id)) as UserView;
  }

  async findView(id: string): Promise<UserView | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows: ViewRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM app_user u WHERE u.id = $1`,
      [id],
    );
    return rows[0] && toView(rows[0]);
  }

  async list(query: ScopedListQuery<UserFilters>): Promise<Page<UserView>> {
    const { role, kecamatan, active } = query.filters;
    const page = await keysetPage<ViewRow>(this.dataSource, USERS, query, (p) => [
      ...(role !== undefined ? [`u.role = ${p.add(role)}`] : []),
      ...(kecamatan !== undefined ? [`u.kecamatan_code = ${p.add(kecamatan)}`] : []),
      ...(active !== undefined ? [`u.active = ${p.add(active)}`] : []),
    ]);
    return { ...page, items: page.items.map(toView) };
  }

  /** The user's changes, oldest first. */
  async events(id: string): Promise<UserEvent[]> {
    const rows: (Omit<UserEvent, 'at'> & { at: Date })[] = await this.dataSource.query(
      `SELECT e.kind, e.actor_id AS "actorId", a.username AS "actorUsername", e.at
         FROM app_user_event e LEFT JOIN app_user a ON a.id = e.actor_id
        WHERE e.user_id = $1 ORDER BY e.at, e.id`,
      [id],
    );
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }

  /**
   * Lets the user log in again (active) or not; false when it already was so (nothing
   * changes, nothing is recorded). Deactivating raises the token version: every token
   * issued so far stops working, and stays refused after a later activation.
   */
  async setActive(id: string, active: boolean, actorId: string): Promise<boolean> {
    return this.change(
      id,
      active ? 'activated' : 'deactivated',
      actorId,
      `active = $4, token_version = token_version + CASE WHEN $4::boolean THEN 0 ELSE 1 END`,
      [active],
      'AND active <> $4',
    );
  }

  /** A new password hash; raises the token version, so sessions on the old password end. */
  async setPasswordHash(id: string, passwordHash: string, actorId: string): Promise<boolean> {
    return this.change(
      id,
      'password_reset',
      actorId,
      'password_hash = $4, token_version = token_version + 1',
      [passwordHash],
    );
  }

  async tokenState(id: string): Promise<TokenState | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows: TokenState[] = await this.dataSource.query(
      `SELECT active, token_version AS "tokenVersion" FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The new user's id, or undefined when the username is taken. */
  private async insert(user: NewUser, actorId: string | null): Promise<string | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH created AS (
         INSERT INTO app_user (username, password_hash, role, kecamatan_code, kelurahan_code, vendor_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id),
       event AS (
         INSERT INTO app_user_event (user_id, kind, actor_id) SELECT id, 'created', $7::uuid FROM created)
       SELECT id FROM created`,
      [
        user.username,
        user.passwordHash,
        user.role,
        user.kecamatanCode ?? null,
        user.kelurahanCode ?? null,
        user.vendorId ?? null,
        actorId,
      ],
    );
    return rows[0]?.id;
  }

  /** One UPDATE of app_user and its event row, in one statement; false when no row changed. */
  private async change(
    id: string,
    kind: UserEventKind,
    actorId: string,
    set: string,
    values: unknown[],
    condition = '',
  ): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH changed AS (
         UPDATE app_user SET ${set} WHERE id = $1 ${condition} RETURNING id),
       event AS (
         INSERT INTO app_user_event (user_id, kind, actor_id) SELECT id, $2::varchar, $3::uuid FROM changed)
       SELECT id FROM changed`,
      [id, kind, actorId, ...values],
    );
    return rows.length > 0;
  }
}
