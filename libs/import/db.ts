import type { ClientBase, Pool, PoolClient } from 'pg';

/** One connection for one import; `release(true)` discards a connection left unusable. */
export interface ImportConnection {
  readonly client: ClientBase;
  release(this: void, discard?: boolean): void;
}

/**
 * Settings of every import transaction (SET LOCAL: they end with it). The checks are wide
 * statements over the whole file: JIT compiling them costs seconds. The benchmark's baseline
 * runs under the same settings.
 */
export const IMPORT_SETTINGS_SQL = 'SET LOCAL jit = off';

/** How the importer gets its connection: a pg Pool (API) or a single Client (CLI). */
export type ConnectImportDb = () => Promise<ImportConnection>;

export function poolConnector(pool: Pool): ConnectImportDb {
  return async () => {
    const client: PoolClient = await pool.connect();
    return { client, release: (discard) => client.release(discard === true) };
  };
}

/**
 * Runs `work` in one transaction on its own connection: everything it wrote commits
 * together, or a throw rolls all of it back (the staging table included).
 */
export async function inTransaction<T>(
  connect: ConnectImportDb,
  work: (client: ClientBase) => Promise<T>,
): Promise<T> {
  const { client, release } = await connect();
  let discard = false;
  try {
    await client.query('BEGIN');
    await client.query(IMPORT_SETTINGS_SQL);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        discard = true;
      });
      throw error;
    }
  } finally {
    release(discard);
  }
}
