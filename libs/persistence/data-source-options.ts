import type { DataSourceOptions } from 'typeorm';
import { RegionEntity } from './entities/region.entity';
import { StepRecordEntity } from './entities/step-record.entity';
import { RegionsAndStepRecords1764320000000 } from './migrations/1764320000000-regions-and-step-records';
import { ProposalsAndVerval1764330000000 } from './migrations/1764330000000-proposals-and-verval';
import { Imports1764340000000 } from './migrations/1764340000000-imports';
import { VervalRules1764350000000 } from './migrations/1764350000000-verval-rules';
import { Sk1764360000000 } from './migrations/1764360000000-sk';
import { Users1764370000000 } from './migrations/1764370000000-users';
import { Evidence1764400000000 } from './migrations/1764400000000-evidence';
import { UserAdmin1764410000000 } from './migrations/1764410000000-user-admin';
import { AllocationVendor1764420000000 } from './migrations/1764420000000-allocation-vendor';
import { RecipientReferenceChecks1764430000000 } from './migrations/1764430000000-recipient-reference-checks';
import { RecipientStatusInPlace1764440000000 } from './migrations/1764440000000-recipient-status-in-place';
import { VervalResultStatementChecks1764450000000 } from './migrations/1764450000000-verval-result-statement-checks';
import { RecipientNikHistory1764460000000 } from './migrations/1764460000000-recipient-nik-history';
import { CommandIdempotencyKeys1764475000000 } from './migrations/1764475000000-command-idempotency-keys';
import { Documents1764480000000 } from './migrations/1764480000000-documents';
import { KpmReceipts1764490000000 } from './migrations/1764490000000-kpm-receipts';
import { AuditChain1764500000000 } from './migrations/1764500000000-audit-chain';
import { CommandRefusals1764510000000 } from './migrations/1764510000000-command-refusals';
import { RegionsOfIndonesia1764515000000 } from './migrations/1764515000000-regions-of-indonesia';
import { TypeOrmLog } from './typeorm-log';

export const ENTITIES = [RegionEntity, StepRecordEntity];
export const MIGRATIONS = [
  RegionsAndStepRecords1764320000000,
  ProposalsAndVerval1764330000000,
  Imports1764340000000,
  VervalRules1764350000000,
  Sk1764360000000,
  Users1764370000000,
  Evidence1764400000000,
  UserAdmin1764410000000,
  AllocationVendor1764420000000,
  RecipientReferenceChecks1764430000000,
  RecipientStatusInPlace1764440000000,
  VervalResultStatementChecks1764450000000,
  RecipientNikHistory1764460000000,
  CommandIdempotencyKeys1764475000000,
  Documents1764480000000,
  KpmReceipts1764490000000,
  AuditChain1764500000000,
  CommandRefusals1764510000000,
  RegionsOfIndonesia1764515000000,
];

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
    // Failed statements are the caller's to report; parameters (personal data) never logged.
    logger: new TypeOrmLog(),
    // A statement whose client died (a killed worker) is cancelled within seconds instead
    // of running on and holding its locks against the retried activity.
    extra: { options: '-c client_connection_check_interval=2000' },
  };
}
