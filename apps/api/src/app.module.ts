import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '@salur/libs/config';
import { LoggingModule } from '@salur/libs/logging';
import { PersistenceModule } from '@salur/libs/persistence';
import { TemporalClientModule } from '@salur/libs/temporal';
import { AuthModule } from './auth/auth.module';
import { AllocationsModule } from './allocations/allocations.module';
import { ImportsModule } from './imports/imports.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { RegionsController } from './regions/regions.controller';
import { DomainErrorFilter } from './http/domain-error.filter';
import { VervalModule } from './verval/verval.module';
import { SkModule } from './sk/sk.module';
import { HealthModule } from './health/health.module';
import { HttpLoggingModule } from './logging/logging.module';
import { EvidenceModule } from './evidence/evidence.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { DocumentsModule } from './documents/documents.module';
import { ListsModule } from './lists/lists.module';
import { UsersModule } from './users/users.module';
import { CodecModule } from './codec/codec.module';
import { TimelineModule } from './timeline/timeline.module';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    TemporalClientModule,
    AuthModule,
    ProgrammesModule,
    AllocationsModule,
    ImportsModule,
    VervalModule,
    SkModule,
    EvidenceModule,
    ReceiptsModule,
    DocumentsModule,
    ListsModule,
    UsersModule,
    CodecModule,
    TimelineModule,
    LoggingModule,
    HttpLoggingModule,
    HealthModule,
  ],
  controllers: [RegionsController],
  providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
})
export class AppModule {}
