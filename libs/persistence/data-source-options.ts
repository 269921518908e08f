import type { DataSourceOptions } from 'typeorm';
import { RegionEntity } from './entities/region.entity';
import { StepRecordEntity } from './entities/step-record.entity';
import { RegionsAndStepRecords1764320000000 } from './migrations/1764320000000-regions-and-step-records';
import { ProposalsAndVerval1764330000000 } from './migrations/1764330000000-proposals-and-verval';

export const ENTITIES = [RegionEntity, StepRecordEntity];
export const MIGRATIONS = [RegionsAndStepRecords1764320000000, ProposalsAndVerval1764330000000];

/** The one set of TypeORM options, used by Nest, the migration command and the TypeORM CLI. */
export function buildDataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // Schema changes go through reviewed migrations only.
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    // A statement whose client died (a killed worker) is cancelled within seconds instead
    // of running on and holding its locks against the retried activity.
    extra: { options: '-c client_connection_check_interval=2000' },
  };
}
