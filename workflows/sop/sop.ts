import { initialTransition, transition } from 'xstate';
import type { StateValue } from 'xstate';
import { contextProblems, validateSopInput } from './context';
import type { SopContext, SopInput } from './context';
import type { PayloadProblem, SopEvent } from '@salur/libs/sop/events';
import { sopMachine } from './sop.machine';
import type { SopSnapshot } from './sop.machine';
import { evaluateEvent } from './sop-status';
import type { AllowedEvent, SopRefusalCode, SopStepInfo } from './sop-status';

/** An event the SOP refuses now: wrong step, wrong role, or a rule of the step not met. */
export class SopTransitionError extends Error {
  override readonly name = 'SopTransitionError';

  constructor(
    readonly code: SopRefusalCode,
    readonly reason: string,
    readonly eventType: string,
    readonly step: SopStepInfo,
    readonly allowed: AllowedEvent[],
  ) {
    super(reason);
  }
}

/** Input or a persisted snapshot that cannot start or resume an allocation. */
export class SopInputError extends Error {
  override readonly name = 'SopInputError';
  readonly code = 'INVALID_INPUT';

  constructor(readonly problems: PayloadProblem[]) {
    super(problems.map((p) => `${p.field} ${p.reason}`).join('; '));
  }
}

export function startSop(input: SopInput): SopSnapshot {
  const problems = validateSopInput(input);
  if (problems.length > 0) throw new SopInputError(problems);
  const [snapshot] = initialTransition(sopMachine, {
    kecamatanCode: input.kecamatanCode,
    quota: input.quota,
  });
  return snapshot;
}

/**
 * The next snapshot after `event`. Pure. Throws SopTransitionError when the event is not
 * expected now or a rule refuses it; roles are checked by the caller with checkEvent.
 */
export function applyEvent(snapshot: SopSnapshot, event: SopEvent): SopSnapshot {
  const verdict = evaluateEvent(snapshot, event, undefined);
  if (!verdict.ok) {
    const { code, reason, step, allowed } = verdict;
    throw new SopTransitionError(code, reason, String(event.type), step, allowed);
  }
  const [next] = transition(sopMachine, snapshot, event);
  return next;
}

/** Persisted form of an allocation: plain JSON, e.g. for continue-as-new. */
export interface PersistedSop {
  format: 'sop-snapshot/1';
  value: StateValue;
  context: SopContext;
}

/**
 * The machine has no children, history states or output, so its value and context are the
 * whole snapshot (what getPersistedSnapshot would hold), typed instead of `Snapshot<unknown>`.
 */
export function serializeSnapshot(snapshot: SopSnapshot): PersistedSop {
  return { format: 'sop-snapshot/1', value: snapshot.value, context: snapshot.context };
}

export function restoreSnapshot(persisted: PersistedSop): SopSnapshot {
  if (persisted.format !== 'sop-snapshot/1') {
    throw new SopInputError([{ field: 'format', reason: 'must be sop-snapshot/1' }]);
  }
  const problems = contextProblems(persisted.context).map((reason) => ({
    field: 'context',
    reason,
  }));
  if (problems.length > 0) throw new SopInputError(problems);
  let snapshot: SopSnapshot;
  try {
    snapshot = sopMachine.resolveState({ value: persisted.value, context: persisted.context });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'is not a state of the SOP machine';
    throw new SopInputError([{ field: 'value', reason }]);
  }
  // resolveState fills in initial sub-states; a persisted value must name an atomic state.
  if (JSON.stringify(snapshot.value) !== JSON.stringify(persisted.value)) {
    throw new SopInputError([{ field: 'value', reason: 'must name a complete SOP state' }]);
  }
  return snapshot;
}
