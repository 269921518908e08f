import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  ServiceError,
  WorkflowNotFoundError,
  type WorkflowHandle,
} from '@temporalio/client';
import type { DataConverter, UpdateDefinition } from '@temporalio/common';
import type { CommandRequest } from '../sop/command-request';
import { DomainError } from '../domain/errors';
import { toDomainError } from './failures';
import { APP_CONFIG, requirePayloadKeys, type AppConfig } from '../config';
import { encryptingDataConverter } from './payload-codec';

const CONNECT_TIMEOUT_MS = 1_000;
/**
 * Tries of one gRPC call while Temporal does not answer: about half a second of backoff in all.
 * The SDK's default of 10 kept a request waiting some 20 s after Temporal went away; the API
 * answers 503 instead, and its callers (the main job, the console) retry.
 */
const GRPC_ATTEMPTS = 4;

/**
 * Holds one lazily opened connection to the Temporal frontend, so the API can boot
 * (and answer /health) while Temporal is still starting.
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private connection?: Promise<Connection>;
  private client?: Promise<Client>;
  /** Made at start-up, so an API without payload keys stops there, not at its first request. */
  private readonly dataConverter: DataConverter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.dataConverter = encryptingDataConverter(requirePayloadKeys(config));
  }

  get(): Promise<Client> {
    if (!this.client) {
      // A couple of seconds, not the SDK's 10: a request while Temporal is down answers 503
      // quickly (the API's error filter knows a ServiceError "Failed to connect").
      this.connection = Connection.connect({
        address: this.config.temporal.address,
        connectTimeout: CONNECT_TIMEOUT_MS,
        interceptors: [
          makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: GRPC_ATTEMPTS })),
        ],
      }).catch((error: unknown) => {
        throw new ServiceError(`Failed to connect to Temporal at ${this.config.temporal.address}`, {
          cause: error instanceof Error ? error : new Error(String(error)),
        });
      });
      this.client = this.connection.then(
        (connection) =>
          new Client({
            connection,
            namespace: this.config.temporal.namespace,
            dataConverter: this.dataConverter,
          }),
      );
      // A failed connect must not be cached: the next request tries again.
      this.client.catch(() => {
        this.client = undefined;
        this.connection = undefined;
      });
    }
    return this.client;
  }

  /**
   * Sends an SOP command (a workflow update) and answers with the workflow's new view;
   * refusals come back as domain errors. `updateId` makes a retried request apply once.
   */
  async executeCommand<View>(
    workflowId: string,
    update: UpdateDefinition<View, [CommandRequest]>,
    request: CommandRequest,
    updateId?: string,
  ): Promise<View> {
    const client = await this.get();
    const handle = client.workflow.getHandle(workflowId);
    try {
      return await handle.executeUpdate(update, {
        args: [request],
        ...(updateId ? { updateId } : {}),
      });
    } catch (error) {
      // A finished workflow is "not found" to an update, though a GET still shows it.
      if (error instanceof WorkflowNotFoundError) {
        const closed = await closedStatus(handle);
        if (closed) {
          throw new DomainError(
            'TRANSITION_REFUSED',
            `${workflowId} is ${closed}: it takes no more commands`,
            {
              refusal: closed === 'completed' ? 'COMPLETED' : 'CLOSED',
              status: closed,
              allowed: [],
            },
          );
        }
      }
      throw toDomainError(error, workflowId);
    }
  }

  /**
   * Refuses (404) an id that names no workflow. describe() is answered by the server alone,
   * so this works while workers restart, where a query would wait for one.
   */
  async requireWorkflow(workflowId: string): Promise<void> {
    const client = await this.get();
    try {
      await client.workflow.getHandle(workflowId).describe();
    } catch (error) {
      throw toDomainError(error, workflowId);
    }
  }

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    await connection?.close();
  }
}

const CLOSED: ReadonlySet<string> = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TERMINATED',
  'TIMED_OUT',
]);

/** How a closed workflow ended ('completed', 'terminated', ...), or undefined if it is open or absent. */
async function closedStatus(handle: WorkflowHandle): Promise<string | undefined> {
  try {
    const { status } = await handle.describe();
    return CLOSED.has(status.name) ? status.name.toLowerCase().replace(/_/g, ' ') : undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}

@Global()
@Module({ providers: [TemporalClientProvider], exports: [TemporalClientProvider] })
export class TemporalClientModule {}
