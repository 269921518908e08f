import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { APP_CONFIG, type AppConfig } from '../../../libs/config';
import {
  AllocationVendorRepository,
  ProposalRepository,
  SkRepository,
  StepRecordRepository,
  VervalRepository,
} from '../../../libs/persistence';
import { createSalurWorker } from './create-worker';

/** Runs the Temporal worker for the life of the Nest application context. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stepRecords: StepRecordRepository,
    private readonly proposals: ProposalRepository,
    private readonly verval: VervalRepository,
    private readonly sk: SkRepository,
    private readonly allocationVendors: AllocationVendorRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { worker, connection } = await createSalurWorker({
      config: this.config,
      activities: createActivities({
        stepRecords: this.stepRecords,
        proposals: this.proposals,
        verval: this.verval,
        sk: this.sk,
        allocationVendors: this.allocationVendors,
      }),
    });
    this.worker = worker;
    this.connection = connection;
    this.running = worker.run();
    this.running.catch((error: unknown) => {
      this.logger.error(`Worker stopped with an error: ${String(error)}`);
      process.exitCode = 1;
    });
    this.logger.log(
      `Worker polling task queue "${this.config.temporal.taskQueue}" at ${this.config.temporal.address}`,
    );
  }

  /** Resolves when the worker has stopped (after shutdown or a fatal error). */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
