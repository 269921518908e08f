// The public API of the SOP machine. Other code imports from here, never from the machine's
// internals, so state names can change without touching callers.
export { ROLES, isRole } from '@salur/libs/sop/roles';
export type { Role } from '@salur/libs/sop/roles';
export {
  EVENT_RULES,
  SOP_EVENT_TYPES,
  isSopEventType,
  validateEventPayload,
} from '@salur/libs/sop/events';
export type {
  EventRule,
  PayloadProblem,
  PayloadStandard,
  PayloadValidation,
  SopEvent,
  SopEventOf,
  SopEventType,
} from '@salur/libs/sop/events';
export { validateSopInput } from './context';
export { sopMachine } from './sop.machine';
export type {
  SopComplaint,
  SopContext,
  SopDistribution,
  SopDocuments,
  SopInput,
  SopSnapshot,
} from './sop.machine';
export { STEPS, allowedEvents, checkEvent, publicStatus } from './sop-status';
export type {
  AllowedEvent,
  SopCheck,
  SopCounts,
  SopRefusalCode,
  SopStatus,
  SopStep,
  SopStepInfo,
} from './sop-status';
export {
  SopInputError,
  SopTransitionError,
  applyEvent,
  restoreSnapshot,
  serializeSnapshot,
  startSop,
} from './sop';
export type { PersistedSop } from './sop';
