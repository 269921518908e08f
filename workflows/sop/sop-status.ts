import { distributedTotal, openComplaintIds } from './context';
import type { SopEvent } from '@salur/libs/sop/events';
import { refusalReason } from './guards';
import type { Role } from '@salur/libs/sop/roles';
import type { SopSnapshot } from './sop.machine';
import type { AllowedEvent, SopStateMeta, SopStepInfo } from '@salur/libs/sop/steps';

export { STEPS } from '@salur/libs/sop/steps';
export type { AllowedEvent, SopStep, SopStepInfo } from '@salur/libs/sop/steps';
import type { SopStatus } from '@salur/libs/sop/status';
export type { SopCounts, SopStatus } from '@salur/libs/sop/status';

export type SopRefusalCode = 'EVENT_NOT_ALLOWED' | 'ROLE_NOT_ALLOWED' | 'GUARD_FAILED';

export type SopCheck =
  | { ok: true }
  | {
      ok: false;
      code: SopRefusalCode;
      reason: string;
      step: SopStepInfo;
      allowed: AllowedEvent[];
    };

/** The meta of the one atomic state the allocation is in: the only view of internal states. */
function currentMeta(snapshot: SopSnapshot): SopStateMeta {
  const metas = Object.values(snapshot.getMeta()).filter((m) => m !== undefined);
  if (metas.length !== 1) {
    throw new RangeError(`expected one atomic SOP state, found ${metas.length}`);
  }
  return metas[0];
}

const copyEvents = (events: AllowedEvent[]): AllowedEvent[] =>
  events.map((e) => ({ ...e, roles: [...e.roles] }));

function stepOf(meta: SopStateMeta): SopStepInfo {
  return {
    stepNo: meta.stepNo,
    step: meta.step,
    stepName: meta.stepName,
    actors: [...meta.actors],
  };
}

/** Events the allocation accepts now, optionally only those the given role may send. */
export function allowedEvents(snapshot: SopSnapshot, role?: Role): AllowedEvent[] {
  const events = currentMeta(snapshot).events;
  return copyEvents(role === undefined ? events : events.filter((e) => e.roles.includes(role)));
}

/**
 * The one mapping from the machine to what the API, the Temporal query and search attributes
 * show. Nothing else reads state values.
 */
export function publicStatus(snapshot: SopSnapshot): SopStatus {
  const meta = currentMeta(snapshot);
  const c = snapshot.context;
  const { quotaLetterNo, requestLetterNo, proposalBatchId, skDraftId, skNo, spkNo, monevReportNo } =
    c.documents;
  const documents = Object.fromEntries(
    Object.entries({
      quotaLetterNo,
      requestLetterNo,
      proposalBatchId,
      skDraftId,
      skNo,
      spkNo,
      monevReportNo,
    }).filter(([, value]) => value !== undefined),
  );
  return {
    kecamatanCode: c.kecamatanCode,
    ...stepOf(meta),
    phase: meta.phase,
    done: snapshot.status === 'done',
    allowedEvents: copyEvents(meta.events),
    counts: {
      quota: c.quota,
      proposed: c.proposed,
      accepted: c.accepted,
      rejected: c.openRejections,
      withdrawn: c.withdrawn,
      packed: c.passedInspection + c.packedThisRound,
      inspected: c.inspected,
      passedInspection: c.passedInspection,
      handedOver: c.handedOver,
      delivered: c.delivered,
      distributed: distributedTotal(c),
    },
    openRejections: c.openRejections,
    vervalRounds: c.vervalRounds,
    skRejections: c.skRejections.map((r) => ({ ...r })),
    inspectionFailures: c.inspectionFailures.map((f) => ({ ...f })),
    ...(c.deliveryDate === undefined ? {} : { deliveryDate: c.deliveryDate }),
    ...(c.discrepancy === undefined ? {} : { discrepancy: { ...c.discrepancy } }),
    openComplaints: openComplaintIds(c),
    complaintsRecorded: c.complaints.length,
    kelurahan: {
      total: c.kelurahanCodes.length,
      listed: [...c.kelurahanCodes],
      distributed: c.distributions.map((d) => d.kelurahanCode),
      bastCollected: [...c.bastCollected],
    },
    documents,
  };
}

function notAllowedReason(type: string, meta: SopStateMeta, done: boolean): string {
  const where = `step ${meta.stepNo} (${meta.step}: ${meta.stepName})`;
  if (done)
    return `${type} is not allowed: the allocation is completed at ${where}; allowed now: none`;
  const allowed = meta.events.map((e) => e.type).join(', ');
  return `${type} is not allowed at ${where}, phase ${meta.phase}; allowed now: ${allowed}`;
}

function roleReason(role: string, event: AllowedEvent): string {
  const senders = event.roles.join(' or ');
  return event.cityWide
    ? `${role} may not send ${event.type}: it is a city-wide decision sent by the ${senders} workflow`
    : `${role} may not send ${event.type}; it is sent by ${senders}`;
}

/**
 * The verdict on an event: is it expected now, may this role send it, do the SOP's rules allow
 * it. `role` undefined skips the role check (applyEvent: the caller has already authorised).
 */
export function evaluateEvent(
  snapshot: SopSnapshot,
  event: SopEvent,
  role: Role | undefined,
): SopCheck {
  const meta = currentMeta(snapshot);
  const refuse = (code: SopRefusalCode, reason: string): SopCheck => ({
    ok: false,
    code,
    reason,
    step: stepOf(meta),
    allowed: copyEvents(meta.events),
  });
  // Events arrive as JSON; a type outside the union is just another event not allowed here.
  const type: string = event.type;
  const expected = meta.events.find((e) => e.type === type);
  if (expected === undefined) {
    return refuse('EVENT_NOT_ALLOWED', notAllowedReason(type, meta, snapshot.status === 'done'));
  }
  if (role !== undefined && !expected.roles.includes(role)) {
    return refuse('ROLE_NOT_ALLOWED', roleReason(role, expected));
  }
  const reason = refusalReason(snapshot.context, event);
  return reason === null ? { ok: true } : refuse('GUARD_FAILED', reason);
}

/** Whether `role` may send `event` now, and if not, why (with the step and what is allowed). */
export function checkEvent(snapshot: SopSnapshot, event: SopEvent, role: Role): SopCheck {
  return evaluateEvent(snapshot, event, role);
}
