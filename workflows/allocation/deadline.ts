import type { SopTiming } from '../allocation.types';
import type { SopStatus } from '../sop';

const DAY_MS = 24 * 3600 * 1000;

/** What a deadline depends on: the step, and for a delivery its date and any discrepancy. */
export type DeadlineStatus = Pick<SopStatus, 'step' | 'stepNo' | 'deliveryDate' | 'discrepancy'>;

/** A scheduled delivery waits for its date, not the step SLA, until a discrepancy opens. */
function awaitsScheduledDelivery(status: DeadlineStatus): status is DeadlineStatus & {
  deliveryDate: string;
} {
  return status.step === 'delivery' && !!status.deliveryDate && !status.discrepancy;
}

/**
 * When the allocation counts as stuck (epoch ms): the end of the scheduled delivery day in
 * the delivery time zone (WIB) plus the grace period, or else the step's SLA from entry.
 */
export function stepDeadline(
  status: DeadlineStatus,
  stepEnteredAt: number,
  timing: SopTiming,
): number {
  if (awaitsScheduledDelivery(status)) {
    const offset = timing.deliveryUtcOffset ?? '+07:00';
    return Date.parse(`${status.deliveryDate}T00:00:00${offset}`) + DAY_MS + timing.deliveryGraceMs;
  }
  return stepEnteredAt + (timing.slaByStepMs?.[status.step] ?? timing.stepSlaMs);
}

/** Why the allocation is stuck, for its current details and the programme's view. */
export function overdueReason(status: DeadlineStatus): string {
  return awaitsScheduledDelivery(status)
    ? `delivery scheduled for ${status.deliveryDate} not confirmed within the grace period`
    : `step ${status.stepNo} (${status.step}) has waited longer than its SLA`;
}
