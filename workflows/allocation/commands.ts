import type { TransitionContext } from '@salur/activities';
import { FailureTypes, type AllocationCommand } from '@salur/libs/temporal/names';
import type { AllocationInput, CommandRequest } from '../allocation.types';
import { refuse } from '../command-support';
import {
  allowedEvents,
  checkEvent,
  isRole,
  validateEventPayload,
  type Role,
  type SopEvent,
} from '../sop';
import { enrichmentOf } from './enrichment';
import type { AllocationState } from './state';

function refusalDetails({ status }: AllocationState, code: string) {
  return {
    code,
    stepNo: status.stepNo,
    step: status.step,
    phase: status.phase,
    allowed: status.allowedEvents,
  };
}

/** Validates the payload and asks the machine; returns the event or throws the refusal. */
export function checked(
  state: AllocationState,
  candidate: Record<string, unknown>,
  role: Role,
): SopEvent {
  const parsed = validateEventPayload(candidate, state.payloadStandard);
  if (!parsed.ok) {
    refuse(
      FailureTypes.validationFailed,
      parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      { fields: parsed.problems },
    );
  }
  const verdict = checkEvent(state.sop, parsed.event, role);
  if (!verdict.ok) {
    refuse(FailureTypes.transitionRefused, verdict.reason, refusalDetails(state, verdict.code));
  }
  return parsed.event;
}

/**
 * Refuses a command the SOP cannot take now, naming the step and what is allowed. Returns
 * the event, or undefined for a command an activity must complete first (enrichmentOf):
 * those are checked for step and role here, and in full once enriched.
 */
export function ensureAllowed(
  state: AllocationState,
  command: AllocationCommand,
  request: CommandRequest,
): SopEvent | undefined {
  if (!isRole(request?.role)) {
    refuse(FailureTypes.validationFailed, 'role: must be one of the SOP roles', {
      fields: [{ field: 'role', reason: 'must be one of the SOP roles' }],
    });
  }
  if (typeof request.actorId !== 'string' || request.actorId.length === 0) {
    refuse(FailureTypes.validationFailed, 'actorId: must be a non-empty user id', {
      fields: [{ field: 'actorId', reason: 'must be a non-empty user id' }],
    });
  }
  const enrichment = enrichmentOf(command);
  if (enrichment) {
    const rule = allowedEvents(state.sop).find((e) => e.type === enrichment.event);
    if (!rule || !rule.roles.includes(request.role)) {
      const { status } = state;
      const why = !rule
        ? `${command} is not allowed at step ${status.stepNo} (${status.phase})`
        : `role ${request.role} may not send ${command}; allowed: ${rule.roles.join(', ')}`;
      refuse(
        FailureTypes.transitionRefused,
        why,
        refusalDetails(state, !rule ? 'EVENT_NOT_ALLOWED' : 'ROLE_NOT_ALLOWED'),
      );
    }
    return undefined;
  }
  return checked(state, { type: command, ...(request.payload ?? {}) }, request.role);
}

/** What the step's activities are told about the transition they serve. */
export function transitionContext(
  input: Pick<AllocationInput, 'programId' | 'kecamatanCode'>,
  workflowId: string,
  request: { role: Role; actorId: string },
  transitionId: string,
): TransitionContext {
  return {
    workflowId,
    programId: input.programId,
    kecamatanCode: input.kecamatanCode,
    transitionId,
    actorId: request.actorId,
    role: request.role,
  };
}
