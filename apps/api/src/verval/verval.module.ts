import { Module } from '@nestjs/common';
import { VervalOverrideRepository } from '@salur/libs/persistence/verval-override.repository';
import { VervalController } from './verval.controller';
import { VervalService } from './verval.service';

/** The "why" answer and maker-checker overrides; VervalRepository comes from PersistenceModule. */
@Module({
  controllers: [VervalController],
  providers: [VervalService, VervalOverrideRepository],
})
export class VervalModule {}
