import { proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { Activities } from '@salur/activities';

const retry: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '30 seconds',
  maximumAttempts: 20,
};
// Every activity heartbeats while it runs (apps/worker's interceptor): a killed worker is
// noticed within the heartbeat timeout, while a slow database still has minutes to answer.
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '5 seconds',
  retry,
});
// Verval and BAST preparation work on whole proposal sets; they heartbeat, so a dead
// worker is noticed in seconds while a large run may take many minutes.
export const longActs = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '10 seconds',
  retry,
});
