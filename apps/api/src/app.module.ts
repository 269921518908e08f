import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '../../../libs/config';
import { PersistenceModule } from '../../../libs/persistence';
import { TemporalClientModule } from '../../../libs/temporal';
import { AllocationsModule } from './allocations/allocations.module';
import { ImportsModule } from './imports/imports.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { RegionsController } from './regions/regions.controller';
import { DomainErrorFilter } from './http/domain-error.filter';
import { VervalModule } from './verval/verval.module';
import { SkModule } from './sk/sk.module';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    TemporalClientModule,
    ProgrammesModule,
    AllocationsModule,
    ImportsModule,
    VervalModule,
    SkModule,
  ],
  controllers: [RegionsController],
  providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
})
export class AppModule {}
