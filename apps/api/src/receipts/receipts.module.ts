import { Module } from '@nestjs/common';
import { AllocationsModule } from '../allocations/allocations.module';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsService } from './receipts.service';

/** Distribution per KPM and its reconciliation (issue 15, docs/receipts.md). */
@Module({
  imports: [AllocationsModule],
  controllers: [ReceiptsController],
  providers: [ReceiptsService],
})
export class ReceiptsModule {}
