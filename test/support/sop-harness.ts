import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@salur/libs/config/app-config';
import { SopDriver } from './sop-driver';
import { openTestDataSource, startTestWorker, testConfig } from './test-app';

export interface SopHarness {
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  readonly sop: SopDriver;
}

/**
 * For a test file that drives the SOP: a real worker on the test Temporal server, a data
 * source on the test database and a driver, set up before the file's tests and torn
 * down after them. Timing overrides shorten step SLAs for stuck-allocation tests; activity
 * interceptors inject faults into the worker's activities.
 */
export function useSopHarness(
  timing: Partial<AppConfig['sop']> = {},
  activityInterceptors: ActivityInterceptorsFactory[] = [],
): SopHarness {
  const config = testConfig(timing);
  let dataSource: DataSource | undefined;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
  let sop: SopDriver | undefined;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource, activityInterceptors);
    sop = await SopDriver.connect(config, dataSource);
  });
  afterAll(async () => {
    await sop?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the SOP harness is used before its beforeAll ran');
    return value;
  };
  return {
    config,
    get dataSource() {
      return ready(dataSource);
    },
    get sop() {
      return ready(sop);
    },
  };
}
