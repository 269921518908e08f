import {
  getExternalWorkflowHandle,
  setCurrentDetails,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { SopStepAttr, SopStepNoAttr, StuckAttr } from '@salur/libs/temporal/search-attributes';
import type { AllocationProgress } from '../allocation.types';
import { allocationProgressSignal } from '@salur/libs/temporal/definitions';
import type { AllocationState } from './state';

/** The workflow's current details in the Web UI: where it is, who must act, whether it is late. */
export function currentDetails(state: AllocationState): string {
  const { status } = state;
  const actors = status.actors.join(', ') || 'nobody (completed)';
  return [
    `**Step ${status.stepNo}/17: ${status.stepName}**`,
    `phase: ${status.phase}`,
    `who must act: ${actors}`,
    `since: ${new Date(state.stepEnteredAt).toISOString()}`,
    state.stuck ? `STUCK: ${state.stuckReason}` : 'on time',
    `counts: quota ${status.counts.quota}, accepted ${status.counts.accepted}, open rejections ${status.openRejections}, delivered ${status.counts.delivered}, distributed ${status.counts.distributed}`,
  ].join('\n');
}

/** What the programme workflow is told after every change. */
export function progressOf(state: AllocationState, kecamatanCode: string): AllocationProgress {
  const { status } = state;
  return {
    kecamatanCode,
    stepNo: status.stepNo,
    step: status.step,
    phase: status.phase,
    done: status.done,
    stuck: state.stuck,
    allowed: status.allowedEvents.map((e) => e.type),
    transitions: state.transitions,
    lastCityWideId: state.lastCityWideId,
    lastCityWideError: state.lastCityWideError,
  };
}

/** Keeps the search attributes admins filter on and the current details up to date. */
export function publish(state: AllocationState): void {
  upsertSearchAttributes([
    { key: SopStepAttr, value: state.status.step },
    { key: SopStepNoAttr, value: state.status.stepNo },
    { key: StuckAttr, value: state.stuck },
  ]);
  setCurrentDetails(currentDetails(state));
}

/** Signals the programme, when the allocation is one of a programme. */
export async function notifyProgramme(
  programmeWorkflowId: string | undefined,
  state: AllocationState,
  kecamatanCode: string,
): Promise<void> {
  if (!programmeWorkflowId) return;
  await getExternalWorkflowHandle(programmeWorkflowId).signal(
    allocationProgressSignal,
    progressOf(state, kecamatanCode),
  );
}
