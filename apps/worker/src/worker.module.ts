import { Module } from '@nestjs/common';
import { ConfigModule } from '@salur/libs/config';
import { LoggingModule } from '@salur/libs/logging';
import { PersistenceModule } from '@salur/libs/persistence';
import { TemporalRuntimeLog } from './temporal-runtime-log';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, LoggingModule, PersistenceModule],
  providers: [TemporalRuntimeLog, TemporalWorkerService],
})
export class WorkerModule {}
