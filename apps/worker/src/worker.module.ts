import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config';
import { LoggingModule } from '../../../libs/logging';
import { PersistenceModule } from '../../../libs/persistence';
import { TemporalRuntimeLog } from './temporal-runtime-log';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, LoggingModule, PersistenceModule],
  providers: [TemporalRuntimeLog, TemporalWorkerService],
})
export class WorkerModule {}
