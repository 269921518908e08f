import { Module } from '@nestjs/common';
import { AllocationTimelineController, ProgrammeTimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

@Module({
  controllers: [AllocationTimelineController, ProgrammeTimelineController],
  providers: [TimelineService],
  exports: [TimelineService],
})
export class TimelineModule {}
