import { Module } from '@nestjs/common';
import { AllocationListsController } from './allocation-lists.controller';
import { ProgrammeListsController } from './programme-lists.controller';
import { RecordListsService } from './record-lists.service';
import { SkListsController } from './sk-lists.controller';
import { VisibilityListsService } from './visibility-lists.service';

/** Every list endpoint: one pagination contract, filters, and the caller's read scope. */
@Module({
  controllers: [ProgrammeListsController, AllocationListsController, SkListsController],
  providers: [VisibilityListsService, RecordListsService],
})
export class ListsModule {}
