import { type FieldProblem, jsonObjectBody, ValidationFailed } from './errors';
import { VERVAL_OUTCOMES, type VervalOutcome } from './verval';
import { isCalendarDate, UUID } from '../shared';

/**
 * Request bodies of the verval API. The API sets requestedBy/approvedBy/rejectedBy to the
 * signed-in user's id before parsing, so a body cannot name who acts.
 */

export interface WhyRequest {
  nik: string;
  date?: string;
}

export interface OverrideRequest {
  recipientId: string;
  outcome: VervalOutcome;
  reason: string;
  requestedBy: string;
}

export function parseWhyRequest(body: unknown): WhyRequest {
  const input = jsonObjectBody(body);
  const problems: FieldProblem[] = [];
  if (typeof input.nik !== 'string' || input.nik.length === 0 || input.nik.length > 32) {
    problems.push({ field: 'nik', reason: 'must be text of 1-32 characters' });
  }
  if (input.date !== undefined && (typeof input.date !== 'string' || !isCalendarDate(input.date))) {
    problems.push({ field: 'date', reason: 'must be a calendar day YYYY-MM-DD' });
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
  return { nik: input.nik as string, ...(input.date ? { date: input.date as string } : {}) };
}

export function parseOverrideRequest(body: unknown): OverrideRequest {
  const input = jsonObjectBody(body);
  const problems: FieldProblem[] = [];
  if (typeof input.recipientId !== 'string' || !UUID.test(input.recipientId)) {
    problems.push({ field: 'recipientId', reason: 'must be a recipient id (uuid)' });
  }
  if (!(VERVAL_OUTCOMES as readonly unknown[]).includes(input.outcome)) {
    problems.push({ field: 'outcome', reason: `must be one of ${VERVAL_OUTCOMES.join(', ')}` });
  }
  problems.push(...text(input, 'reason', 1000), ...text(input, 'requestedBy', 100));
  if (problems.length > 0) throw new ValidationFailed(problems);
  return {
    recipientId: input.recipientId as string,
    outcome: input.outcome as VervalOutcome,
    reason: (input.reason as string).trim(),
    requestedBy: (input.requestedBy as string).trim(),
  };
}

export function parseOverrideDecision(
  body: unknown,
  decision: 'approve' | 'reject',
): { by: string; reason?: string } {
  const input = jsonObjectBody(body);
  const byField = decision === 'approve' ? 'approvedBy' : 'rejectedBy';
  const problems = text(input, byField, 100);
  if (decision === 'reject') problems.push(...text(input, 'reason', 1000));
  if (problems.length > 0) throw new ValidationFailed(problems);
  return {
    by: (input[byField] as string).trim(),
    ...(decision === 'reject' ? { reason: (input.reason as string).trim() } : {}),
  };
}

export function parseOverrideStatus(
  value: unknown,
): 'pending' | 'approved' | 'rejected' | undefined {
  if (value === undefined) return undefined;
  if (value === 'pending' || value === 'approved' || value === 'rejected') return value;
  throw new ValidationFailed([
    { field: 'status', reason: 'must be one of pending, approved, rejected' },
  ]);
}

function text(input: Record<string, unknown>, field: string, max: number): FieldProblem[] {
  const value = input[field];
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max
    ? []
    : [{ field, reason: `must be non-empty text of at most ${max} characters` }];
}
