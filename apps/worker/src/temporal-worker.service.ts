import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createWorkerActivities } from '@salur/activities';
import { APP_CONFIG, requirePayloadKeys, type AppConfig } from '@salur/libs/config';
import { createSalurWorker } from './create-worker';

const RETRY_EVERY_MS = 2_000;

/** Runs the Temporal worker for the life of the Nest application context. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Starts polling once Temporal answers: a worker started while Temporal is down waits for
   * it (logging why) instead of exiting, and the process lives until shut down.
   */
  onApplicationBootstrap(): void {
    // Missing or bad payload keys stop the start (ConfigError), not a retry loop below.
    requirePayloadKeys(this.config);
    this.running = this.startWhenReachable();
    this.running.catch((error: unknown) => {
      this.logger.error(`Worker stopped with an error: ${String(error)}`);
      process.exitCode = 1;
    });
  }

  private async startWhenReachable(): Promise<void> {
    const activities = createWorkerActivities(this.dataSource, this.config);
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        const { worker, connection } = await createSalurWorker({ config: this.config, activities });
        this.worker = worker;
        this.connection = connection;
        break;
      } catch (error) {
        if (attempt === 1 || attempt % 15 === 0) {
          this.logger.warn(
            `Temporal at ${this.config.temporal.address} not reachable, retrying every ${RETRY_EVERY_MS / 1000} s: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        await sleep(RETRY_EVERY_MS);
      }
    }
    if (!this.worker) return;
    this.logger.log(
      `Worker polling task queue "${this.config.temporal.taskQueue}" at ${this.config.temporal.address}`,
    );
    await this.worker.run();
  }

  /** Resolves when the worker has stopped (after shutdown or a fatal error). */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
