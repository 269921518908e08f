import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../config';

/**
 * Holds one lazily opened connection to the Temporal frontend, so the API can boot
 * (and answer /health) while Temporal is still starting.
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private connection?: Promise<Connection>;
  private client?: Promise<Client>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get(): Promise<Client> {
    if (!this.client) {
      this.connection = Connection.connect({ address: this.config.temporal.address });
      this.client = this.connection.then(
        (connection) => new Client({ connection, namespace: this.config.temporal.namespace }),
      );
      // A failed connect must not be cached: the next request tries again.
      this.client.catch(() => {
        this.client = undefined;
        this.connection = undefined;
      });
    }
    return this.client;
  }

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    await connection?.close();
  }
}

@Global()
@Module({ providers: [TemporalClientProvider], exports: [TemporalClientProvider] })
export class TemporalClientModule {}
