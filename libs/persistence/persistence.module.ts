import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { buildDataSourceOptions } from './data-source-options';
import { RegionRepository } from './region.repository';
import { StepRecordRepository } from './step-record.repository';
import { ProposalRepository } from './proposal.repository';
import { VervalRepository } from './verval.repository';
import { SkRepository } from './sk.repository';
import { UserRepository } from './user.repository';
import { EvidenceRepository } from './evidence.repository';
import { ReceiptRepository } from './receipt.repository';
import { AllocationVendorRepository } from './allocation-vendor.repository';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { CommandRefusalRepository } from './command-refusal.repository';
import { TimelineRepository } from './timeline.repository';
import { DocumentRegistry } from './documents/document-registry.repository';
import { LIST_REPOSITORIES } from './lists';
import { DataSourceConnector } from './data-source-connector';

const REPOSITORIES = [
  RegionRepository,
  StepRecordRepository,
  ProposalRepository,
  VervalRepository,
  SkRepository,
  UserRepository,
  EvidenceRepository,
  ReceiptRepository,
  AllocationVendorRepository,
  IdempotencyKeyRepository,
  CommandRefusalRepository,
  TimelineRepository,
  DocumentRegistry,
  ...LIST_REPOSITORIES,
];

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // Connected by DataSourceConnector in the background: a boot never waits for PostgreSQL.
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.databaseUrl),
        manualInitialization: true,
      }),
    }),
  ],
  providers: [...REPOSITORIES, DataSourceConnector],
  exports: [...REPOSITORIES, DataSourceConnector],
})
export class PersistenceModule {}
