import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/** `npm run db:migrate`: applies pending migrations in one transaction each. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(buildDataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  migrate(loadConfig().databaseUrl).then(
    (applied) => {
      process.stdout.write(
        applied.length ? `Applied migrations: ${applied.join(', ')}\n` : 'Database is up to date\n',
      );
    },
    (error: unknown) => {
      process.stderr.write(
        `Migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
