import { NativeConnection, Worker, type ActivityInterceptorsFactory } from '@temporalio/worker';
import { requirePayloadKeys, type AppConfig } from '@salur/libs/config/app-config';
import { encryptingDataConverter } from '@salur/libs/temporal/payload-codec';
import type { Activities } from '@salur/activities';
import { heartbeatInterceptor } from '@salur/activities/heartbeat';
import { webpackConfigHook, WORKFLOWS_PATH } from './workflow-bundle';

export interface WorkerOptions {
  config: AppConfig;
  activities: Activities;
  /** A bundle made once by bundleWorkflowCode (tests); otherwise the worker bundles workflows/. */
  workflowBundlePath?: string;
  /** Activity interceptors run inside the heartbeat one (tests inject faults with them). */
  activityInterceptors?: ActivityInterceptorsFactory[];
}

export async function createSalurWorker(options: WorkerOptions): Promise<{
  worker: Worker;
  connection: NativeConnection;
}> {
  const { config } = options;
  const dataConverter = encryptingDataConverter(requirePayloadKeys(config));
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataConverter,
      activities: options.activities,
      // Lets the workflows give every activity a heartbeat timeout of seconds.
      interceptors: { activity: [heartbeatInterceptor, ...(options.activityInterceptors ?? [])] },
      // A task for a killed worker's sticky queue goes to the shared queue after this, not 10 s.
      stickyQueueScheduleToStartTimeout: '5 seconds',
      ...(options.workflowBundlePath
        ? { workflowBundle: { codePath: options.workflowBundlePath } }
        : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { webpackConfigHook } }),
    });
    return { worker, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
