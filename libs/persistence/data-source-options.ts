import type { DataSourceOptions } from 'typeorm';
import { RegionEntity } from './entities/region.entity';
import { StepRecordEntity } from './entities/step-record.entity';
import { RegionsAndStepRecords1764320000000 } from './migrations/1764320000000-regions-and-step-records';

export const ENTITIES = [RegionEntity, StepRecordEntity];
export const MIGRATIONS = [RegionsAndStepRecords1764320000000];

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
  };
}
